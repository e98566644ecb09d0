import type { Db } from '../store/database.ts';
import { DUE_LIST_LIMIT, type DueRow, type WorkbenchOverview } from '../../../shared/api/workbench.ts';
import type { z } from 'zod';
import type { DueQuerySchema } from '../../../shared/api/workbench.ts';
import { crossPlanDue, planProgress, selectDue } from '../../../shared/progress/workbench.ts';
import { listPlanRows, summaryOf } from '../plans/plan-repository.ts';
import { trackedMeasures } from './tracked-measures.ts';
import { readWorkbenchSettings } from './settings.ts';

/** The home page in one read: each plan's numbers, and the due lists and departments over the plans not archived. */
export function workbenchOverview(db: Db, today: string, includeArchived: boolean): WorkbenchOverview {
  return db.readTransaction(() => {
    const rows = listPlanRows(db, { includeArchived });
    const measures = trackedMeasures(db, rows, today, { withPaths: true });
    const plans = rows.map((row) => {
      const progress = planProgress(measures.get(row.id) ?? [], today);
      return { ...summaryOf(row, progress), progress };
    });
    // An archived plan shown in the list (恢复 needs it there) still does not nag in the panels.
    const active = rows.filter((r) => r.archived_at === null).flatMap((r) => measures.get(r.id) ?? []);
    const archivedCount = includeArchived ? rows.length - rows.filter((r) => r.archived_at === null).length : countArchived(db);
    return { today, immediateDays: readWorkbenchSettings(db).immediateDays, plans, archivedCount, ...crossPlanDue(active, today, DUE_LIST_LIMIT) };
  })();
}

function countArchived(db: Db): number {
  const row = db
    .prepare('SELECT count(*) AS n FROM plans p WHERE p.archived_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM template_drafts d WHERE d.plan_id = p.id)')
    .get() as { n: number };
  return row.n;
}

/** `rectify due`: open measures across plans with their due dates, soonest first. */
export function dueMeasures(db: Db, query: z.output<typeof DueQuerySchema>, today: string): DueRow[] {
  return db.readTransaction(() => {
    const rows = listPlanRows(db, { includeArchived: query.includeArchived, planId: query.planId });
    const measures = trackedMeasures(db, rows, today, { withPaths: true });
    return selectDue(rows.flatMap((r) => measures.get(r.id) ?? []), query, today);
  })();
}
