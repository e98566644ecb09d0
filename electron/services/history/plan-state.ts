import type { Db, Statement } from '../store/database.ts';

/**
 * Row-level capture of everything a plan owns, so any edit — text, structure, a restore — can be
 * undone by putting rows back. Tables are described generically: a later column (added by a
 * migration) is captured and restored without code changes here.
 */

export type Row = Record<string, unknown>;

interface TableSpec {
  name: string;
  key: readonly string[];
  /** Rows of one plan */
  planSql: string;
  /** Rows of some nodes (narrow capture for single-node edits); null = not node-owned */
  nodeSql: ((placeholders: string) => string) | null;
}

const NODE_IN_PLAN = 'node_id IN (SELECT id FROM nodes WHERE plan_id = ?)';

/** Insert/update order: parents before children. Deletes run in reverse. */
export const TABLES: readonly TableSpec[] = [
  {
    name: 'nodes',
    key: ['id'],
    planSql: 'SELECT * FROM nodes WHERE plan_id = ?',
    nodeSql: (ph) => `SELECT * FROM nodes WHERE id IN (${ph})`,
  },
  {
    name: 'measures',
    key: ['node_id'],
    planSql: `SELECT * FROM measures WHERE ${NODE_IN_PLAN}`,
    nodeSql: (ph) => `SELECT * FROM measures WHERE node_id IN (${ph})`,
  },
  { name: 'problems', key: ['id'], planSql: 'SELECT * FROM problems WHERE plan_id = ?', nodeSql: null },
  {
    name: 'problem_measures',
    key: ['problem_id', 'node_id'],
    planSql: 'SELECT * FROM problem_measures WHERE problem_id IN (SELECT id FROM problems WHERE plan_id = ?)',
    nodeSql: (ph) => `SELECT * FROM problem_measures WHERE node_id IN (${ph})`,
  },
  {
    name: 'status_events',
    key: ['id'],
    planSql: `SELECT * FROM status_events WHERE ${NODE_IN_PLAN}`,
    nodeSql: (ph) => `SELECT * FROM status_events WHERE node_id IN (${ph})`,
  },
  {
    name: 'attachments',
    key: ['id'],
    planSql: `SELECT * FROM attachments WHERE ${NODE_IN_PLAN}`,
    nodeSql: (ph) => `SELECT * FROM attachments WHERE node_id IN (${ph})`,
  },
];

/** Plan columns that are bookkeeping, not content: never captured, never restored (undo never un-archives). */
const PLAN_SKIP = new Set(['id', 'version', 'created_at', 'updated_at', 'archived_at']);

/** What to capture: the whole plan, or only some nodes (plus the plan row). */
export type CaptureScope = { kind: 'plan' } | { kind: 'nodes'; nodeIds: readonly string[] };

export interface PlanCapture {
  plan: Row | null;
  tables: Map<string, Map<string, Row>>;
}

export interface RowChange {
  /** table ('plans' for the plan row) */
  t: string;
  /** key, JSON of the key column values */
  k: string;
  /** before (null = did not exist) */
  b: Row | null;
  /** after (null = deleted) */
  a: Row | null;
}

const statementCache = new WeakMap<Db, Map<string, Statement>>();
export function cached(db: Db, sql: string): Statement {
  let map = statementCache.get(db);
  if (!map) {
    map = new Map();
    statementCache.set(db, map);
  }
  let stmt = map.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    map.set(sql, stmt);
  }
  return stmt;
}

function keyOf(spec: { key: readonly string[] }, row: Row): string {
  return JSON.stringify(spec.key.map((k) => row[k]));
}

export function capture(db: Db, planId: string, scope: CaptureScope): PlanCapture {
  const planRow = cached(db, 'SELECT * FROM plans WHERE id = ?').get(planId) as Row | undefined;
  let plan: Row | null = null;
  if (planRow) {
    plan = {};
    for (const [k, v] of Object.entries(planRow)) if (!PLAN_SKIP.has(k)) plan[k] = v;
  }
  const tables = new Map<string, Map<string, Row>>();
  for (const spec of TABLES) {
    let rows: Row[];
    if (scope.kind === 'plan') rows = cached(db, spec.planSql).all(planId) as Row[];
    else if (spec.nodeSql && scope.nodeIds.length > 0) {
      rows = cached(db, spec.nodeSql(scope.nodeIds.map(() => '?').join(','))).all(...scope.nodeIds) as Row[];
    } else rows = [];
    const map = new Map<string, Row>();
    for (const row of rows) map.set(keyOf(spec, row), row);
    tables.set(spec.name, map);
  }
  return { plan, tables };
}

