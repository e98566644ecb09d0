import type { Db } from '../store/database.ts';
import type { DocNode, MeasureFields, NodeKind, NodeStyle } from '../../../shared/domain/document.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import { newId } from '../ids.ts';

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

/** Groups problem keys by node, from rows of (node_id, key) in problem order. */
export function problemKeysByNode(rows: readonly { node_id: string; key: string }[]): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const r of rows) {
    const list = keys.get(r.node_id) ?? [];
    list.push(r.key);
    keys.set(r.node_id, list);
  }
  return keys;
}

/**
 * Builds StoredNodes from rows (in position order) and links each to its parent when the parent is
 * among the rows. Returns every node by id; callers pick the roots they need.
 */
export function assembleNodes(
  rows: readonly NodeRow[],
  measures: ReadonlyMap<string, MeasureRow>,
  problemKeys: ReadonlyMap<string, string[]>,
): Map<string, StoredNode> {
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
      problemKeys: problemKeys.get(row.id) ?? [],
      children: [],
    });
  }
  for (const row of rows) {
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    const node = byId.get(row.id);
    if (parent && node) parent.children.push(node);
  }
  return byId;
}

/** Writes an outline (a DocNode tree) under a plan, returning the new node ids in document order. */
export function insertOutline(db: Db, planId: string, roots: readonly DocNode[], problemIds: ReadonlyMap<string, string>): void {
  const insertNode = db.prepare(
    'INSERT INTO nodes (id, plan_id, parent_id, position, kind, heading, body, style) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertMeasure = db.prepare(
    `INSERT INTO measures (node_id, leader, department, cooperating, person, deadline_raw, deadline_kind, deadline_date, status, status_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const link = db.prepare('INSERT OR IGNORE INTO problem_measures (problem_id, node_id) VALUES (?, ?)');
  const walk = (nodes: readonly DocNode[], parentId: string | null): void => {
    nodes.forEach((node, position) => {
      const id = newId();
      insertNode.run(id, planId, parentId, position, node.kind, node.heading, JSON.stringify(node.body), JSON.stringify(node.style));
      const m = node.measure;
      if (m) {
        insertMeasure.run(
          id,
          m.leader,
          m.department,
          JSON.stringify(m.cooperating),
          m.person,
          m.deadline,
          m.deadlineKind,
          m.deadlineDate,
          m.status,
          m.statusText,
        );
      }
      for (const key of node.problemKeys) {
        const problemId = problemIds.get(key);
        if (problemId) link.run(problemId, id);
      }
      walk(node.children, id);
    });
  };
  walk(roots, null);
}

/** Reads a plan's outline as a tree, in position order. */
export function readOutline(db: Db, planId: string): StoredNode[] {
  const rows = db.prepare('SELECT * FROM nodes WHERE plan_id = ? ORDER BY position, rowid').all(planId) as NodeRow[];
  const measures = new Map(
    (
      db
        .prepare('SELECT m.* FROM measures m JOIN nodes n ON n.id = m.node_id WHERE n.plan_id = ?')
        .all(planId) as MeasureRow[]
    ).map((m) => [m.node_id, m]),
  );
  const keys = problemKeysByNode(
    db
      .prepare(
        `SELECT pm.node_id AS node_id, p.key AS key FROM problem_measures pm JOIN problems p ON p.id = pm.problem_id
         WHERE p.plan_id = ? ORDER BY p.position`,
      )
      .all(planId) as { node_id: string; key: string }[],
  );
  const byId = assembleNodes(rows, measures, keys);
  return rows.filter((r) => r.parent_id === null || !byId.has(r.parent_id)).flatMap((r) => byId.get(r.id) ?? []);
}

/** A stored tree without ids: what the exporter and snapshots use. */
export function toDocNodes(nodes: readonly StoredNode[]): DocNode[] {
  return nodes.map(({ id: _id, children, ...rest }) => ({ ...rest, children: toDocNodes(children) }));
}
