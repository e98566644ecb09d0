import { Alert, Button, Descriptions, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { StoredNode } from '../../shared/api/plans.ts';
import { computeMarkers } from '../../shared/numbering.ts';
import { STATUS_LABELS } from '../../shared/domain/status.ts';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { navigate } from '../router.ts';

/** One plan, its outline read-only (the editor replaces the body of this page). */
export function PlanView({ id }: { id: string }) {
  const plan = useQuery(() => api.send('plans.get', { id }), [id]);
  return (
    <div className="page">
      <Flex align="center" gap={12} className="page-head">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'list' })}>
          返回方案列表
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {plan.data?.title ?? '方案'}
        </Typography.Title>
      </Flex>
      {plan.error && <Alert type="error" showIcon title="无法打开方案" description={plan.error} />}
      {plan.loading && !plan.data && <Skeleton active />}
      {plan.data && <Outline nodes={plan.data.outline} continuous={plan.data.document.level3Numbering === 'continuous'} />}
    </div>
  );
}

function Outline({ nodes, continuous }: { nodes: StoredNode[]; continuous: boolean }) {
  if (nodes.length === 0) return <Empty description="这个方案还没有内容。" />;
  const markers = computeMarkers(nodes, { level3Numbering: continuous ? 'continuous' : 'restart' });
  const render = (list: StoredNode[], depth: number) => (
    <ul className="outline" role={depth === 0 ? 'tree' : 'group'} aria-label={depth === 0 ? '方案大纲' : undefined}>
      {list.map((node) => (
        <li key={node.id} role="treeitem" aria-selected={false}>
          <div className={`outline-node outline-${node.kind}`}>
            <span className="marker">{markers.get(node)}</span>
            <span className="heading">{node.heading || node.body[0] || '（空）'}</span>
            {node.measure && <Tag>{STATUS_LABELS[node.measure.status]}</Tag>}
          </div>
          {node.measure && (node.measure.department ?? node.measure.deadline) && (
            <Descriptions size="small" column={3} className="measure-fields">
              <Descriptions.Item label="责任领导">{node.measure.leader ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="责任部门">{node.measure.department ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="完成时限">{node.measure.deadline ?? '—'}</Descriptions.Item>
            </Descriptions>
          )}
          {node.children.length > 0 && render(node.children, depth + 1)}
        </li>
      ))}
    </ul>
  );
  return render(nodes, 0);
}
