import type { Db } from '../store/database.ts';
import type { MeasureStatus } from '../../../shared/domain/status.ts';
import type { PlanProgress } from '../../../shared/api/workbench.ts';
import { planAnchorDate, type DueContext, type DueDate } from '../../../shared/domain/due-date.ts';
import { planProgress, trackMeasure, type TrackedMeasure } from '../../../shared/progress/workbench.ts';
import { planPaths } from '../plans/node-paths.ts';
import { readWorkbenchSettings } from './settings.ts';

/**
 * Every measure of some plans with its due date resolved (the workbook's 立行立改 setting, the plan's
 * date), read in one query without the texts the home page does not show.
 */

export interface TrackedPlanRow {
  id: string;
  title: string;
  doc_date: string | null;
  created_at: string;
  settings: string;
  version: number;
  archived_at: string | null;
}

interface MeasureRow {
  plan_id: string;
  id: string;
  heading: string;
  leader: string | null;
  department: string | null;
  deadline_raw: string | null;
  deadline_date: string | null;
  status: MeasureStatus;
}

export function dueContext(plan: Pick<TrackedPlanRow, 'doc_date' | 'created_at'>, today: string, immediateDays: number): DueContext {
  return { planDate: planAnchorDate(plan.doc_date, plan.created_at), today, immediateDays };
}

/**
 * The measures of `plans`, each plan's in outline order with its numbering path, heading and owners
 * when `withPaths` (the lists show them), else in no particular order with only what counting needs.
 */
export function trackedMeasures(db: Db, plans: readonly TrackedPlanRow[], today: string, options: { withPaths: boolean }): Map<string, TrackedMeasure[]> {
  const out = new Map<string, TrackedMeasure[]>();
  if (plans.length === 0) return out;
  const { immediateDays } = readWorkbenchSettings(db);
  // Counting needs no texts: then the rows come from an index alone (nodes_by_kind) and the measures table.
  const texts = options.withPaths ? 'n.heading, m.leader, m.department' : "'' AS heading, NULL AS leader, NULL AS department";
  const rows = db
    .prepare(
      `SELECT n.plan_id, n.id, ${texts}, m.deadline_raw, m.deadline_date, coalesce(m.status, 'not_started') AS status
       FROM nodes n LEFT JOIN measures m ON m.node_id = n.id
       WHERE n.kind = 'measure' AND n.plan_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(plans.map((p) => p.id))) as MeasureRow[];
  const byPlan = new Map<string, MeasureRow[]>();
  for (const r of rows) {
    const list = byPlan.get(r.plan_id) ?? [];
    list.push(r);
    byPlan.set(r.plan_id, list);
  }
  const paths = options.withPaths ? planPaths(db, plans) : null;
  for (const plan of plans) {
    let list = byPlan.get(plan.id) ?? [];
    const shape = paths?.get(plan.id);
    if (shape) {
      const rank = new Map(shape.order.map((id, i) => [id, i]));
      list = [...list].sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    }
    const ctx = dueContext(plan, today, immediateDays);
    const memo = new Map<string, DueDate>();
    out.set(
      plan.id,
      list.map((r) =>
        trackMeasure(
          {
            id: r.id,
            path: shape?.paths.get(r.id) ?? '',
            heading: r.heading,
            leader: r.leader,
            department: r.department,
            deadline: r.deadline_raw,
            deadlineDate: r.deadline_date,
            status: r.status,
          },
          plan,
          ctx,
          memo,
        ),
      ),
    );
  }
  return out;
}

/** Each plan's 完成率, 逾期 and next deadline (plans.list, the home page). */
export function progressOfPlans(db: Db, plans: readonly TrackedPlanRow[], today: string): Map<string, PlanProgress> {
  const measures = trackedMeasures(db, plans, today, { withPaths: false });
  return new Map(plans.map((p) => [p.id, planProgress(measures.get(p.id) ?? [], today)]));
}
