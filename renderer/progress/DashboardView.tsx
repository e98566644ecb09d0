import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { MEASURE_STATUSES, STATUS_LABELS } from '../../shared/domain/status.ts';
import type { Dashboard, DueItem, GroupStats } from '../../shared/api/progress.ts';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { STATUS_BAR_COLORS, STATUS_COLORS, today } from './labels.ts';
import './tracking.css';

/**
 * 进度看板: totals by status, 完成率, by department and by leader, overdue (red) and due within 7 days
 * (amber). Charts are plain CSS bars: nothing to load, nothing that needs the network.
 */
export function DashboardView({ planId, version, onOpenMeasure }: { planId: string; version?: number; onOpenMeasure?: (id: string) => void }) {
  const dashboard = useQuery(() => api.send('progress.dashboard', { planId, today: today() }), [planId, version]);
  if (dashboard.error) return <Alert type="error" showIcon title="无法读取进度看板" description={dashboard.error} />;
  if (!dashboard.data) return <Skeleton active />;
  const d = dashboard.data;
  if (d.counts.measures === 0) return <Empty description="这个方案还没有整改措施。" />;
  return (
    <div aria-label="进度看板" role="region">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={4}>
          <Card size="small">
            <Statistic title="问题" value={d.counts.problems} suffix="个" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="整改措施" value={d.counts.measures} suffix="项" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="已完成（含销号）" value={d.counts.completed} suffix="项" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="已销号" value={d.counts.closed} suffix="项" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            {/* The printed text, so the view shows exactly what the report says (98.71%, 76%). */}
            <Statistic title="完成率" value={d.counts.completionRateText} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="逾期" value={d.overdue.length} suffix="项" styles={{ content: { color: d.overdue.length > 0 ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="按状态统计" style={{ marginBottom: 16 }}>
            <StatusBars counts={d.counts.byStatus} total={d.counts.measures} />
          </Card>
        </Col>
        <Col span={12}>
          <DueLists d={d} {...(onOpenMeasure ? { onOpenMeasure } : {})} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <GroupTable title="按责任部门" nameLabel="责任部门" groups={d.byDepartment} />
        </Col>
        <Col span={12}>
          <GroupTable title="按责任领导" nameLabel="责任领导" groups={d.byLeader} />
        </Col>
      </Row>
    </div>
  );
}

function StatusBars({ counts, total }: { counts: Record<string, number>; total: number }) {
  const max = Math.max(1, ...Object.values(counts));
  return (
    <div className="bar-chart" role="list" aria-label="各状态措施数">
      {MEASURE_STATUSES.map((s) => {
        const n = counts[s] ?? 0;
        return (
          <div key={s} role="listitem" aria-label={`${STATUS_LABELS[s]}：${n}项`} style={{ display: 'contents' }}>
            <span>{STATUS_LABELS[s]}</span>
            <div className="bar-track" aria-hidden>
              <div className="bar-fill" style={{ width: `${(n / max) * 100}%`, background: STATUS_BAR_COLORS[s] }} />
            </div>
            <span style={{ textAlign: 'right' }}>
              {n}项{n > 0 && total > 0 ? `（${Math.round((n / total) * 100)}%）` : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}

function RateBar({ rate, text }: { rate: number; text: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6 }} aria-label={`完成率 ${text}`}>
      <div className="bar-track" style={{ flex: 1 }} aria-hidden>
        <div className="bar-fill" style={{ width: `${Math.min(100, rate)}%`, background: rate >= 100 ? '#52c41a' : '#1677ff' }} />
      </div>
      <span style={{ width: '4.5em', textAlign: 'right' }}>{text}</span>
    </div>
  );
}

function GroupTable({ title, nameLabel, groups }: { title: string; nameLabel: string; groups: GroupStats[] }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      <Table<GroupStats>
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={groups}
        aria-label={`${title}统计`}
        columns={[
          { title: nameLabel, dataIndex: 'name' },
          { title: '措施', dataIndex: 'total', width: 60, align: 'right' },
          { title: '已完成', dataIndex: 'completed', width: 70, align: 'right' },
          {
            title: '逾期',
            dataIndex: 'overdue',
            width: 60,
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
          { title: '完成率', key: 'rate', width: 170, render: (_, g) => <RateBar rate={g.completionRate} text={g.completionRateText} /> },
        ]}
      />
    </Card>
  );
}

function DueLists({ d, onOpenMeasure }: { d: Dashboard; onOpenMeasure?: (id: string) => void }) {
  const item = (i: DueItem, overdue: boolean) => (
    <li key={i.id} className={overdue ? 'due-overdue' : 'due-soon'}>
      <div>
        <span className="measure-path">{i.path}</span>
        {onOpenMeasure ? (
          <a
            href="#"
            onClick={(e) => {
              e.preventDefault();
              onOpenMeasure(i.id);
            }}
          >
            {i.heading}
          </a>
        ) : (
          i.heading
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[i.department, i.leader].filter(Boolean).join(' · ')} · 时限 {i.deadline ?? i.deadlineDate} ·{' '}
      </Typography.Text>
      <Tag color={overdue ? 'red' : 'gold'}>{overdue ? `已逾期 ${i.days} 天` : i.days === 0 ? '今天到期' : `${i.days} 天后到期`}</Tag>
      <Tag color={STATUS_COLORS[i.status]}>{STATUS_LABELS[i.status]}</Tag>
    </li>
  );
  return (
    <>
      <Card size="small" title={<span style={{ color: '#cf1322' }}>逾期事项（{d.overdue.length}）</span>} style={{ marginBottom: 16 }}>
        {d.overdue.length === 0 ? (
          <Typography.Text type="secondary">没有逾期事项</Typography.Text>
        ) : (
          <ul className="due-list" aria-label="逾期事项">
            {d.overdue.map((i) => item(i, true))}
          </ul>
        )}
      </Card>
      <Card size="small" title={<span style={{ color: '#d48806' }}>7天内到期（{d.dueSoon.length}）</span>} style={{ marginBottom: 16 }}>
        {d.dueSoon.length === 0 ? (
          <Typography.Text type="secondary">7天内没有到期事项</Typography.Text>
        ) : (
          <ul className="due-list" aria-label="7天内到期事项">
            {d.dueSoon.map((i) => item(i, false))}
          </ul>
        )}
      </Card>
    </>
  );
}
