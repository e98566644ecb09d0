import { useState } from 'react';
import { App as AntApp, Alert, Button, DatePicker, Descriptions, Flex, Form, Input, Modal, Select, Skeleton, Tag, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { STATUS_LABELS, type MeasureStatus } from '../../shared/domain/status.ts';
import type { MeasureProgress, StatusEvent } from '../../shared/api/progress.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { STATUS_COLORS, STATUS_OPTIONS, formatDateTime, today } from './labels.ts';

/**
 * One measure's tracking: current status, 记录进展 (status + date + text), 对账销号 (approver and date),
 * 调整时限 (原时限 → 现时限 with a reason) and the history of all of it.
 */
export function ProgressPanel({ measureId, onChanged }: { measureId: string; onChanged?: () => void }) {
  const { message } = AntApp.useApp();
  const progress = useQuery(() => api.send('progress.get', { measureId }), [measureId]);
  const [dialog, setDialog] = useState<'close' | 'deadline' | null>(null);

  const after = async (work: () => Promise<MeasureProgress>, done: string): Promise<boolean> => {
    try {
      await work();
      message.success(done);
      await progress.reload();
      onChanged?.();
      return true;
    } catch (err) {
      message.error(errorMessage(err));
      return false;
    }
  };

  if (progress.error) return <Alert type="error" showIcon title="无法读取措施进展" description={progress.error} />;
  if (!progress.data) return <Skeleton active />;
  const m = progress.data.measure;

  return (
    <section aria-label="整改进展" className="progress-panel">
      <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          整改进展
        </Typography.Title>
        <Tag color={STATUS_COLORS[m.status]} aria-label={`当前状态：${m.statusLabel}`}>
          {m.statusLabel}
        </Tag>
        <Button size="small" icon={<CheckCircleOutlined aria-hidden />} disabled={m.status === 'closed'} onClick={() => setDialog('close')}>
          对账销号
        </Button>
        <Button size="small" icon={<ClockCircleOutlined aria-hidden />} onClick={() => setDialog('deadline')}>
          调整时限
        </Button>
      </Flex>
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="责任领导">{m.leader ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="责任部门">{m.department ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="责任人">{m.person ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={m.originalDeadline !== null ? '现时限' : '完成时限'}>{m.deadline ?? '—'}</Descriptions.Item>
        {m.originalDeadline !== null && <Descriptions.Item label="原时限">{m.originalDeadline}</Descriptions.Item>}
        {m.status === 'closed' && (
          <Descriptions.Item label="销号">
            {[m.closedBy ? `审核人：${m.closedBy}` : null, m.closedOn].filter(Boolean).join('，') || '已销号'}
          </Descriptions.Item>
        )}
      </Descriptions>
      <StatusForm
        current={m.status}
        onSubmit={(v) =>
          after(
            () =>
              v.status === 'closed'
                ? api.send('progress.close', { measureId, approver: v.approver ?? '', date: v.date, note: v.note || null })
                : api.send('progress.setStatus', { measureId, status: v.status, date: v.date, note: v.note || null, by: v.by || null }),
            `已记录：${STATUS_LABELS[v.status]}`,
          )
        }
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        历史记录
      </Typography.Title>
      <History events={progress.data.history} />
      <CloseDialog
        open={dialog === 'close'}
        onCancel={() => setDialog(null)}
        onSubmit={async (v) => {
          if (await after(() => api.send('progress.close', { measureId, ...v }), '已销号')) setDialog(null);
        }}
      />
      <DeadlineDialog
        open={dialog === 'deadline'}
        current={m.deadline}
        onCancel={() => setDialog(null)}
        onSubmit={async (v) => {
          if (await after(() => api.send('progress.changeDeadline', { measureId, ...v }), '已调整完成时限')) setDialog(null);
        }}
      />
    </section>
  );
}

interface StatusValues {
  status: MeasureStatus;
  date: string;
  note: string;
  by: string;
  approver?: string;
}

function StatusForm({ current, onSubmit }: { current: MeasureStatus; onSubmit: (v: StatusValues) => Promise<boolean> }) {
  const [form] = Form.useForm<{ status: MeasureStatus; date: Dayjs; note: string; by: string; approver: string }>();
  const status = Form.useWatch('status', form);
  const [saving, setSaving] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label="记录进展"
      initialValues={{ status: current, date: dayjs(today()), note: '', by: '' }}
      // Recording is deliberate: Enter in a field (e.g. confirming a typed date) must not submit, since
      // every submission becomes a permanent history entry.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
      }}
      onFinish={async (v) => {
        setSaving(true);
        const ok = await onSubmit({ status: v.status, date: v.date.format('YYYY-MM-DD'), note: v.note?.trim() ?? '', by: v.by?.trim() ?? '', approver: v.approver?.trim() });
        setSaving(false);
        if (ok) form.setFieldsValue({ note: '' });
      }}
    >
      <Flex gap={12} wrap>
        <Form.Item label="新状态" name="status" rules={[{ required: true, message: '请选择状态' }]} style={{ width: 150, marginBottom: 8 }}>
          <Select aria-label="新状态" options={STATUS_OPTIONS} />
        </Form.Item>
        <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]} style={{ width: 150, marginBottom: 8 }}>
          <DatePicker aria-label="进展日期" allowClear={false} />
        </Form.Item>
        <Form.Item label="记录人" name="by" style={{ width: 150, marginBottom: 8 }}>
          <Input aria-label="记录人" placeholder="可选" maxLength={100} />
        </Form.Item>
        {status === 'closed' && (
          <Form.Item label="审核销号的领导" name="approver" rules={[{ required: true, whitespace: true, message: '请填写审核销号的领导' }]} style={{ width: 180, marginBottom: 8 }}>
            <Input aria-label="审核销号的领导" maxLength={100} />
          </Form.Item>
        )}
      </Flex>
      <Form.Item label="整改进展/完成情况" name="note" style={{ marginBottom: 8 }}>
        <Input.TextArea aria-label="整改进展" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} placeholder="例如：已召开党组会专题研究，修订完善相关制度2项。" />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<EditOutlined aria-hidden />} loading={saving}>
        记录进展
      </Button>
    </Form>
  );
}

