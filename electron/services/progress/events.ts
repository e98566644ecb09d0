import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { MeasureStatus } from '../../../shared/domain/status.ts';
import { STATUS_LABELS } from '../../../shared/domain/status.ts';
import type { DeadlineKind } from '../../../shared/domain/deadline.ts';
import { classifyDeadline } from '../../../shared/domain/deadline-classify.ts';
import type { LedgerMeasure, MeasureProgress, StatusEvent } from '../../../shared/api/progress.ts';
import { isIsoDate, localIsoDate } from '../../../shared/progress/dates.ts';
import { touchPlan } from '../plans/plan-repository.ts';
import { assertVersion } from '../history/edit.ts';
import { nowIso } from '../ids.ts';
import { findMeasure } from './measure-lookup.ts';
import { loadLedger } from './ledger-data.ts';

/**
 * Progress is a history, never an overwrite: every status change, 销号 and deadline change is an
 * event row (date, status, text, who), and the measure's current fields follow the latest one.
 * Each change also bumps the plan's version so an editor open on the plan sees the change instead
 * of saving a stale status over it.
 */

interface EventRow {
  id: number;
  node_id: string;
  kind: 'status' | 'deadline' | 'close';
  on_date: string;
  status: MeasureStatus | null;
  note: string | null;
  old_deadline: string | null;
  new_deadline: string | null;
  actor: string | null;
  created_at: string;
  source: string | null;
}

function toEvent(r: EventRow): StatusEvent {
  return {
    id: r.id,
    measureId: r.node_id,
    kind: r.kind,
    date: r.on_date,
    status: r.status,
    note: r.note,
    oldDeadline: r.old_deadline,
    newDeadline: r.new_deadline,
    actor: r.actor,
    createdAt: r.created_at,
    source: r.source,
  };
}

export function history(db: Db, measureId: string): StatusEvent[] {
  return (db.prepare('SELECT * FROM status_events WHERE node_id = ? ORDER BY on_date, id').all(measureId) as EventRow[]).map(toEvent);
}

export function ledgerMeasure(db: Db, measureId: string): LedgerMeasure {
  const ref = findMeasure(db, measureId);
  const m = loadLedger(db, ref.planId).ledger.measures.find((x) => x.id === measureId);
  if (!m) throw new AppError('not_found', `找不到整改措施：${measureId}`);
  return m;
}

export function measureProgress(db: Db, measureId: string): MeasureProgress {
  const measure = ledgerMeasure(db, measureId);
  const plan = db.prepare('SELECT version FROM plans WHERE id = ?').get(measure.planId) as { version: number };
  return { measure, history: history(db, measureId), planVersion: plan.version };
}

function checkDate(date: string | undefined): string {
  const d = date ?? localIsoDate();
  if (!isIsoDate(d)) throw new AppError('bad_input', `日期「${d}」不正确，应为 YYYY-MM-DD，例如 2026-01-15`);
  return d;
}

function emptyToNull(s: string | null | undefined): string | null {
  if (s === undefined || s === null) return null;
  const t = s.trim();
  return t === '' ? null : t;
}

export interface SetStatusInput {
  measureId: string;
  status: MeasureStatus;
  note?: string | null | undefined;
  date?: string | undefined;
  by?: string | null | undefined;
  approver?: string | null | undefined;
  expectedVersion?: number | undefined;
  /** Where the report came from (部门报送：办公室，文件名，填报人，日期) when it is not the user's own entry */
  source?: string | null | undefined;
}

/**
 * The one write path for a measure's status (the editor's status control, 整改跟踪, the CLI): every
 * change is an event; 销号 (closed) always has an approver and a date.
 */
export function setStatus(db: Db, input: SetStatusInput): MeasureProgress {
  return measureProgress(db, recordStatus(db, input));
}

/** setStatus without reading the result back (many events in one go: a returned form). Returns the measure id. */
export function recordStatus(db: Db, input: SetStatusInput): string {
  const ref = findMeasure(db, input.measureId);
  const date = checkDate(input.date);
  const note = emptyToNull(input.note);
  // 销号 records who approved it and when (domain.md §5.3): without an approver it is not a 销号.
  const approver = emptyToNull(input.approver) ?? emptyToNull(input.by);
  if (input.status === 'closed' && !approver) throw new AppError('bad_input', '销号须填写审核销号的领导（审核人）');
  db.transaction(() => {
    assertVersion(db, ref.planId, input.expectedVersion ?? null);
    if (input.status === 'closed') {
      db.prepare(
        `INSERT INTO status_events (node_id, kind, on_date, status, note, actor, created_at, source) VALUES (?, 'close', ?, 'closed', ?, ?, ?, ?)`,
      ).run(ref.measureId, date, note, approver, nowIso(), emptyToNull(input.source));
      db.prepare(`UPDATE measures SET status = 'closed', closed_by = ?, closed_on = ? WHERE node_id = ?`).run(approver, date, ref.measureId);
    } else {
      db.prepare(
        `INSERT INTO status_events (node_id, kind, on_date, status, note, actor, created_at, source) VALUES (?, 'status', ?, ?, ?, ?, ?, ?)`,
      ).run(ref.measureId, date, input.status, note, emptyToNull(input.by), nowIso(), emptyToNull(input.source));
      // Reopening a closed item: it is no longer 销号; the close event stays in the history.
      db.prepare('UPDATE measures SET status = ?, closed_by = NULL, closed_on = NULL WHERE node_id = ?').run(input.status, ref.measureId);
    }
    touchPlan(db, ref.planId);
  })();
  return ref.measureId;
}

