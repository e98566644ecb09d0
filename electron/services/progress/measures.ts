import type { Db } from '../store/database.ts';
import type { MeasureListItem } from '../../../shared/api/progress.ts';
import { getPlan } from '../plans/plan-repository.ts';
import { measurePaths } from '../../../shared/progress/paths.ts';

/** The plan's measures in outline order with their numbering path (`rectify measures`). */
export function listMeasures(db: Db, planId: string): MeasureListItem[] {
  const plan = getPlan(db, planId);
  const out: MeasureListItem[] = [];
  for (const [node, info] of measurePaths(plan.outline, { level3Numbering: plan.document.level3Numbering })) {
    const m = node.measure;
    out.push({
      id: node.id,
      path: info.path,
      heading: node.heading,
      leader: m?.leader ?? null,
      department: m?.department ?? null,
      deadline: m?.deadline ?? null,
      status: m?.status ?? 'not_started',
    });
  }
  return out;
}
