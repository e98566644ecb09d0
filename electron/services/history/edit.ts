import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import { nowIso } from '../ids.ts';
import { applyChanges, cached, capture, diffCaptures, mergeDiffs, type CaptureScope, type RowChange } from './plan-state.ts';

/** Steps kept per plan; older ones are dropped (revisions keep the long history). */
export const HISTORY_LIMIT = 300;
/** Consecutive edits of the same field within this window undo as one step (typing with autosave) … */
export const MERGE_WINDOW_MS = 4000;
/** … but one step never spans more than this, so a long stretch of typing can be undone in pieces. */
export const MERGE_SPAN_MS = 30_000;

export interface EditOptions {
  planId: string;
  /** null = skip the check (undo/redo without a version, internal callers) */
  expectedVersion: number | null;
  /** What the user reads in 撤销“…” */
  label: string;
  /** Rows the edit may touch; a function runs inside the transaction, after the version check. Default: the whole plan */
  scope?: CaptureScope | (() => CaptureScope);
  mergeKey?: string | null;
}

export interface EditOutcome<T> {
  value: T;
  version: number;
  updatedAt: string;
  changed: boolean;
}

interface PlanVersionRow {
  version: number;
  updated_at: string;
}

function planVersion(db: Db, planId: string): PlanVersionRow {
  const row = cached(db, 'SELECT version, updated_at FROM plans WHERE id = ?').get(planId) as PlanVersionRow | undefined;
  if (!row) throw new AppError('not_found', `找不到方案：${planId}`);
  return row;
}

export function assertVersion(db: Db, planId: string, expectedVersion: number | null): PlanVersionRow {
  const current = planVersion(db, planId);
  if (expectedVersion !== null && current.version !== expectedVersion) {
    throw new AppError('conflict', '该方案已在其他窗口中被修改。为避免互相覆盖，本次修改未保存，请重新载入后再改。', {
      planId,
      expectedVersion,
      currentVersion: current.version,
    });
  }
  return current;
}

function bump(db: Db, planId: string): PlanVersionRow {
  const now = nowIso();
  cached(db, 'UPDATE plans SET version = version + 1, updated_at = ? WHERE id = ?').run(now, planId);
  return planVersion(db, planId);
}

/**
 * Runs one edit of a plan in a transaction: checks the version the caller saw, records the rows it
 * changed as one undo step (merged with the previous step when `mergeKey` matches), bumps the version.
 * An edit that changes nothing leaves version and history alone.
 */
export function editPlan<T>(db: Db, options: EditOptions, fn: () => T): EditOutcome<T> {
  return db.transaction((): EditOutcome<T> => {
    const current = assertVersion(db, options.planId, options.expectedVersion);
    const scope = typeof options.scope === 'function' ? options.scope() : (options.scope ?? { kind: 'plan' });
    const before = capture(db, options.planId, scope);
    const value = fn();
    const after = capture(db, options.planId, scope);
    const changes = diffCaptures(options.planId, before, after);
    if (changes.length === 0) return { value, version: current.version, updatedAt: current.updated_at, changed: false };
    recordStep(db, options.planId, options.label, options.mergeKey ?? null, changes);
    const next = bump(db, options.planId);
    return { value, version: next.version, updatedAt: next.updated_at, changed: true };
  })();
}

interface HistoryRow {
  id: number;
  label: string;
  merge_key: string | null;
  diff: string;
  created_at: string;
  updated_at: string;
}

function recordStep(db: Db, planId: string, label: string, mergeKey: string | null, changes: RowChange[]): void {
  const now = nowIso();
  // A new edit ends the redo branch.
  cached(db, 'DELETE FROM edit_history WHERE plan_id = ? AND undone = 1').run(planId);
  if (mergeKey) {
    const last = cached(db, 'SELECT id, label, merge_key, diff, created_at, updated_at FROM edit_history WHERE plan_id = ? ORDER BY id DESC LIMIT 1').get(
      planId,
    ) as HistoryRow | undefined;
    const nowMs = Date.parse(now);
    if (
      last &&
      last.merge_key === mergeKey &&
      nowMs - Date.parse(last.updated_at) <= MERGE_WINDOW_MS &&
      nowMs - Date.parse(last.created_at) <= MERGE_SPAN_MS
    ) {
      const merged = mergeDiffs(JSON.parse(last.diff) as RowChange[], changes);
      if (merged.length === 0) cached(db, 'DELETE FROM edit_history WHERE id = ?').run(last.id);
      else cached(db, 'UPDATE edit_history SET diff = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(merged), now, last.id);
      return;
    }
  }
  cached(db, 'INSERT INTO edit_history (plan_id, label, merge_key, diff, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    planId,
    label,
    mergeKey,
    JSON.stringify(changes),
    now,
    now,
  );
  cached(
    db,
    `DELETE FROM edit_history WHERE plan_id = ? AND id <= (SELECT id FROM edit_history WHERE plan_id = ? ORDER BY id DESC LIMIT 1 OFFSET ${HISTORY_LIMIT})`,
  ).run(planId, planId);
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

export function historyState(db: Db, planId: string): HistoryState {
  const undo = cached(db, 'SELECT label FROM edit_history WHERE plan_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1').get(planId) as
    | { label: string }
    | undefined;
  const redo = cached(db, 'SELECT label FROM edit_history WHERE plan_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1').get(planId) as
    | { label: string }
    | undefined;
  return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
}

export interface StepOutcome {
  label: string;
  version: number;
  updatedAt: string;
  /** Nodes the step touched (to select one after undo) */
  nodeIds: string[];
}

/** Undo (put rows back as before the latest step) or redo (re-apply the earliest undone step). */
export function stepHistory(db: Db, planId: string, expectedVersion: number | null, direction: 'undo' | 'redo'): StepOutcome {
  return db.transaction((): StepOutcome => {
    assertVersion(db, planId, expectedVersion);
    const row = (
      direction === 'undo'
        ? cached(db, 'SELECT id, label, merge_key, diff, created_at, updated_at FROM edit_history WHERE plan_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1')
        : cached(db, 'SELECT id, label, merge_key, diff, created_at, updated_at FROM edit_history WHERE plan_id = ? AND undone = 1 ORDER BY id ASC LIMIT 1')
    ).get(planId) as HistoryRow | undefined;
    if (!row) throw new AppError('bad_input', direction === 'undo' ? '没有可以撤销的操作' : '没有可以重做的操作');
    const changes = JSON.parse(row.diff) as RowChange[];
    applyChanges(db, changes, direction === 'undo' ? 'before' : 'after');
    cached(db, 'UPDATE edit_history SET undone = ?, merge_key = NULL WHERE id = ?').run(direction === 'undo' ? 1 : 0, row.id);
    const next = bump(db, planId);
    const nodeIds = [...new Set(changes.filter((c) => c.t === 'nodes' || c.t === 'measures').map((c) => String((JSON.parse(c.k) as unknown[])[0])))];
    return { label: row.label, version: next.version, updatedAt: next.updated_at, nodeIds };
  })();
}
