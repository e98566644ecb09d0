import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { EditResult, ProblemItem } from '../../../shared/api/editor.ts';
import { newId } from '../ids.ts';
import { cached } from '../history/plan-state.ts';
import { editPlan } from '../history/edit.ts';
import { editResult } from './outline-ops.ts';
import { nodeRow } from './node-rows.ts';

interface ProblemRow {
  id: string;
  plan_id: string;
  key: string;
  position: number;
  category: string | null;
  text: string;
}

function problemRow(db: Db, planId: string, problemId: string): ProblemRow {
  const row = cached(db, 'SELECT * FROM problems WHERE id = ?').get(problemId) as ProblemRow | undefined;
  if (!row || row.plan_id !== planId) throw new AppError('not_found', '找不到该问题，可能已被删除，请重新载入方案');
  return row;
}

/** Linked measure ids in outline order (depth-first), not link order. */
function linkedNodeIds(db: Db, planId: string, problemIds: readonly string[]): Map<string, string[]> {
  const result = new Map<string, string[]>(problemIds.map((id) => [id, []]));
  if (problemIds.length === 0) return result;
  const order = new Map<string, number>();
  const rows = cached(db, 'SELECT id, parent_id FROM nodes WHERE plan_id = ? ORDER BY position, rowid').all(planId) as {
    id: string;
    parent_id: string | null;
  }[];
  const children = new Map<string | null, string[]>();
  for (const r of rows) {
    const list = children.get(r.parent_id) ?? [];
    list.push(r.id);
    children.set(r.parent_id, list);
  }
  const walk = (parent: string | null): void => {
    for (const id of children.get(parent) ?? []) {
      order.set(id, order.size);
      walk(id);
    }
  };
  walk(null);
  const links = cached(
    db,
    'SELECT pm.problem_id AS problem_id, pm.node_id AS node_id FROM problem_measures pm JOIN problems p ON p.id = pm.problem_id WHERE p.plan_id = ?',
  ).all(planId) as { problem_id: string; node_id: string }[];
  for (const l of links) result.get(l.problem_id)?.push(l.node_id);
  for (const list of result.values()) list.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return result;
}

export function listProblems(db: Db, planId: string): ProblemItem[] {
  if (!cached(db, 'SELECT 1 FROM plans WHERE id = ?').get(planId)) throw new AppError('not_found', `找不到方案：${planId}`);
  const rows = cached(db, 'SELECT * FROM problems WHERE plan_id = ? ORDER BY position, rowid').all(planId) as ProblemRow[];
  const links = linkedNodeIds(
    db,
    planId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ id: r.id, key: r.key, category: r.category, text: r.text, nodeIds: links.get(r.id) ?? [] }));
}

function problemItem(db: Db, planId: string, problemId: string): ProblemItem {
  const found = listProblems(db, planId).find((p) => p.id === problemId);
  if (!found) throw new AppError('not_found', '找不到该问题');
  return found;
}

function nextKey(db: Db, planId: string): string {
  const keys = new Set((cached(db, 'SELECT key FROM problems WHERE plan_id = ?').all(planId) as { key: string }[]).map((r) => r.key));
  let n = keys.size + 1;
  while (keys.has(`p${n}`)) n++;
  return `p${n}`;
}

function assertMeasure(db: Db, planId: string, nodeId: string): void {
  const row = nodeRow(db, planId, nodeId);
  if (row.kind !== 'measure') throw new AppError('bad_input', '问题只能关联到整改措施');
}

type Write = { planId: string; expectedVersion: number };