export function closeMeasure(
  db: Db,
  input: { measureId: string; approver: string; date?: string | undefined; note?: string | null | undefined; expectedVersion?: number | undefined },
): MeasureProgress {
  const approver = emptyToNull(input.approver);
  if (!approver) throw new AppError('bad_input', '请填写审核销号的领导');
  return setStatus(db, { measureId: input.measureId, status: 'closed', approver, date: input.date, note: input.note, expectedVersion: input.expectedVersion });
}

export interface ChangeDeadlineInput {
  measureId: string;
  deadline: string;
  deadlineDate?: string | null | undefined;
  deadlineKind?: DeadlineKind | null | undefined;
  reason: string;
  date?: string | undefined;
  by?: string | null | undefined;
  expectedVersion?: number | undefined;
}

/** 原时限 → 现时限 with a reason; the raw wording is kept verbatim, the date derived for warnings. */
export function changeDeadline(db: Db, input: ChangeDeadlineInput): MeasureProgress {
  const ref = findMeasure(db, input.measureId);
  const date = checkDate(input.date);
  const raw = input.deadline.trim();
  const reason = emptyToNull(input.reason);
  if (!reason) throw new AppError('bad_input', '请填写调整时限的原因');
  if (input.deadlineDate !== undefined && input.deadlineDate !== null && !isIsoDate(input.deadlineDate)) {
    throw new AppError('bad_input', `日期「${input.deadlineDate}」不正确，应为 YYYY-MM-DD`);
  }
  const year = Number(date.slice(0, 4));
  const classified = classifyDeadline(raw, year);
  const kind = input.deadlineKind ?? classified.kind;
  const deadlineDate = input.deadlineDate !== undefined ? input.deadlineDate : classified.date;
  db.transaction(() => {
    assertVersion(db, ref.planId, input.expectedVersion ?? null);
    const current = db.prepare('SELECT deadline_raw FROM measures WHERE node_id = ?').get(ref.measureId) as { deadline_raw: string | null };
    db.prepare(
      `INSERT INTO status_events (node_id, kind, on_date, status, note, old_deadline, new_deadline, actor, created_at)
       VALUES (?, 'deadline', ?, NULL, ?, ?, ?, ?, ?)`,
    ).run(ref.measureId, date, reason, current.deadline_raw, raw, emptyToNull(input.by), nowIso());
    db.prepare('UPDATE measures SET deadline_raw = ?, deadline_kind = ?, deadline_date = ? WHERE node_id = ?').run(
      raw,
      kind,
      deadlineDate,
      ref.measureId,
    );
    touchPlan(db, ref.planId);
  })();
  return measureProgress(db, ref.measureId);
}

export interface UpdateMeasureInput {
  measureId: string;
  leader?: string | null | undefined;
  department?: string | null | undefined;
  person?: string | null | undefined;
  cooperating?: string[] | undefined;
  statusText?: string | null | undefined;
}

/** Inline edits from the ledger view: the plain measure fields (status and deadline have their own events). */
export function updateMeasure(db: Db, input: UpdateMeasureInput): LedgerMeasure {
  const ref = findMeasure(db, input.measureId);
  const sets: string[] = [];
  const args: (string | null)[] = [];
  const text = (col: string, v: string | null | undefined): void => {
    if (v === undefined) return;
    sets.push(`${col} = ?`);
    args.push(emptyToNull(v));
  };
  text('leader', input.leader);
  text('department', input.department);
  text('person', input.person);
  text('status_text', input.statusText);
  if (input.cooperating !== undefined) {
    sets.push('cooperating = ?');
    args.push(JSON.stringify(input.cooperating.map((s) => s.trim()).filter((s) => s !== '')));
  }
  if (sets.length > 0) {
    db.transaction(() => {
      db.prepare(`UPDATE measures SET ${sets.join(', ')} WHERE node_id = ?`).run(...args, ref.measureId);
      touchPlan(db, ref.planId);
    })();
  }
  return ledgerMeasure(db, ref.measureId);
}

/** Accepts the enum or the Chinese label (已完成, 已销号 …) as users type them on the command line. */
export function parseStatusWord(word: string): MeasureStatus | null {
  const w = word.trim();
  for (const [status, label] of Object.entries(STATUS_LABELS) as [MeasureStatus, string][]) {
    if (w === status || w === label) return status;
  }
  const aliases: Record<string, MeasureStatus> = {
    正在整改: 'in_progress',
    整改中: 'in_progress',
    推进中: 'in_progress',
    持续推进: 'ongoing',
    持续整改: 'ongoing',
    已整改: 'done',
    整改到位: 'done',
    待销号: 'close_requested',
    同意销号: 'closed',
    未整改: 'not_done',
    逾期: 'delayed',
  };
  return aliases[w] ?? null;
}