function describe(e: StatusEvent): { title: string; color: string } {
  if (e.kind === 'deadline') return { title: `调整时限：${e.oldDeadline ?? '（未填写）'} → ${e.newDeadline ?? ''}`, color: 'orange' };
  if (e.kind === 'close') return { title: `销号${e.actor ? `（审核人：${e.actor}）` : ''}`, color: 'green' };
  return { title: e.status ? STATUS_LABELS[e.status] : '进展', color: e.status === 'not_done' || e.status === 'delayed' ? 'red' : 'blue' };
}

function History({ events }: { events: StatusEvent[] }) {
  if (events.length === 0) return <Typography.Text type="secondary">还没有记录。</Typography.Text>;
  // Newest first: the secretary looks for the latest state.
  const items = [...events].reverse().map((e) => {
    const d = describe(e);
    return {
      key: e.id,
      color: d.color,
      content: (
        <div>
          <div>
            <strong>{e.date}</strong> {d.title}
          </div>
          {e.note && <div className="ledger-cell">{e.kind === 'deadline' ? `原因：${e.note}` : e.note}</div>}
          {e.source && <Typography.Text type="secondary">{e.source}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.kind !== 'close' && e.actor ? `${e.actor} · ` : ''}记录于 {formatDateTime(e.createdAt)}
          </Typography.Text>
        </div>
      ),
    };
  });
  return (
    <div role="list" aria-label="状态历史">
      <Timeline items={items.map((i) => ({ ...i, content: <div role="listitem">{i.content}</div> }))} />
    </div>
  );
}

/** 对账销号: the approver and the date a 销号 needs (also opened by the editor's status control). */
export function CloseDialog({
  open,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  onCancel: () => void;
  onSubmit: (v: { approver: string; date: string; note: string | null }) => Promise<void>;
}) {
  const [form] = Form.useForm<{ approver: string; date: Dayjs; note: string }>();
  return (
    <Modal open={open} title="对账销号" okText="确认销号" cancelText="取消" onCancel={onCancel} onOk={() => form.submit()} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ date: dayjs(today()) }}
        onFinish={(v) => onSubmit({ approver: v.approver.trim(), date: v.date.format('YYYY-MM-DD'), note: v.note?.trim() || null })}
      >
        <Form.Item label="审核销号的领导" name="approver" rules={[{ required: true, whitespace: true, message: '请填写审核销号的领导' }]}>
          <Input aria-label="审核人" maxLength={100} placeholder="例如：党组书记 张某某" />
        </Form.Item>
        <Form.Item label="销号日期" name="date" rules={[{ required: true, message: '请选择销号日期' }]}>
          <DatePicker aria-label="销号日期" allowClear={false} />
        </Form.Item>
        <Form.Item label="说明" name="note">
          <Input.TextArea aria-label="销号说明" autoSize={{ minRows: 2 }} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeadlineDialog({
  open,
  current,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  current: string | null;
  onCancel: () => void;
  onSubmit: (v: { deadline: string; reason: string; date: string }) => Promise<void>;
}) {
  const [form] = Form.useForm<{ deadline: string; reason: string; date: Dayjs }>();
  return (
    <Modal open={open} title="调整完成时限" okText="确认调整" cancelText="取消" onCancel={onCancel} onOk={() => form.submit()} destroyOnHidden>
      <Typography.Paragraph>
        原时限：<strong>{current ?? '（未填写）'}</strong>
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ date: dayjs(today()) }}
        onFinish={(v) => onSubmit({ deadline: v.deadline.trim(), reason: v.reason.trim(), date: v.date.format('YYYY-MM-DD') })}
      >
        <Form.Item label="现时限" name="deadline" rules={[{ required: true, whitespace: true, message: '请填写新的完成时限' }]}>
          <Input aria-label="现时限" placeholder="例如：2026年6月底前" maxLength={200} />
        </Form.Item>
        <Form.Item label="调整原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写调整时限的原因' }]}>
          <Input.TextArea aria-label="调整原因" autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label="调整日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker aria-label="调整日期" allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
