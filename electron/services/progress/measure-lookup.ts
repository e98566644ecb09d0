import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';

export interface MeasureRef {
  measureId: string;
  planId: string;
}

/** The plan a measure node belongs to; a Chinese not_found when the id is not a measure. */
export function findMeasure(db: Db, measureId: string): MeasureRef {
  const row = db
    .prepare(`SELECT n.id AS id, n.plan_id AS plan_id FROM nodes n JOIN measures m ON m.node_id = n.id WHERE n.id = ?`)
    .get(measureId) as { id: string; plan_id: string } | undefined;
  if (!row) {
    const node = db.prepare('SELECT kind FROM nodes WHERE id = ?').get(measureId) as { kind: string } | undefined;
    if (node) throw new AppError('bad_input', `「${measureId}」不是整改措施（它是${node.kind === 'section' ? '章节标题' : '段落'}），只有措施能记录进展和佐证材料`);
    throw new AppError('not_found', `找不到整改措施：${measureId}`);
  }
  return { measureId: row.id, planId: row.plan_id };
}
