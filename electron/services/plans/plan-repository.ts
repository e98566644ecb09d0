import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import { CoverNoticeSchema, type CoverNotice, type PlanDocument } from '../../../shared/domain/document.ts';
import type { PlanDetail, PlanSummary } from '../../../shared/api/plans.ts';
import { newId, nowIso } from '../ids.ts';
import { insertOutline, readOutline, toDocNodes } from './outline-rows.ts';
import { localIsoDate } from '../../../shared/progress/dates.ts';
import { planProgress } from '../../../shared/progress/workbench.ts';
import type { PlanProgress } from '../../../shared/api/workbench.ts';
import { progressOfPlans } from '../workbench/tracked-measures.ts';

export interface PlanRow {
  id: string;
  title: string;
  kind: string;
  template_id: string | null;
  org: string | null;
  year: number | null;
  addressee: string | null;
  issuer: string | null;
  doc_date: string | null;
  /** JSON of the 印发通知, NULL when none */
  notice: string | null;
  preamble: string;
  attachments: string;
  variables: string;
  settings: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  measure_count: number;
}

const SELECT_PLAN = `SELECT p.*, (SELECT count(*) FROM nodes n WHERE n.plan_id = p.id AND n.kind = 'measure') AS measure_count FROM plans p`;

export function summaryOf(row: PlanRow, progress: PlanProgress): PlanSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    measureCount: row.measure_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    archived: row.archived_at !== null,
    completionRate: progress.completionRate,
    overdue: progress.overdue,
    nextDueDate: progress.nextDueDate,
  };
}

/** Summaries with each plan's 完成率, 逾期 and next deadline as of today. */
function summaries(db: Db, rows: readonly PlanRow[]): PlanSummary[] {
  const today = localIsoDate();
  const progress = progressOfPlans(db, rows, today);
  return rows.map((row) => summaryOf(row, progress.get(row.id) ?? planProgress([], today)));
}

export interface PlanMetaInput {
  org?: string | null;
  year?: number | null;
  templateId?: string | null;
  variables?: Record<string, string>;
  settings?: Record<string, unknown>;
}

/** The user's plans, most recently changed first; archived ones only when asked. */
export function listPlanRows(db: Db, options: { includeArchived?: boolean | undefined; planId?: string | undefined } = {}): PlanRow[] {
  // A working plan of 修改模板内容 (template_drafts) is the template's, not one of the user's plans.
  const where = ['NOT EXISTS (SELECT 1 FROM template_drafts d WHERE d.plan_id = p.id)'];
  const params: string[] = [];
  if (!options.includeArchived) where.push('p.archived_at IS NULL');
  if (options.planId !== undefined) {
    where.push('p.id = ?');
    params.push(options.planId);
  }
  return db.prepare(`${SELECT_PLAN} WHERE ${where.join(' AND ')} ORDER BY p.updated_at DESC, p.id`).all(...params) as PlanRow[];
}

export function listPlans(db: Db, options: { includeArchived?: boolean | undefined } = {}): PlanSummary[] {
  return summaries(db, listPlanRows(db, options));
}

function planRow(db: Db, id: string): PlanRow {
  const row = db.prepare(`${SELECT_PLAN} WHERE p.id = ?`).get(id) as PlanRow | undefined;
  if (!row) throw new AppError('not_found', `找不到方案：${id}`);
  return row;
}

export function getPlanSummary(db: Db, id: string): PlanSummary {
  return summaries(db, [planRow(db, id)])[0]!;
}

export function getPlan(db: Db, id: string): PlanDetail {
  const row = planRow(db, id);
  return {
    ...summaries(db, [row])[0]!,
    meta: {
      org: row.org,
      year: row.year,
      templateId: row.template_id,
      variables: JSON.parse(row.variables) as Record<string, string>,
      settings: JSON.parse(row.settings) as Record<string, unknown>,
    },
    document: documentHeader(row),
    outline: readOutline(db, id),
  };
}

