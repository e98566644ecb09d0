import { useState } from 'react';
import { App as AntApp, Alert, Button, Empty, Modal, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { NodeChange, RevisionDiff, RevisionSummary } from '../../shared/api/editor.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import type { PlanStore } from './plan-store.ts';

const CHANGE_LABELS: Record<NodeChange['change'], { text: string; color: string }> = {
  added: { text: '新增', color: 'green' },
  removed: { text: '删除', color: 'red' },
  changed: { text: '修改', color: 'blue' },
  moved: { text: '移动', color: 'purple' },
};

/** 历史版本: snapshots by time, a per-node comparison with now, and restore (itself undoable). */
export function HistoryPanel({ store, planId, tick }: { store: PlanStore; planId: string; tick: number }) {
  const { message } = AntApp.useApp();
  const revisions = useQuery(() => api.send('revisions.list', { planId }), [planId, tick]);
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);

  const compare = async (rev: RevisionSummary): Promise<void> => {
    try {
      await store.flush();
      setDiff(await api.send('revisions.diff', { revisionId: rev.id }));
      setDiffError(null);
    } catch (err) {
      setDiffError(errorMessage(err));
    }
  };

  const restore = async (rev: RevisionSummary): Promise<void> => {
    try {
      await store.flush();
      await store.run('恢复历史版本', (version) => api.send('revisions.restore', { revisionId: rev.id, expectedVersion: version }));
      await store.reload();
      setDiff(null);
      message.success(`已恢复到 ${dayjs(rev.createdAt).format('MM-DD HH:mm:ss')} 的版本（可撤销）`);
      await revisions.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <div className="side-content" role="region" aria-label="历史版本">
      <div className="muted small">每次按“保存”（Ctrl+S）以及导入、导出、批量修改前都会留存一个版本。</div>
      {revisions.error && <Alert type="error" showIcon title="读取历史版本失败" description={revisions.error} />}
      {diffError && <Alert type="error" showIcon title={diffError} />}
      {revisions.loading && !revisions.data && <Skeleton active />}
      {revisions.data?.length === 0 && <Empty description="还没有历史版本。按 Ctrl+S 保存一个。" />}
      <ul className="revision-list" aria-label="版本列表">
        {revisions.data?.map((rev) => (
          <li key={rev.id} className="revision" aria-label={`${dayjs(rev.createdAt).format('YYYY-MM-DD HH:mm:ss')} ${rev.reason}`}>
            <div>
              <strong>{dayjs(rev.createdAt).format('YYYY-MM-DD HH:mm:ss')}</strong> <Tag>{rev.reason}</Tag>
            </div>
            <div className="muted small">
              {rev.title.slice(0, 30)} · {rev.measureCount} 项措施
            </div>
            <Space size="small">
              <Button size="small" onClick={() => void compare(rev)}>
                与当前对比
              </Button>
              <Popconfirm
                title="恢复到这个版本？"
                description="恢复前会自动保存当前内容，恢复后也可撤销。"
                okText="恢复"
                cancelText="取消"
                onConfirm={() => restore(rev)}
              >
                <Button size="small">恢复</Button>
              </Popconfirm>
            </Space>
          </li>
        ))}
      </ul>
      <Modal
        open={diff !== null}
        title={diff ? `与 ${dayjs(diff.revision.createdAt).format('YYYY-MM-DD HH:mm:ss')} 的版本对比` : ''}
        width={860}
        onCancel={() => setDiff(null)}
        footer={
          diff && (
            <Space>
              <Button onClick={() => setDiff(null)}>关闭</Button>
              <Popconfirm title="恢复到这个版本？" okText="恢复" cancelText="取消" onConfirm={() => restore(diff.revision)}>
                <Button type="primary">恢复此版本</Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        {diff && <DiffView diff={diff} />}
      </Modal>
    </div>
  );
}

function DiffView({ diff }: { diff: RevisionDiff }) {
  if (diff.header.length === 0 && diff.nodes.length === 0) return <Empty description="与当前内容相同" />;
  return (
    <div className="diff" aria-label="版本差异">
      <div className="muted small">
        {diff.nodes.length} 处节点变化，{diff.unchangedCount} 个节点未变。左为当时，右为现在。
      </div>
      {diff.header.map((h) => (
        <div key={h.field} className="diff-item">
          <Tag color="blue">{h.label}</Tag>
          <div className="diff-cols">
            <del>{h.before || '（空）'}</del>
            <ins>{h.after || '（空）'}</ins>
          </div>
        </div>
      ))}
      {diff.nodes.map((n) => {
        const c = CHANGE_LABELS[n.change];
        const before = n.before;
        const after = n.after;
        return (
          <div key={`${n.nodeId}:${n.change}`} className="diff-item">
            <div>
              <Tag color={c.color}>{c.text}</Tag>
              <Typography.Text type="secondary">{(after ?? before)?.path.join(' › ')}</Typography.Text>
              {n.labels.length > 0 && <span className="muted small"> （{n.labels.join('、')}）</span>}
            </div>
            <div className="diff-cols">
              <del>{before ? `${before.marker}${before.heading}${before.body.length ? ' ' + before.body.join(' ') : ''}` : '（无）'}</del>
              <ins>{after ? `${after.marker}${after.heading}${after.body.length ? ' ' + after.body.join(' ') : ''}` : '（无）'}</ins>
            </div>
          </div>
        );
      })}
    </div>
  );
}
