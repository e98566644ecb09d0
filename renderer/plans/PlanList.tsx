import { useState, type ReactNode } from 'react';
import { App as AntApp, Alert, Button, Flex, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { WorkbenchPlan } from '../../shared/api/workbench.ts';
import { MEASURE_STATUSES, STATUS_LABELS, type MeasureStatus } from '../../shared/domain/status.ts';
import { planKindLabel } from '../../shared/domain/plan-kind.ts';
import { api, errorMessage } from '../api/client.ts';
import { STATUS_BAR_COLORS } from '../progress/labels.ts';
import { dateText } from '../home/due-text.ts';
import { ExportPackageButton } from '../exchange/PackageActions.tsx';

/** The counts by state the list shows, in the order a secretary reads them; the tooltip has all nine. */
const STATE_GROUPS: { label: string; statuses: MeasureStatus[]; color: string }[] = [
  { label: '已完成', statuses: ['done', 'closed'], color: STATUS_BAR_COLORS.done },
  { label: '推进中', statuses: ['in_progress', 'mostly_done', 'close_requested'], color: STATUS_BAR_COLORS.in_progress },
  { label: '长期坚持', statuses: ['ongoing'], color: STATUS_BAR_COLORS.ongoing },
  { label: '未启动', statuses: ['not_started'], color: STATUS_BAR_COLORS.not_started },
  { label: '未完成', statuses: ['not_done', 'delayed'], color: STATUS_BAR_COLORS.not_done },
];

function StateCounts({ plan }: { plan: WorkbenchPlan }) {
  const by = plan.progress.byStatus;
  const groups = STATE_GROUPS.map((g) => ({ ...g, n: g.statuses.reduce((sum, s) => sum + (by[s] ?? 0), 0) })).filter((g) => g.n > 0);
  if (plan.progress.total === 0) return <Typography.Text type="secondary">还没有措施</Typography.Text>;
  const detail = MEASURE_STATUSES.filter((s) => (by[s] ?? 0) > 0)
    .map((s) => `${STATUS_LABELS[s]} ${by[s]}项`)
    .join('，');
  return (
    <Tooltip title={`共${plan.progress.total}项：${detail}`}>
      <div className="state-counts" aria-label={`共${plan.progress.total}项：${detail}`}>
        <div className="state-bar" aria-hidden>
          {groups.map((g) => (
            <span key={g.label} style={{ flex: g.n, background: g.color }} />
          ))}
        </div>
        <div className="state-words">
          {groups.map((g) => (
            <span key={g.label}>
              {g.label}
              {g.n}
            </span>
          ))}
        </div>
      </div>
    </Tooltip>
  );
}

function RateBar({ plan }: { plan: WorkbenchPlan }) {
  const { completionRate: rate, completionRateText: text } = plan.progress;
  return (
    <div className="rate-bar" aria-label={`完成率 ${text}`}>
      <div className="bar-track" aria-hidden>
        <div className="bar-fill" style={{ width: `${Math.min(100, rate)}%`, background: rate >= 100 ? '#52c41a' : '#1677ff' }} />
      </div>
      <span className="rate-text">{text}</span>
    </div>
  );
}

function nextDue(plan: WorkbenchPlan, todayIso: string) {
  const date = plan.progress.nextDueDate;
  if (!date) return <Typography.Text type="secondary">—</Typography.Text>;
  const days = dayjs(date).diff(dayjs(todayIso), 'day');
  return (
    <div>
      <div>{dateText(date)}</div>
      <Typography.Text type={days <= 7 ? 'warning' : 'secondary'} className="due-deadline-date">
        {days === 0 ? '今天到期' : `${days}天后`}
      </Typography.Text>
    </div>
  );
}

/** Open plans sort before those without a next deadline, whichever way the column is sorted. */
function byNextDue(a: WorkbenchPlan, b: WorkbenchPlan): number {
  const x = a.progress.nextDueDate ?? '9999-12-31';
  const y = b.progress.nextDueDate ?? '9999-12-31';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * 方案列表 on the 工作台: each plan's kind, 完成率, counts by state, 逾期 (red) and next deadline, sortable
 * by any of them; 归档 puts a finished plan away (恢复 brings it back), 删除 stays for a mistake.
 */
export function PlanList({
  plans,
  loading,
  today,
  reload,
  showArchived,
  onShowArchived,
  archivedCount,
  empty,
}: {
  plans: WorkbenchPlan[];
  loading: boolean;
  today: string;
  reload: () => Promise<void>;
  showArchived: boolean;
  onShowArchived: (show: boolean) => void;
  archivedCount: number;
  empty: ReactNode;
}) {
  const { message } = AntApp.useApp();
  const [renaming, setRenaming] = useState<WorkbenchPlan | null>(null);

  const act = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await work();
      message.success(done);
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <section aria-labelledby="plan-list-title" className="home-plans">
      <Flex justify="space-between" align="center" className="home-section-head">
        <Typography.Title level={3} id="plan-list-title" style={{ margin: 0 }}>
          方案列表
        </Typography.Title>
        {(archivedCount > 0 || showArchived) && (
          <Space size={6}>
            <Switch size="small" checked={showArchived} onChange={onShowArchived} aria-label="显示已归档的方案" />
            <span>显示已归档的方案（{archivedCount}）</span>
          </Space>
        )}
      </Flex>
      <Table<WorkbenchPlan>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={plans}
        pagination={plans.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        rowClassName={(p) => (p.archived ? 'plan-archived' : '')}
        locale={{ emptyText: empty }}
        showSorterTooltip={false}
        columns={[
          {
            // Not 方案标题: a sortable header is labelled by its title, and 方案标题 is the rename and new-plan dialogs' field.
            title: '方案',
            dataIndex: 'title',
            sorter: (a, b) => a.title.localeCompare(b.title, 'zh'),
            render: (title: string, plan) => (
              <Space size={4} wrap>
                <Typography.Link href={`#/plan/${encodeURIComponent(plan.id)}`}>{title}</Typography.Link>
                {plan.archived && <Tag>已归档</Tag>}
              </Space>
            ),
          },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 96,
            sorter: (a, b) => planKindLabel(a.kind).localeCompare(planKindLabel(b.kind), 'zh'),
            render: (kind: string) => planKindLabel(kind),
          },
          {
            title: '完成率',
            key: 'rate',
            width: 150,
            sorter: (a, b) => a.progress.completionRate - b.progress.completionRate,
            render: (_: unknown, plan) => <RateBar plan={plan} />,
          },
          {
            title: '措施状态',
            key: 'states',
            width: 180,
            sorter: (a, b) => a.progress.total - a.progress.completed - (b.progress.total - b.progress.completed),
            render: (_: unknown, plan) => <StateCounts plan={plan} />,
          },
          {
            title: '逾期',
            key: 'overdue',
            width: 72,
            align: 'right',
            sorter: (a, b) => a.progress.overdue - b.progress.overdue,
            render: (_: unknown, plan) => <span className={plan.progress.overdue > 0 ? 'due-late overdue-count' : 'overdue-count'}>{plan.progress.overdue}</span>,
          },
          { title: '下一到期', key: 'next', width: 124, sorter: byNextDue, render: (_: unknown, plan) => nextDue(plan, today) },
          {
            title: '最后修改',
            dataIndex: 'updatedAt',
            width: 104,
            sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
            render: (t: string) => (
              <Tooltip title={dayjs(t).format('YYYY-MM-DD HH:mm')}>
                <span>{dayjs(t).format('YYYY-MM-DD')}</span>
              </Tooltip>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 300,
            render: (_: unknown, plan) => (
              <Space size={0}>
                {plan.archived ? (
                  <Button size="small" type="link" onClick={() => void act(() => api.send('plans.unarchive', { id: plan.id }), `已恢复“${plan.title}”`)}>
                    恢复
                  </Button>
                ) : (
                  <Tooltip title="整改完成后归档：不再出现在方案列表和到期提醒中，可随时恢复">
                    <Button size="small" type="link" onClick={() => void act(() => api.send('plans.archive', { id: plan.id }), `已归档“${plan.title}”，可在“显示已归档的方案”中恢复`)}>
                      归档
                    </Button>
                  </Tooltip>
                )}
                <ExportPackageButton plan={plan} type="link" />
                <Button size="small" type="link" onClick={() => setRenaming(plan)}>
                  重命名
                </Button>
                <Button size="small" type="link" onClick={() => void act(() => api.send('plans.duplicate', { id: plan.id }), '已复制')}>
                  复制
                </Button>
                <Popconfirm
                  title="删除方案"
                  description={`确定删除“${plan.title}”吗？删除后无法恢复。`}
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => act(() => api.send('plans.delete', { id: plan.id }), '已删除')}
                >
                  <Button size="small" type="link" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <TitleDialog
        open={renaming !== null}
        heading="重命名方案"
        okText="确定"
        initial={renaming?.title ?? ''}
        onCancel={() => setRenaming(null)}
        onSubmit={async (title) => {
          if (!renaming) return;
          await api.send('plans.rename', { id: renaming.id, title });
          setRenaming(null);
          message.success('已重命名');
          await reload();
        }}
      />
    </section>
  );
}

function TitleDialog(props: {
  open: boolean;
  heading: string;
  okText: string;
  initial: string;
  onCancel: () => void;
  onSubmit: (title: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ title: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={props.open}
      title={props.heading}
      okText={props.okText}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      afterOpenChange={() => setError(null)}
      onCancel={props.onCancel}
      onOk={async () => {
        const { title } = await form.validateFields();
        setBusy(true);
        try {
          await props.onSubmit(title.trim());
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ title: props.initial }}>
        <Form.Item
          label="方案标题"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请输入方案标题' }, { max: 200, message: '标题不能超过200字' }]}
        >
          <Input placeholder="例如：关于2025年度民主生活会查摆问题的整改方案" autoFocus />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
