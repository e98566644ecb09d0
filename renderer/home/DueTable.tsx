import { Table, Tag, Tooltip, Typography } from 'antd';
import type { DueRow } from '../../shared/api/workbench.ts';
import { STATUS_LABELS, isCompleted } from '../../shared/domain/status.ts';
import { navigate } from '../router.ts';
import { STATUS_COLORS } from '../progress/labels.ts';
import { dateText, dueText, trackingHref, trackingTarget } from './due-text.ts';

/**
 * Measures across plans with their deadlines: plan, number path, title, 责任部门, 时限, how late. A row
 * opens the measure in its plan's 整改跟踪; its title is a link, so the keyboard reaches it too. Paged,
 * so 400 overdue items stay a short page.
 */
export function DueTable({
  rows,
  label,
  empty,
  pageSize = 6,
  showStatus = false,
  total,
}: {
  rows: DueRow[];
  /** the table's accessible name (已逾期 …) */
  label: string;
  empty: string;
  pageSize?: number;
  /** a column with each measure's status (the department's full list) */
  showStatus?: boolean;
  /** how many there are in all when `rows` holds only the first of them */
  total?: number;
}) {
  return (
    <Table<DueRow>
      size="small"
      rowKey="measureId"
      aria-label={label}
      className="due-table"
      dataSource={rows}
      locale={{ emptyText: empty }}
      pagination={
        rows.length > pageSize
          ? { pageSize, size: 'small', showSizeChanger: false, showTotal: (n) => (total !== undefined && total > n ? `最早到期的 ${n} 项（共 ${total} 项）` : `共 ${n} 项`) }
          : false
      }
      onRow={(row) => ({ onClick: () => navigate(trackingTarget(row)), className: 'due-row' })}
      columns={[
        {
          title: '方案',
          dataIndex: 'planTitle',
          width: '22%',
          ellipsis: { showTitle: false },
          render: (title: string) => (
            <Tooltip title={title} placement="topLeft">
              <span>{title}</span>
            </Tooltip>
          ),
        },
        { title: '编号', dataIndex: 'path', width: 72 },
        {
          title: '措施',
          dataIndex: 'heading',
          ellipsis: { showTitle: false },
          render: (heading: string, row) => (
            <Tooltip title={heading} placement="topLeft">
              <Typography.Link href={trackingHref(row)} onClick={(e) => e.stopPropagation()}>
                {heading || '（无标题）'}
              </Typography.Link>
            </Tooltip>
          ),
        },
        { title: '责任部门', dataIndex: 'department', width: 110, ellipsis: true, render: (d: string | null) => d ?? <Typography.Text type="secondary">未填写</Typography.Text> },
        {
          title: '时限',
          dataIndex: 'deadline',
          width: 160,
          render: (deadline: string | null, row) => (
            <div className="due-deadline">
              <div className="due-deadline-text">{deadline ?? ''}</div>
              {row.dueDate && !(deadline ?? '').includes(dateText(row.dueDate)) && (
                <Typography.Text type="secondary" className="due-deadline-date">
                  {row.dueAssumed ? `按成文日期推算：${dateText(row.dueDate)}` : `即 ${dateText(row.dueDate)}`}
                </Typography.Text>
              )}
            </div>
          ),
        },
        ...(showStatus
          ? [
              {
                title: '状态',
                dataIndex: 'status',
                width: 90,
                render: (s: DueRow['status']) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag>,
              },
            ]
          : []),
        {
          title: '到期',
          dataIndex: 'daysOverdue',
          width: 96,
          render: (_: unknown, row) =>
            isCompleted(row.status) ? (
              <Typography.Text type="secondary">已完成</Typography.Text>
            ) : (
              <span className={row.overdue ? 'due-late' : row.daysOverdue !== null && row.daysOverdue >= -7 ? 'due-soon' : undefined}>{dueText(row)}</span>
            ),
        },
      ]}
    />
  );
}