export function createProblem(
  db: Db,
  input: Write & { text: string; category: string | null; nodeIds: string[] },
): EditResult & { problem: ProblemItem } {
  const id = newId();
  const outcome = editPlan(db, { planId: input.planId, expectedVersion: input.expectedVersion, label: '新建问题' }, () => {
    const position = (cached(db, 'SELECT count(*) AS n FROM problems WHERE plan_id = ?').get(input.planId) as { n: number }).n;
    cached(db, 'INSERT INTO problems (id, plan_id, key, position, category, text) VALUES (?, ?, ?, ?, ?, ?)').run(
      id,
      input.planId,
      nextKey(db, input.planId),
      position,
      input.category,
      input.text,
    );
    for (const nodeId of input.nodeIds) {
      assertMeasure(db, input.planId, nodeId);
      cached(db, 'INSERT OR IGNORE INTO problem_measures (problem_id, node_id) VALUES (?, ?)').run(id, nodeId);
    }
  });
  return { ...editResult(db, input.planId, outcome, input.nodeIds[0] ?? null), problem: problemItem(db, input.planId, id) };
}

export function updateProblem(
  db: Db,
  input: Write & { problemId: string; text?: string | undefined; category?: string | null | undefined; index?: number | undefined },
): EditResult & { problem: ProblemItem } {
  const outcome = editPlan(
    db,
    {
      planId: input.planId,
      expectedVersion: input.expectedVersion,
      label: '修改问题',
      mergeKey: input.index === undefined ? `problem:${input.problemId}:${input.text !== undefined}:${input.category !== undefined}` : null,
    },
    () => {
      problemRow(db, input.planId, input.problemId);
      if (input.text !== undefined) cached(db, 'UPDATE problems SET text = ? WHERE id = ?').run(input.text, input.problemId);
      if (input.category !== undefined) cached(db, 'UPDATE problems SET category = ? WHERE id = ?').run(input.category, input.problemId);
      if (input.index !== undefined) {
        const ids = (cached(db, 'SELECT id FROM problems WHERE plan_id = ? ORDER BY position, rowid').all(input.planId) as { id: string }[])
          .map((r) => r.id)
          .filter((id) => id !== input.problemId);
        ids.splice(Math.min(input.index, ids.length), 0, input.problemId);
        const set = cached(db, 'UPDATE problems SET position = ? WHERE id = ? AND position <> ?');
        ids.forEach((id, i) => set.run(i, id, i));
      }
    },
  );
  return { ...editResult(db, input.planId, outcome, null), problem: problemItem(db, input.planId, input.problemId) };
}

export function deleteProblem(db: Db, input: Write & { problemId: string }): EditResult {
  const outcome = editPlan(db, { planId: input.planId, expectedVersion: input.expectedVersion, label: '删除问题' }, () => {
    problemRow(db, input.planId, input.problemId);
    cached(db, 'DELETE FROM problems WHERE id = ?').run(input.problemId);
    const ids = (cached(db, 'SELECT id FROM problems WHERE plan_id = ? ORDER BY position, rowid').all(input.planId) as { id: string }[]).map(
      (r) => r.id,
    );
    const set = cached(db, 'UPDATE problems SET position = ? WHERE id = ? AND position <> ?');
    ids.forEach((id, i) => set.run(i, id, i));
  });
  return editResult(db, input.planId, outcome, null);
}

export function linkProblem(db: Db, input: Write & { problemId: string; nodeId: string }, link: boolean): EditResult & { problem: ProblemItem } {
  const outcome = editPlan(
    db,
    { planId: input.planId, expectedVersion: input.expectedVersion, label: link ? '关联问题' : '取消关联问题' },
    () => {
      problemRow(db, input.planId, input.problemId);
      if (link) {
        assertMeasure(db, input.planId, input.nodeId);
        cached(db, 'INSERT OR IGNORE INTO problem_measures (problem_id, node_id) VALUES (?, ?)').run(input.problemId, input.nodeId);
      } else {
        nodeRow(db, input.planId, input.nodeId);
        cached(db, 'DELETE FROM problem_measures WHERE problem_id = ? AND node_id = ?').run(input.problemId, input.nodeId);
      }
    },
  );
  return { ...editResult(db, input.planId, outcome, input.nodeId), problem: problemItem(db, input.planId, input.problemId) };
}
