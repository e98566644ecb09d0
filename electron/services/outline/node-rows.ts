import type { Db } from '../store/database.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import { AppError } from '../../../shared/errors.ts';
import { cached } from '../history/plan-state.ts';
import { assembleNodes, problemKeysByNode, type MeasureRow, type NodeRow } from '../plans/outline-rows.ts';

export { measureFromRow, type MeasureRow, type NodeRow } from '../plans/outline-rows.ts';

export function nodeRow(db: Db, planId: string, nodeId: string): NodeRow {
  const row = cached(db, 'SELECT * FROM nodes WHERE id = ?').get(nodeId) as NodeRow | undefined;
  if (!row || row.plan_id !== planId) throw new AppError('not_found', '找不到该节点，可能已被删除，请重新载入方案');
  return row;
}

export function measureRow(db: Db, nodeId: string): MeasureRow | undefined {
  return cached(db, 'SELECT * FROM measures WHERE node_id = ?').get(nodeId) as MeasureRow | undefined;
}

/** Ids of a parent's children in order (parentId null = the plan's top level). */
export function childIds(db: Db, planId: string, parentId: string | null): string[] {
  const rows = (
    parentId === null
      ? cached(db, 'SELECT id FROM nodes WHERE plan_id = ? AND parent_id IS NULL ORDER BY position, rowid').all(planId)
      : cached(db, 'SELECT id FROM nodes WHERE plan_id = ? AND parent_id = ? ORDER BY position, rowid').all(planId, parentId)
  ) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Writes positions 0..n-1 for the given sibling order, touching only rows whose position changes. */
export function writePositions(db: Db, ids: readonly string[]): void {
  const get = cached(db, 'SELECT position FROM nodes WHERE id = ?');
  const set = cached(db, 'UPDATE nodes SET position = ? WHERE id = ?');
  ids.forEach((id, i) => {
    const row = get.get(id) as { position: number } | undefined;
    if (row && row.position !== i) set.run(i, id);
  });
}

/** A node and its subtree (ids), via the parent links. */
export function subtreeIds(db: Db, nodeId: string): string[] {
  return (
    cached(
      db,
      `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub`,
    ).all(nodeId) as { id: string }[]
  ).map((r) => r.id);
}

/** Number of ancestors (top-level nodes have depth 0). */
export function depthOf(db: Db, nodeId: string | null): number {
  if (nodeId === null) return -1;
  const row = cached(
    db,
    `WITH RECURSIVE up(id, parent_id, d) AS (SELECT id, parent_id, 0 FROM nodes WHERE id = ?
       UNION ALL SELECT n.id, n.parent_id, up.d + 1 FROM nodes n JOIN up ON n.id = up.parent_id)
     SELECT max(d) AS d FROM up`,
  ).get(nodeId) as { d: number | null };
  return row.d ?? 0;
}

/** Reads one node with its subtree as the editor sees it. */
export function readNode(db: Db, planId: string, nodeId: string): StoredNode {
  const ids = subtreeIds(db, nodeId);
  const placeholders = ids.map(() => '?').join(',');
  const rows = db.prepare(`SELECT * FROM nodes WHERE id IN (${placeholders}) ORDER BY position, rowid`).all(...ids) as NodeRow[];
  const measures = new Map(
    (db.prepare(`SELECT * FROM measures WHERE node_id IN (${placeholders})`).all(...ids) as MeasureRow[]).map((m) => [m.node_id, m]),
  );
  const keys = problemKeysByNode(
    db
      .prepare(
        `SELECT pm.node_id AS node_id, p.key AS key FROM problem_measures pm JOIN problems p ON p.id = pm.problem_id
         WHERE pm.node_id IN (${placeholders}) ORDER BY p.position`,
      )
      .all(...ids) as { node_id: string; key: string }[],
  );
  const byId = assembleNodes(rows, measures, keys);
  const root = byId.get(nodeId);
  if (!root || rows.find((r) => r.id === nodeId)?.plan_id !== planId) throw new AppError('not_found', '找不到该节点，可能已被删除，请重新载入方案');
  return root;
}
