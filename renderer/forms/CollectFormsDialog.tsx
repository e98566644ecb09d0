import { useState, type DragEvent, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Empty, Flex, Modal, Space, Table, Tag, Typography } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { PickedFile } from '../../shared/api/bridge.ts';
import { REVIEW_FIELD_LABELS, type CollectResult, type ReviewChange, type ReviewRow } from '../../shared/api/forms.ts';
import { STATUS_LABELS, type MeasureStatus } from '../../shared/domain/status.ts';
import { api, errorMessage } from '../api/client.ts';
import { openFiles, readPickedFile } from '../api/platform.ts';
import { STATUS_COLORS } from '../progress/labels.ts';
import './forms.css';

/**
 * 回收填报表: the departments' returned files (chosen or dropped, several at once) → a review table per
 * row: old → new status, the progress text, dates, who reported, and what speaks against applying it.
 * Rows without conflicts are ticked; the user ticks or unticks any, then applies.
 */

function statusTag(value: string | null): ReactNode {
  if (value === null) return null;
  const s = value as MeasureStatus;
  return <Tag color={STATUS_COLORS[s] ?? 'default'}>{STATUS_LABELS[s] ?? value}</Tag>;
}

function ChangeLine({ change }: { change: ReviewChange }) {
  if (change.field === 'status') {
    return (
      <div>
        状态：{statusTag(change.from)}→ {statusTag(change.to)}
      </div>
    );
  }
  return (
    <div className="forms-change">
      <Typography.Text type="secondary">{REVIEW_FIELD_LABELS[change.field]}：</Typography.Text>
      {change.to}
    </div>
  );
}

function selectable(r: ReviewRow): boolean {
  return r.applicable && !r.alreadyApplied;
}

function defaultSelection(rows: readonly ReviewRow[]): string[] {
  return rows.filter((r) => selectable(r) && r.conflicts.length === 0 && r.changes.length > 0).map((r) => r.key);
}

