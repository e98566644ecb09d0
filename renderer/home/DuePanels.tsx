import { useMemo, useState } from 'react';
import { Badge, Card, Select, Space, Tabs } from 'antd';
import type { DueRow, WorkbenchOverview } from '../../shared/api/workbench.ts';
import { departmentMatches } from '../../shared/progress/workbench.ts';
import { DueTable } from './DueTable.tsx';
import { DueSettings } from './DueSettings.tsx';

type Panel = 'overdue' | 'dueSoon' | 'dueThisMonth';

const LABELS: Record<Panel, string> = { overdue: '已逾期', dueSoon: '7天内到期', dueThisMonth: '本月到期' };
const EMPTY: Record<Panel, string> = { overdue: '没有逾期的措施', dueSoon: '7天内没有到期的措施', dueThisMonth: '本月没有到期的措施' };
const COLORS: Record<Panel, string> = { overdue: '#cf1322', dueSoon: '#d48806', dueThisMonth: '#1677ff' };

/**
 * 已逾期 / 7天内到期 / 本月到期 across every plan not archived: what a secretary asks first each morning.
 * With hundreds of items the lists page, and narrow to one plan or one department.
 */
export function DuePanels({ overview, onSettingsChanged }: { overview: WorkbenchOverview; onSettingsChanged: () => void }) {
  // Open on what needs attention: overdue when there is any, else what is coming.
  const [panel, setPanel] = useState<Panel>(overview.overdue.length > 0 ? 'overdue' : 'dueSoon');
  const [plan, setPlan] = useState<string | undefined>(undefined);
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const keep = (rows: DueRow[]): DueRow[] =>
    rows.filter((r) => (plan === undefined || r.planId === plan) && (department === undefined || departmentMatches(r.department, department)));
  const lists = useMemo(
    () => ({ overdue: keep(overview.overdue), dueSoon: keep(overview.dueSoon), dueThisMonth: keep(overview.dueThisMonth) }),
    // keep reads only these
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [overview, plan, department],
  );
  const plans = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of [...overview.overdue, ...overview.dueSoon, ...overview.dueThisMonth]) seen.set(r.planId, r.planTitle);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [overview]);
  const filtering = plan !== undefined || department !== undefined;
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
        items={(['overdue', 'dueSoon', 'dueThisMonth'] as const).map((key) => ({
          key,
          label: (
            <span>
              {LABELS[key]} <Badge count={lists[key].length} showZero color={lists[key].length > 0 ? COLORS[key] : '#bfbfbf'} overflowCount={999} />
            </span>
          ),
        }))}
      />
      <DueTable key={panel} rows={lists[panel]} label={LABELS[panel]} empty={filtering ? `${EMPTY[panel]}（已按方案或部门筛选）` : EMPTY[panel]} />
    </Card>
  );
}
