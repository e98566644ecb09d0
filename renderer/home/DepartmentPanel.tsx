import { useState } from 'react';
import { Alert, Button, Card, Drawer, Skeleton, Table, Typography } from 'antd';
import type { GroupStats } from '../../shared/api/progress.ts';
import { isCompleted } from '../../shared/domain/status.ts';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { today } from '../progress/labels.ts';
import { DueTable } from './DueTable.tsx';

/**
 * 按责任部门 across every plan not archived: 措施, 已完成, 逾期, 完成率. A department opens the list of
 * its measures in all plans, open ones by due date first.
 */
export function DepartmentPanel({ departments }: { departments: GroupStats[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  // Overdue work first, then the most still open: what the secretary chases.
  const rows = [...departments].sort((a, b) => b.overdue - a.overdue || b.total - b.completed - (a.total - a.completed) || a.name.localeCompare(b.name, 'zh'));
  return (
    <Card size="small" className="home-card" title="按责任部门" role="region" aria-label="按责任部门">
      <Table<GroupStats>
        size="small"
        rowKey="name"
        aria-label="按责任部门统计"
        className="department-table"
        dataSource={rows}
        pagination={false}
        scroll={{ y: 236 }}
        locale={{ emptyText: '还没有填写责任部门的措施' }}
        onRow={(g) => ({ onClick: () => setChosen(g.name), className: 'due-row' })}
        columns={[
          {
            title: '责任部门',
            dataIndex: 'name',
            ellipsis: true,
            render: (name: string) => (
              <Button
                type="link"
                size="small"
                className="department-name"
                onClick={(e) => {
                  e.stopPropagation();
                  setChosen(name);
                }}
              >
                {name}
              </Button>
            ),
          },
          { title: '措施', dataIndex: 'total', width: 52, align: 'right' },
          { title: '已完成', dataIndex: 'completed', width: 60, align: 'right' },
          {
            title: '逾期',
            dataIndex: 'overdue',
            width: 52,
            align: 'right',
            render: (n: number) => <span className={n > 0 ? 'due-late' : undefined}>{n}</span>,
          },
          { title: '完成率', dataIndex: 'completionRateText', width: 72, align: 'right' },
        ]}
      />
      <Drawer open={chosen !== null} onClose={() => setChosen(null)} size={960} title={chosen ? `${chosen}的整改措施（全部方案）` : ''} destroyOnHidden>
        {chosen && <DepartmentMeasures department={chosen} />}
      </Drawer>
    </Card>
  );
}

function DepartmentMeasures({ department }: { department: string }) {
  const list = useQuery(() => api.send('workbench.due', { department, includeDone: true, includeUndated: true, today: today() }), [department]);
  if (list.error) return <Alert type="error" showIcon title="无法读取该部门的措施" description={list.error} />;
  if (!list.data) return <Skeleton active />;
  const open = list.data.filter((r) => !isCompleted(r.status)).length;
  return (
    <>
      <Typography.Paragraph type="secondary">
        共 {list.data.length} 项，其中未完成 {open} 项。点击一项，在其方案的“整改跟踪”中打开。
      </Typography.Paragraph>
      <DueTable rows={list.data} label={`${department}的措施`} empty="没有措施" pageSize={12} showStatus />
    </>
  );
}
