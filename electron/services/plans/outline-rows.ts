import type { Db } from '../store/database.ts';
import type { DocNode, MeasureFields, NodeKind, NodeStyle } from '../../../shared/domain/document.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import { newId } from '../ids.ts';

interface NodeRow {
  id: string;
  parent_id: string | null;
  position: number;
  kind: NodeKind;
  heading: string;
  body: string;
  style: string;
}

interface MeasureRow {
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
  const rows = db
    .prepare('SELECT id, parent_id, position, kind, heading, body, style FROM nodes WHERE plan_id = ? ORDER BY position')
    .all(planId) as NodeRow[];
  const measures = new Map(
    (
      db
        .prepare('SELECT m.* FROM measures m JOIN nodes n ON n.id = m.node_id WHERE n.plan_id = ?')
        .all(planId) as MeasureRow[]
    ).map((m) => [m.node_id, m]),
  );
  const problemKeys = new Map<string, string[]>();
  for (const r of db
    .prepare(
      `SELECT pm.node_id AS node_id, p.key AS key FROM problem_measures pm JOIN problems p ON p.id = pm.problem_id
       WHERE p.plan_id = ? ORDER BY p.position`,
    )
    .all(planId) as { node_id: string; key: string }[]) {
    const list = problemKeys.get(r.node_id) ?? [];
    list.push(r.key);
    problemKeys.set(r.node_id, list);
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
      measure: m
        ? {
            leader: m.leader,
            department: m.department,
            cooperating: JSON.parse(m.cooperating) as string[],
            person: m.person,
            deadline: m.deadline_raw,
            deadlineKind: m.deadline_kind,
            deadlineDate: m.deadline_date,
            status: m.status,
            statusText: m.status_text,
          }
        : null,
      problemKeys: problemKeys.get(row.id) ?? [],
      children: [],
    });
  }
  const roots: StoredNode[] = [];
  for (const row of rows) {
    const node = byId.get(row.id);
    if (!node) continue;
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** A stored tree without ids: what the exporter and snapshots use. */
export function toDocNodes(nodes: readonly StoredNode[]): DocNode[] {
  return nodes.map(({ id: _id, children, ...rest }) => ({ ...rest, children: toDocNodes(children) }));
}
