import { isCompleted } from '../domain/status.ts';
import { measureDueDate, type DueContext, type DueDate } from '../domain/due-date.ts';
import type { DueRow, PlanProgress } from '../api/workbench.ts';
import type { GroupStats } from '../api/progress.ts';
import { groupBy, groupStats, isDueSoon, isOpenForWarnings, isOverdue, UNASSIGNED, type DashboardMeasure } from './dashboard.ts';
import { daysBetween } from './dates.ts';

/**
 * The 工作台's numbers across plans, from the dashboard's own rules (shared/progress/dashboard.ts:
 * isOverdue, isDueSoon, groupStats), so the home page, `rectify due`, `rectify list` and a plan's
 * 进度看板 agree. The only thing added is where the due date comes from: measureDueDate — a date
 * stored with the measure, else what its 完成时限 wording resolves to (立行立改 → the plan's date + N days).
 */

/** A measure as stored (what the dashboard reads of it, without the problem it answers): `deadlineDate` is the date stored with it. */
export type StoredMeasure = Omit<DashboardMeasure, 'problem'>;

/** A measure of some plan with its due date resolved into `deadlineDate`, where the dashboard's rules read it. */
export interface TrackedMeasure extends StoredMeasure {
  planId: string;
  planTitle: string;
  /** the due date is a convention (立行立改 + N days, 会后3个工作日), not written */
  dueAssumed: boolean;
}

/**
 * `memo` (one per plan and DueContext) keeps each wording's due date: a plan repeats the same few
 * deadlines (立行立改, 2026年3月底前) over hundreds of measures.
 */
export function trackMeasure(m: StoredMeasure, plan: { id: string; title: string }, ctx: DueContext, memo?: Map<string, DueDate>): TrackedMeasure {
  const key = `${m.deadline ?? ''}\u0000${m.deadlineDate ?? ''}`;
  let due = memo?.get(key);
  if (!due) {
    due = measureDueDate(m, ctx);
    memo?.set(key, due);
  }
  return { ...m, planId: plan.id, planTitle: plan.title, deadlineDate: due.date, dueAssumed: due.assumed };
}

/** The soonest due date, today or later, among measures still open. */
export function nextDueDate(measures: readonly Pick<TrackedMeasure, 'deadlineDate' | 'status'>[], today: string): string | null {
  let next: string | null = null;
  for (const m of measures) {
    if (m.deadlineDate === null || !isOpenForWarnings(m.status) || m.deadlineDate < today) continue;
    if (next === null || m.deadlineDate < next) next = m.deadlineDate;
  }
  return next;
}

/**
 * One plan's numbers for the home page and `rectify list`: 完成率, counts by status, 逾期, the next
 * deadline. The one place these are computed for a plan as a whole.
 */
export function planProgress(measures: readonly Pick<TrackedMeasure, 'deadlineDate' | 'status'>[], today: string): PlanProgress {
  const g = groupStats('', measures, today);
  return {
    total: g.total,
    completed: g.completed,
    completionRate: g.completionRate,
    completionRateText: g.completionRateText,
    overdue: g.overdue,
    byStatus: g.byStatus,
    nextDueDate: nextDueDate(measures, today),
  };
}

export function dueRow(m: TrackedMeasure, today: string): DueRow {
  return {
    planId: m.planId,
    planTitle: m.planTitle,
    measureId: m.id,
    path: m.path,
    heading: m.heading,
    department: m.department,
    deadline: m.deadline,
    dueDate: m.deadlineDate,
    dueAssumed: m.dueAssumed,
    daysOverdue: m.deadlineDate === null ? null : daysBetween(m.deadlineDate, today),
    status: m.status,
    overdue: isOverdue(m, today),
  };
}

/**
 * Whether a 责任部门 field names a department: the whole field, or one of the departments it lists
 * (办公室 matches “办公室、人事处”); 未填写 matches a measure without one.
 */
export function departmentMatches(field: string | null, name: string): boolean {
  const wanted = name.trim();
  const value = (field ?? '').trim();
  if (value === '') return wanted === UNASSIGNED;
  if (value === wanted) return true;
  return value.split(/[、，,;；/／\s]+/u).some((part) => part === wanted);
}

export interface DueFilter {
  overdue?: boolean | undefined;
  withinDays?: number | undefined;
  department?: string | undefined;
  includeDone?: boolean | undefined;
  includeUndated?: boolean | undefined;
}

/** Soonest first (most overdue at the top); undated last; then by plan and outline order. */
function byDueDate(a: TrackedMeasure, b: TrackedMeasure): number {
  if (a.deadlineDate !== b.deadlineDate) {
    if (a.deadlineDate === null) return 1;
    if (b.deadlineDate === null) return -1;
    return a.deadlineDate < b.deadlineDate ? -1 : 1;
  }
  return 0;
}

/**
 * `rectify due` and the home page's lists: measures not completed (done and closed left out unless
 * asked) with a due date, filtered by overdue / due within N days (either, when both are given) /
 * department. `measures` come in plan and outline order; the sort keeps it among equal dates.
 */
export function selectDue(measures: readonly TrackedMeasure[], filter: DueFilter, today: string): DueRow[] {
  const restricted = filter.overdue === true || filter.withinDays !== undefined;
  const picked = measures.filter((m) => {
    if (!filter.includeDone && isCompleted(m.status)) return false;
    if (filter.department !== undefined && !departmentMatches(m.department, filter.department)) return false;
    if (m.deadlineDate === null) return !restricted && filter.includeUndated === true;
    if (!restricted) return true;
    const left = daysBetween(today, m.deadlineDate);
    const soon = filter.withinDays !== undefined && isOpenForWarnings(m.status) && left >= 0 && left <= filter.withinDays;
    return (filter.overdue === true && isOverdue(m, today)) || soon;
  });
  return [...picked].sort(byDueDate).map((m) => dueRow(m, today));
}

/** The last day of today's month. */
export function monthEnd(today: string): string {
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return `${today.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

export interface CrossPlanDue {
  overdue: DueRow[];
  dueSoon: DueRow[];
  dueThisMonth: DueRow[];
  totals: { overdue: number; dueSoon: number; dueThisMonth: number };
  byDepartment: GroupStats[];
}

/**
 * The home page's panels (已逾期 / 7天内到期 / 本月到期, the most urgent `limit` of each with their
 * totals) and its 按责任部门 table, over the plans shown.
 */
export function crossPlanDue(measures: readonly TrackedMeasure[], today: string, limit = Number.POSITIVE_INFINITY): CrossPlanDue {
  const end = monthEnd(today);
  const overdue: TrackedMeasure[] = [];
  const dueSoon: TrackedMeasure[] = [];
  const dueThisMonth: TrackedMeasure[] = [];
  for (const m of measures) {
    if (isOverdue(m, today)) overdue.push(m);
    if (isDueSoon(m, today)) dueSoon.push(m);
    if (m.deadlineDate !== null && isOpenForWarnings(m.status) && m.deadlineDate >= today && m.deadlineDate <= end) dueThisMonth.push(m);
  }
  const rows = (list: TrackedMeasure[]): DueRow[] => list.sort(byDueDate).slice(0, limit).map((m) => dueRow(m, today));
  return {
    overdue: rows(overdue),
    dueSoon: rows(dueSoon),
    dueThisMonth: rows(dueThisMonth),
    totals: { overdue: overdue.length, dueSoon: dueSoon.length, dueThisMonth: dueThisMonth.length },
    byDepartment: groupBy(measures, (m) => m.department, today),
  };
}
