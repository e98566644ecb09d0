import { MEASURE_STATUSES, isCompleted, type MeasureStatus } from '../domain/status.ts';
import type { ReportCounts } from '../api/progress.ts';

/**
 * The numbers a 整改落实情况报告 prints (问题N个, 措施N项, 已完成N项, 完成率). The report, the ledger
 * and the dashboard all call this one function on the same ledger rows, so they can never disagree.
 */

export interface CountableMeasure {
  status: MeasureStatus;
  /** measures answering the same problem share a key (shared/ledger groupKey) */
  problem: { key: string };
}

export function emptyByStatus(): Record<MeasureStatus, number> {
  return Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
}

/** completed / total as a percentage rounded to two decimals; 0 when total is 0. */
export function completionRate(completed: number, total: number): number {
  if (total <= 0) return 0;
  // Integer arithmetic first: 688/697 must give 98.71, not 98.70999….
  return Math.round((completed * 10000) / total) / 100;
}

/** "76%", "98.71%", "98.70%": official reports print two decimals or none (domain.md §5.2). */
export function formatRate(rate: number): string {
  return Number.isInteger(rate) ? `${rate}%` : `${rate.toFixed(2)}%`;
}

/** Which bucket of the "其余" sentence a status falls in; completed = done + closed. */
export function statusBucket(status: MeasureStatus): 'completed' | 'ongoing' | 'inProgress' | 'notDone' {
  if (isCompleted(status)) return 'completed';
  if (status === 'ongoing') return 'ongoing';
  if (status === 'not_done' || status === 'delayed') return 'notDone';
  return 'inProgress';
}

export function reportCounts(measures: readonly CountableMeasure[]): ReportCounts {
  const byStatus = emptyByStatus();
  const problems = new Set<string>();
  const buckets = { completed: 0, ongoing: 0, inProgress: 0, notDone: 0 };
  for (const m of measures) {
    byStatus[m.status]++;
    problems.add(m.problem.key);
    buckets[statusBucket(m.status)]++;
  }
  const rate = completionRate(buckets.completed, measures.length);
  return {
    problems: problems.size,
    measures: measures.length,
    completed: buckets.completed,
    closed: byStatus.closed,
    ongoing: buckets.ongoing,
    inProgress: buckets.inProgress,
    notDone: buckets.notDone,
    completionRate: rate,
    completionRateText: formatRate(rate),
    byStatus,
  };
}
