import type { MeasureStatus } from '../domain/status.ts';
import { isCompleted } from '../domain/status.ts';
import type { Dashboard, DueItem, GroupStats } from '../api/progress.ts';
import { completionRate, emptyByStatus, formatRate, reportCounts } from './counts.ts';
import { addDays, daysBetween } from './dates.ts';

/** What the dashboard needs of a measure (a LedgerMeasure has all of it). */
export interface DashboardMeasure {
  id: string;
  path: string;
  heading: string;
  leader: string | null;
  department: string | null;
  deadline: string | null;
  deadlineDate: string | null;
  status: MeasureStatus;
  problem: { key: string };
}

export const UNASSIGNED = '未填写';
export const DUE_SOON_DAYS = 7;

/**
 * Open for warnings: neither completed nor waiting for 销号 review (the responsible department has done
 * its part once it asks for closure, so the item no longer turns red or amber).
 */
export function isOpenForWarnings(status: MeasureStatus): boolean {
  return !isCompleted(status) && status !== 'close_requested';
}

/** Overdue: deadline strictly before today. */
export function isOverdue(m: Pick<DashboardMeasure, 'deadlineDate' | 'status'>, today: string): boolean {
  return m.deadlineDate !== null && isOpenForWarnings(m.status) && daysBetween(m.deadlineDate, today) > 0;
}

/** Due soon: deadline today or within the next 7 days. */
export function isDueSoon(m: Pick<DashboardMeasure, 'deadlineDate' | 'status'>, today: string): boolean {
  if (m.deadlineDate === null || !isOpenForWarnings(m.status)) return false;
  const left = daysBetween(today, m.deadlineDate);
  return left >= 0 && left <= DUE_SOON_DAYS;
}

/** What counting a group needs of a measure. */
export type GroupableMeasure = Pick<DashboardMeasure, 'status' | 'deadlineDate'>;

/** 措施, 已完成, 逾期, 完成率 and counts by status of one group of measures (a department, a leader, a plan). */
export function groupStats(name: string, list: readonly GroupableMeasure[], today: string): GroupStats {
  const byStatus = emptyByStatus();
  let completed = 0;
  let overdue = 0;
  for (const m of list) {
    byStatus[m.status]++;
    if (isCompleted(m.status)) completed++;
    if (isOverdue(m, today)) overdue++;
  }
  const rate = completionRate(completed, list.length);
  return { name, total: list.length, completed, completionRate: rate, completionRateText: formatRate(rate), overdue, byStatus };
}

/** Groups by a name (责任部门, 责任领导); measures without one are 未填写. */
export function groupBy<M extends GroupableMeasure>(measures: readonly M[], key: (m: M) => string | null, today: string): GroupStats[] {
  // First-appearance (outline) order: stable and matches how the plan lists its owners.
  const groups = new Map<string, M[]>();
  for (const m of measures) {
    const name = key(m)?.trim() || UNASSIGNED;
    const list = groups.get(name) ?? [];
    list.push(m);
    groups.set(name, list);
  }
  return [...groups].map(([name, list]) => groupStats(name, list, today));
}

function dueItem(m: DashboardMeasure, days: number): DueItem {
  return {
    id: m.id,
    path: m.path,
    heading: m.heading,
    leader: m.leader,
    department: m.department,
    deadline: m.deadline,
    deadlineDate: m.deadlineDate ?? '',
    status: m.status,
    days,
  };
}

export function computeDashboard(planId: string, measures: readonly DashboardMeasure[], today: string): Dashboard {
  const overdue: DueItem[] = [];
  const dueSoon: DueItem[] = [];
  for (const m of measures) {
    if (m.deadlineDate === null) continue;
    if (isOverdue(m, today)) overdue.push(dueItem(m, daysBetween(m.deadlineDate, today)));
    else if (isDueSoon(m, today)) dueSoon.push(dueItem(m, daysBetween(today, m.deadlineDate)));
  }
  overdue.sort((a, b) => b.days - a.days);
  dueSoon.sort((a, b) => a.days - b.days);
  return {
    planId,
    today,
    counts: reportCounts(measures),
    byDepartment: groupBy(measures, (m) => m.department, today),
    byLeader: groupBy(measures, (m) => m.leader, today),
    overdue,
    dueSoon,
  };
}

/** The last day of the due-soon window (for labels such as "7天内到期（至1月22日）"). */
export function dueSoonUntil(today: string): string {
  return addDays(today, DUE_SOON_DAYS);
}
