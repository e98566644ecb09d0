import type { Db } from '../store/database.ts';
import type { MeasureFields, NodeKind, NodeStyle } from '../../../shared/domain/document.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import { AppError } from '../../../shared/errors.ts';
import { cached } from '../history/plan-state.ts';

export interface NodeRow {
  id: string;
  plan_id: string;
  parent_id: string | null;
  position: number;
  kind: NodeKind;
  heading: string;
  body: string;
  style: string;
}

export interface MeasureRow {
  node_id: string;
  leader: string | null;
  department: string | null;
  cooperating: string;
  person: string | null;
  deadline_raw: string | null;
  deadline_kind: MeasureFields['deadlineKind'];
  deadline_date: string | null;
  status: MeasureFields['status'];
  status_text: string | null;
}

export function nodeRow(db: Db, planId: string, nodeId: string): NodeRow {
  const row = cached(db, 'SELECT * FROM nodes WHERE id = ?').get(nodeId) as NodeRow | undefined;
  if (!row || row.plan_id !== planId) throw new AppError('not_found', '找不到该节点，可能已被删除，请重新载入方案');
  return row;
}

export function measureFromRow(m: MeasureRow): MeasureFields {
  return {
    leader: m.leader,
    department: m.department,
    cooperating: JSON.parse(m.cooperating) as string[],
    person: m.person,
    deadline: m.deadline_raw,
    deadlineKind: m.deadline_kind,
    deadlineDate: m.deadline_date,
    status: m.status,
    statusText: m.status_text,
  };
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
  const keys = new Map<string, string[]>();
  for (const r of db
    .prepare(
      `SELECT pm.node_id AS node_id, p.key AS key FROM problem_measures pm JOIN problems p ON p.id = pm.problem_id
       WHERE pm.node_id IN (${placeholders}) ORDER BY p.position`,
    )
    .all(...ids) as { node_id: string; key: string }[]) {
    const list = keys.get(r.node_id) ?? [];
    list.push(r.key);
    keys.set(r.node_id, list);
  }
  const byId = new Map<string, StoredNode>();
  for (const row of rows) {
    const m = measures.get(row.id);
    byId.set(row.id, {
      id: row.id,
      kind: row.kind,
      heading: row.heading,
      body: JSON.parse(row.body) as string[],
      style: JSON.parse(row.style) as NodeStyle,
      measure: m ? measureFromRow(m) : null,
      problemKeys: keys.get(row.id) ?? [],
      children: [],
    });
  }
  for (const row of rows) {
    if (row.id === nodeId || !row.parent_id) continue;
    byId.get(row.parent_id)?.children.push(byId.get(row.id)!);
  }
  const root = byId.get(nodeId);
  if (!root || rows.find((r) => r.id === nodeId)?.plan_id !== planId) throw new AppError('not_found', '找不到该节点，可能已被删除，请重新载入方案');
  return root;
}