/** The stored 印发通知; a value that no longer reads as one (a hand edit) is no notice rather than an error. */
export function parseNotice(json: string | null): CoverNotice | null {
  if (json === null) return null;
  try {
    const parsed = CoverNoticeSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function noticeJson(notice: CoverNotice | null | undefined): string | null {
  return notice ? JSON.stringify(notice) : null;
}

function documentHeader(row: PlanRow): Omit<PlanDocument, 'sections'> {
  const settings = JSON.parse(row.settings) as { level3Numbering?: unknown };
  const notice = parseNotice(row.notice);
  return {
    title: row.title,
    kind: row.kind,
    addressee: row.addressee,
    preamble: JSON.parse(row.preamble) as string[],
    problems: [],
    attachments: JSON.parse(row.attachments) as string[],
    issuer: row.issuer,
    date: row.doc_date,
    level3Numbering: settings.level3Numbering === 'continuous' ? 'continuous' : 'restart',
    // Only a plan that has a notice carries the field: a document without one reads back as it went in.
    ...(notice ? { notice } : {}),
  };
}

/** The stored plan as a PlanDocument (for export, snapshots and duplication). */
export function getPlanDocument(db: Db, id: string): PlanDocument {
  const row = planRow(db, id);
  const problems = db
    .prepare('SELECT key, category, text FROM problems WHERE plan_id = ? ORDER BY position')
    .all(id) as { key: string; category: string | null; text: string }[];
  return { ...documentHeader(row), problems, sections: toDocNodes(readOutline(db, id)) };
}

/** Creates a plan from a document in one transaction: all of it is stored, or nothing. */
export function createPlanFromDocument(db: Db, doc: PlanDocument, meta: PlanMetaInput = {}): PlanSummary {
  const id = newId();
  const now = nowIso();
  db.transaction(() => {
    const settings = { ...(meta.settings ?? {}), level3Numbering: doc.level3Numbering };
    db.prepare(
      `INSERT INTO plans (id, title, kind, template_id, org, year, addressee, issuer, doc_date, notice, preamble, attachments, variables, settings, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      doc.title,
      doc.kind,
      meta.templateId ?? null,
      meta.org ?? null,
      meta.year ?? null,
      doc.addressee,
      doc.issuer,
      doc.date,
      noticeJson(doc.notice),
      JSON.stringify(doc.preamble),
      JSON.stringify(doc.attachments),
      JSON.stringify(meta.variables ?? {}),
      JSON.stringify(settings),
      now,
      now,
    );
    const problemIds = new Map<string, string>();
    const insertProblem = db.prepare('INSERT INTO problems (id, plan_id, key, position, category, text) VALUES (?, ?, ?, ?, ?, ?)');
    doc.problems.forEach((p, position) => {
      const problemId = newId();
      problemIds.set(p.key, problemId);
      insertProblem.run(problemId, id, p.key, position, p.category, p.text);
    });
    insertOutline(db, id, doc.sections, problemIds);
  })();
  return getPlanSummary(db, id);
}

/** Marks a plan changed: bumps its version and timestamp. Call inside the writing transaction. */
export function touchPlan(db: Db, id: string): void {
  const res = db.prepare('UPDATE plans SET version = version + 1, updated_at = ? WHERE id = ?').run(nowIso(), id);
  if (res.changes === 0) throw new AppError('not_found', `找不到方案：${id}`);
}

export function renamePlan(db: Db, id: string, title: string): PlanSummary {
  db.transaction(() => {
    db.prepare('UPDATE plans SET title = ? WHERE id = ?').run(title, id);
    touchPlan(db, id);
  })();
  return getPlanSummary(db, id);
}

export function duplicatePlan(db: Db, id: string): PlanSummary {
  const row = planRow(db, id);
  const doc = getPlanDocument(db, id);
  return createPlanFromDocument(
    db,
    { ...doc, title: `${doc.title}（副本）` },
    {
      org: row.org,
      year: row.year,
      templateId: row.template_id,
      variables: JSON.parse(row.variables) as Record<string, string>,
      settings: JSON.parse(row.settings) as Record<string, unknown>,
    },
  );
}

/**
 * 归档 / 恢复. Neither version nor the modification time changes: archiving is not an edit of the plan
 * (an editor open on it elsewhere carries on), and a restored plan returns to its place in the list.
 */
export function setArchived(db: Db, id: string, archived: boolean): PlanSummary {
  db.transaction(() => {
    const res = db
      .prepare('UPDATE plans SET archived_at = CASE WHEN ? THEN coalesce(archived_at, ?) ELSE NULL END WHERE id = ?')
      .run(archived ? 1 : 0, nowIso(), id);
    if (res.changes === 0) throw new AppError('not_found', `找不到方案：${id}`);
  })();
  return getPlanSummary(db, id);
}

export function deletePlan(db: Db, id: string): void {
  const res = db.prepare('DELETE FROM plans WHERE id = ?').run(id);
  if (res.changes === 0) throw new AppError('not_found', `找不到方案：${id}`);
}
