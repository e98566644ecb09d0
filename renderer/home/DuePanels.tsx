import { useMemo, useState } from 'react';
import { Alert, Badge, Card, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import type { DueRow, WorkbenchOverview } from '../../shared/api/workbench.ts';
import { departmentMatches, monthEnd } from '../../shared/progress/workbench.ts';
import { DUE_SOON_DAYS } from '../../shared/progress/dashboard.ts';
import { daysBetween } from '../../shared/progress/dates.ts';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { DueTable } from './DueTable.tsx';
import { DueSettings } from './DueSettings.tsx';

type Panel = 'overdue' | 'dueSoon' | 'dueThisMonth';
const PANELS: readonly Panel[] = ['overdue', 'dueSoon', 'dueThisMonth'];

const LABELS: Record<Panel, string> = { overdue: '已逾期', dueSoon: '7天内到期', dueThisMonth: '本月到期' };
const EMPTY: Record<Panel, string> = { overdue: '没有逾期的措施', dueSoon: '7天内没有到期的措施', dueThisMonth: '本月没有到期的措施' };
const COLORS: Record<Panel, string> = { overdue: '#cf1322', dueSoon: '#d48806', dueThisMonth: '#1677ff' };

/**
 * 已逾期 / 7天内到期 / 本月到期 across every plan not archived: what a secretary asks first each morning.
 * With hundreds of items the lists page, and narrow to one plan or one department.
 */
export function DuePanels({ overview, onSettingsChanged }: { overview: WorkbenchOverview; onSettingsChanged: () => void }) {
  // Open on what needs attention: overdue when there is any, else what is coming.
  const [panel, setPanel] = useState<Panel>(overview.totals.overdue > 0 ? 'overdue' : 'dueSoon');
  const [plan, setPlan] = useState<string | undefined>(undefined);
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const filtering = plan !== undefined || department !== undefined;
  // The overview carries the most urgent rows of each list; when a list has more, a filter asks the service.
  const complete = PANELS.every((p) => overview[p].length === overview.totals[p]);
  const remote = useQuery(
    async () => {
      if (!filtering || complete) return null;
      const base = { today: overview.today, ...(plan ? { planId: plan } : {}), ...(department ? { department } : {}) };
      const [overdue, dueSoon, dueThisMonth] = await Promise.all([
        api.send('workbench.due', { ...base, overdue: true }),
        api.send('workbench.due', { ...base, withinDays: DUE_SOON_DAYS }),
        api.send('workbench.due', { ...base, withinDays: daysBetween(overview.today, monthEnd(overview.today)) }),
      ]);
      return { overdue, dueSoon, dueThisMonth };
    },
    [filtering, complete, plan, department, overview.today],
  );
  const lists: Record<Panel, DueRow[]> | null = useMemo(() => {
    if (!filtering) return { overdue: overview.overdue, dueSoon: overview.dueSoon, dueThisMonth: overview.dueThisMonth };
    if (!complete) return remote.loading ? null : (remote.data ?? null);
    const keep = (rows: DueRow[]): DueRow[] =>
      rows.filter((r) => (plan === undefined || r.planId === plan) && (department === undefined || departmentMatches(r.department, department)));
    return { overdue: keep(overview.overdue), dueSoon: keep(overview.dueSoon), dueThisMonth: keep(overview.dueThisMonth) };
  }, [overview, filtering, complete, remote.data, remote.loading, plan, department]);
  const count = (key: Panel): number => (filtering ? (lists?.[key].length ?? 0) : overview.totals[key]);
  const plans = overview.plans.filter((p) => !p.archived && p.progress.total > 0).map((p) => ({ value: p.id, label: p.title }));
  const rows = lists?.[panel] ?? [];
  const capped = !filtering && rows.length < overview.totals[panel];
  return (
    <Card
      size="small"
      className="home-card"
      title="到期提醒"
      extra={<DueSettings immediateDays={overview.immediateDays} onChanged={onSettingsChanged} />}
      role="region"
      aria-label="到期提醒"
    >
      <Tabs
        size="small"
        activeKey={panel}
        onChange={(k) => setPanel(k as Panel)}
        tabBarExtraContent={
          <Space size={6}>
            <Select
              size="small"
              aria-label="只看一个方案"
              placeholder="全部方案"
              allowClear
              value={plan}
              onChange={(v) => setPlan(v)}
              options={plans}
              style={{ width: 150 }}
              popupMatchSelectWidth={360}
            />
            <Select
              size="small"
              aria-label="只看一个责任部门"
              placeholder="全部部门"
              allowClear
              showSearch
              value={department}
              onChange={(v) => setDepartment(v)}
              options={overview.byDepartment.map((d) => ({ value: d.name, label: d.name }))}
              style={{ width: 130 }}
              popupMatchSelectWidth={220}
            />
          </Space>
        }
        items={PANELS.map((key) => ({
          key,
          label: (
            <span>
              {LABELS[key]} <Badge count={count(key)} showZero color={count(key) > 0 ? COLORS[key] : '#bfbfbf'} overflowCount={9999} />
            </span>
          ),
        }))}
      />
      {remote.error && <Alert type="error" showIcon title="无法筛选到期事项" description={remote.error} />}
      {lists === null ? (
        <Skeleton active />
      ) : (
        <DueTable
          key={panel}
          rows={rows}
          label={LABELS[panel]}
          empty={filtering ? `${EMPTY[panel]}（已按方案或部门筛选）` : EMPTY[panel]}
          {...(capped ? { total: overview.totals[panel] } : {})}
        />
      )}
      {capped && (
        <Typography.Text type="secondary" className="due-capped">
          共 {overview.totals[panel]} 项，这里列出最早到期的 {rows.length} 项；按方案或部门筛选，可看到其余各项。
        </Typography.Text>
      )}
    </Card>
  );
}