export function CollectFormsDialog({ planId, onClose, onChanged }: { planId: string; onClose: () => void; onChanged: () => void }) {
  const { message } = AntApp.useApp();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [review, setReview] = useState<CollectResult | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [addAnyway, setAddAnyway] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);

  const load = async (next: PickedFile[]): Promise<void> => {
    setFiles(next);
    setError(null);
    setBusy('collect');
    try {
      const r = await api.send('forms.collect', { files: next.map((f) => ({ name: f.name, dataBase64: f.dataBase64 })), planId });
      setReview(r);
      setSelected(defaultSelection(r.rows));
      setAddAnyway([]);
    } catch (err) {
      setReview(null);
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const add = (picked: PickedFile[]): void => {
    if (picked.length === 0) return;
    // The same file chosen again replaces the earlier copy.
    const names = new Set(picked.map((f) => f.name));
    void load([...files.filter((f) => !names.has(f.name)), ...picked]);
  };

  const choose = async (): Promise<void> => {
    add(await openFiles({ title: '选择部门报回的填报表', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }], multiple: true }));
  };

  const onDrop = async (e: DragEvent<HTMLDivElement>): Promise<void> => {
    e.preventDefault();
    setDragOver(false);
    add(await Promise.all(Array.from(e.dataTransfer.files).map(readPickedFile)));
  };

  const apply = async (): Promise<void> => {
    setBusy('apply');
    setError(null);
    try {
      const payload = { files: files.map((f) => ({ name: f.name, dataBase64: f.dataBase64 })), planId };
      const r = await api.send('forms.apply', { ...payload, accept: selected, addAnyway });
      message.success(`已应用${r.applied}行（${r.changes.length}处变化）`);
      onChanged();
      // Read again: applied rows now show as applied; what was left stays to decide.
      const again = await api.send('forms.collect', payload);
      setReview(again);
      setSelected(defaultSelection(again.rows).filter((k) => !r.rows.some((x) => x.key === k && selected.includes(k))));
      setAddAnyway([]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const rows = review?.rows ?? [];
  // Headers for the forms read: 问题编号 and the proposed measure when all of them are 征求措施表.
  const proposals = rows.length > 0 && rows.every((r) => r.kind === 'proposals');
  const columns: ColumnsType<ReviewRow> = [
    {
      key: 'who',
      title: '部门与文件',
      width: 170,
      render: (_, r) => (
        <div>
          <div>{r.department ?? '（未注明部门）'}</div>
          <Typography.Text type="secondary" className="forms-file">
            {r.file}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'path', title: proposals ? '问题编号' : '编号', width: 80, render: (_, r) => r.path },
    {
      key: 'what',
      title: proposals ? '问题 / 提出的措施' : rows.some((r) => r.kind === 'proposals') ? '整改措施（征求措施表：问题 / 提出的措施）' : '整改措施',
      width: 240,
      render: (_, r) =>
        r.kind === 'proposals' ? (
          <div>
            <Typography.Text type="secondary">{r.problem}</Typography.Text>
            <div>{r.heading}</div>
          </div>
        ) : (
          r.heading
        ),
    },
    {
      key: 'changes',
      title: '报送内容',
      render: (_, r) =>
        r.alreadyApplied ? (
          <Typography.Text type="secondary">已应用过，无新内容</Typography.Text>
        ) : r.changes.length === 0 && r.duplicateOf ? (
          <Typography.Text type="secondary">已有相同措施，不重复添加</Typography.Text>
        ) : (
          r.changes.map((c) => <ChangeLine key={c.field} change={c} />)
        ),
    },
    { key: 'reporter', title: '填报人', width: 130, render: (_, r) => [r.reporter, r.reportedOn].filter(Boolean).join(' ') },
    {
      key: 'flags',
      title: '提示',
      width: 260,
      render: (_, r) => (
        <Space orientation="vertical" size={4}>
          {r.conflicts.map((c, i) => (
            <Typography.Text key={i} type="danger" className="forms-conflict">
              {c.reason}
            </Typography.Text>
          ))}
          {r.duplicateOf && (
            <>
              <Tag color="orange" className="forms-duplicate">
                与{r.duplicateOf.path}“{r.duplicateOf.heading}”相同或相近（{Math.round(r.duplicateOf.similarity * 100)}%）
              </Tag>
              {selectable(r) && (
                <Checkbox
                  aria-label={`${r.heading}仍作为新措施添加`}
                  checked={addAnyway.includes(r.key)}
                  onChange={(e) => {
                    setAddAnyway((all) => (e.target.checked ? [...all, r.key] : all.filter((k) => k !== r.key)));
                    if (e.target.checked) setSelected((all) => (all.includes(r.key) ? all : [...all, r.key]));
                  }}
                >
                  仍作为新措施添加
                </Checkbox>
              )}
            </>
          )}
        </Space>
      ),
    },
  ];

  const applicable = rows.filter(selectable).map((r) => r.key);
  return (
    <Modal
      open
      title="回收填报表"
      width={1240}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center">
          <Space>
            <Button onClick={() => setSelected(applicable)} disabled={applicable.length === 0}>
              全部接受
            </Button>
            <Button onClick={() => setSelected([])} disabled={selected.length === 0}>
              全部不接受
            </Button>
          </Space>
          <Space>
            <Button onClick={onClose}>关闭</Button>
            <Button type="primary" loading={busy === 'apply'} disabled={selected.length === 0 || busy !== null} onClick={() => void apply()}>
              应用所选（{selected.length}行）
            </Button>
          </Space>
        </Flex>
      }
    >
      <div
        role="region"
        aria-label="拖入填报表文件"
        className={`forms-drop${dragOver ? ' forms-drop-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <InboxOutlined aria-hidden className="forms-drop-icon" />
        <span>把部门报回的填报表（.xlsx，可一次多个）拖到这里，或</span>
        <Button onClick={() => void choose()} loading={busy === 'collect'}>
          选择文件
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {review && review.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={`${review.errors.length}个文件无法读取，其中的内容都不会应用`}
          description={
            <ul className="forms-errors">
              {review.errors.map((e) => (
                <li key={e.file}>{e.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {review && (
        <Typography.Paragraph style={{ marginTop: 12 }} role="status" aria-label="回收统计">
          读取了{review.forms.length}份填报表：{rows.length}行，其中有冲突的{rows.filter((r) => r.conflicts.length > 0).length}行（默认不应用，可逐行勾选）
          {rows.some((r) => r.alreadyApplied) ? `，已应用过的${rows.filter((r) => r.alreadyApplied).length}行` : ''}。
        </Typography.Paragraph>
      )}
      {review ? (
        <Table<ReviewRow>
          size="small"
          bordered
          rowKey="key"
          aria-label="回收内容核对"
          dataSource={rows}
          columns={columns}
          pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
          scroll={{ y: 420 }}
          rowClassName={(r) => (r.conflicts.length > 0 ? 'forms-row-conflict' : '')}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (r) => ({ disabled: !selectable(r), 'aria-label': `接受${r.path}` }),
          }}
          locale={{ emptyText: <Empty description="这些文件中没有需要应用的内容" /> }}
        />
      ) : (
        !error && <Empty style={{ marginTop: 24 }} description="还没有选择文件" />
      )}
    </Modal>
  );
}