function sameRow(a: Row, b: Row): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/** The rows that differ between two captures of the same scope. */
export function diffCaptures(planId: string, before: PlanCapture, after: PlanCapture): RowChange[] {
  const changes: RowChange[] = [];
  if (before.plan && after.plan && !sameRow(before.plan, after.plan)) {
    changes.push({ t: 'plans', k: JSON.stringify([planId]), b: before.plan, a: after.plan });
  }
  for (const spec of TABLES) {
    const b = before.tables.get(spec.name) ?? new Map<string, Row>();
    const a = after.tables.get(spec.name) ?? new Map<string, Row>();
    for (const [k, row] of b) {
      const next = a.get(k) ?? null;
      if (!next) changes.push({ t: spec.name, k, b: row, a: null });
      else if (!sameRow(row, next)) changes.push({ t: spec.name, k, b: row, a: next });
    }
    for (const [k, row] of a) if (!b.has(k)) changes.push({ t: spec.name, k, b: null, a: row });
  }
  return changes;
}

/** Two consecutive diffs as one: the first's before, the second's after. */
export function mergeDiffs(first: readonly RowChange[], second: readonly RowChange[]): RowChange[] {
  const byKey = new Map<string, RowChange>();
  for (const c of first) byKey.set(`${c.t}\u0000${c.k}`, { ...c });
  for (const c of second) {
    const id = `${c.t}\u0000${c.k}`;
    const prev = byKey.get(id);
    if (prev) prev.a = c.a;
    else byKey.set(id, { ...c });
  }
  return [...byKey.values()].filter((c) => !(c.b === null && c.a === null) && !(c.b && c.a && sameRow(c.b, c.a)));
}

function specOf(table: string): TableSpec | undefined {
  return TABLES.find((s) => s.name === table);
}

function keyColumns(table: string): readonly string[] {
  return table === 'plans' ? ['id'] : (specOf(table)?.key ?? []);
}

function keyValues(change: RowChange): unknown[] {
  return JSON.parse(change.k) as unknown[];
}

/**
 * Puts the rows of `changes` into their `before` (undo) or `after` (redo, restore) state.
 * Only the columns the change touched are written back, so an unrelated later change to another
 * column of the same row (a status update, say) survives an undo.
 */
export function applyChanges(db: Db, changes: readonly RowChange[], direction: 'before' | 'after'): void {
  // Parents may be inserted after their children below; let SQLite check references at commit.
  db.pragma('defer_foreign_keys = ON');
  const target = (c: RowChange): Row | null => (direction === 'before' ? c.b : c.a);
  const other = (c: RowChange): Row | null => (direction === 'before' ? c.a : c.b);

  const exists = (c: RowChange): boolean => {
    const keys = keyColumns(c.t);
    const sql = `SELECT 1 FROM ${c.t} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`;
    return cached(db, sql).get(...keyValues(c)) !== undefined;
  };
  const upsert = (c: RowChange): void => {
    const row = target(c);
    if (!row) return;
    const keys = keyColumns(c.t);
    if (exists(c)) {
      const prev = other(c);
      const cols = Object.keys(row).filter((col) => !keys.includes(col) && (!prev || prev[col] !== row[col]));
      if (cols.length === 0) return;
      const sql = `UPDATE ${c.t} SET ${cols.map((col) => `${col} = ?`).join(', ')} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`;
      cached(db, sql).run(...cols.map((col) => row[col]), ...keyValues(c));
    } else if (c.t !== 'plans') {
      const cols = Object.keys(row);
      const sql = `INSERT INTO ${c.t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
      cached(db, sql).run(...cols.map((col) => row[col]));
    }
  };
  const remove = (c: RowChange): void => {
    const keys = keyColumns(c.t);
    cached(db, `DELETE FROM ${c.t} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`).run(...keyValues(c));
  };

  const inTable = (t: string) => changes.filter((c) => c.t === t);
  // 1. The plan row and the nodes that stay, so every surviving node points at its final parent …
  for (const c of inTable('plans')) upsert(c);
  for (const c of inTable('nodes')) upsert(c);
  // 2. … then deletions, children first (a node's delete cascades only to rows that go anyway) …
  for (const spec of [...TABLES].reverse()) for (const c of inTable(spec.name)) if (!target(c)) remove(c);
  // 3. … then the rows hanging off nodes and problems.
  for (const spec of TABLES) if (spec.name !== 'nodes') for (const c of inTable(spec.name)) upsert(c);
}
