import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import type { LedgerMeasure } from '../../../shared/api/progress.ts';
import type { FormKind, ReturnedForm, ReviewChange, ReviewConflict, ReviewRow } from '../../../shared/api/forms.ts';
import type { MeasureStatus } from '../../../shared/domain/status.ts';
import { cellText, parseReportedDate, parseReportedStatus } from '../../../shared/forms/cell-values.ts';
import { splitDepartments } from '../../../shared/forms/names.ts';
import { chineseDate, localIsoDate } from '../../../shared/progress/dates.ts';
import { comparableText, NEAR_DUPLICATE, textSimilarity } from '../../../shared/text/similarity.ts';
import { loadLedger, type LoadedLedger } from '../progress/ledger-data.ts';
import { keyCellsHash, progressKeyHash, proposalTargets, type ProposalTarget } from './form-rows.ts';
import { measureVersions, shortHash } from './measure-version.ts';
import { readForm, type FormRow, type ParsedForm } from './read-form.ts';
import { REPORTABLE_STATUSES } from './form-workbook.ts';

/**
 * 回收: every returned file read, each filled row compared with the workbook — what would change, and
 * what speaks against applying it (the measure changed since the form was issued, was deleted or moved,
 * a row the form did not have, edited locked cells, another plan's form, an older form, the same measure
 * in two files, an unreadable value). Nothing is written here; `apply.ts` applies what the user accepts.
 */

export interface ReturnedBytes {
  name: string;
  bytes: Buffer;
}

export interface ProgressAction {
  kind: 'progress';
  planId: string;
  measureId: string;
  status: MeasureStatus;
  note: string | null;
  date: string;
  reporter: string | null;
  source: string;
}

export interface ProposalAction {
  kind: 'proposals';
  planId: string;
  /** problem:<id> or section:<node id> */
  targetKey: string;
  text: string;
  leader: string | null;
  deadline: string | null;
  department: string | null;
  /** an existing measure, or an earlier proposal of this batch (its row key), with the same text */
  duplicate: { measureId: string | null; rowKey: string | null } | null;
  /** the duplicate already answers this problem: nothing to link */
  alreadyThere: boolean;
}

export interface ReviewItem {
  row: ReviewRow;
  /** the form's id (or the file's name when its hidden sheet is gone) and the row's key within it */
  formKey: string;
  rowKey: string;
  contentHash: string;
  fileName: string;
  action: ProgressAction | ProposalAction | null;
}

export interface Review {
  forms: ReturnedForm[];
  items: ReviewItem[];
  errors: { file: string; message: string }[];
}

interface ReturnRow {
  content_hash: string;
  version_after: string | null;
  node_id: string | null;
}

/** What the workbook knows of one plan, read once per collect. */
interface PlanView {
  id: string;
  title: string;
  loaded: LoadedLedger;
  byId: Map<string, LedgerMeasure>;
  versions: Map<string, string>;
  targets: Map<string, ProposalTarget> | null;
  parentOf: Map<string, string | null>;
}

const DONE_LIKE = new Set<MeasureStatus>(['done', 'mostly_done', 'close_requested', 'closed']);

class Workbook {
  private readonly plans = new Map<string, PlanView | null>();
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  plan(planId: string): PlanView | null {
    if (this.plans.has(planId)) return this.plans.get(planId)!;
    const row = this.db.prepare('SELECT id, title FROM plans WHERE id = ?').get(planId) as { id: string; title: string } | undefined;
    let view: PlanView | null = null;
    if (row) {
      const loaded = loadLedger(this.db, planId, 'E');
      const parentOf = new Map<string, string | null>();
      const walk = (nodes: readonly StoredNode[], parent: string | null): void => {
        for (const n of nodes) {
          parentOf.set(n.id, parent);
          walk(n.children, n.id);
        }
      };
      walk(loaded.nodes, null);
      view = {
        id: row.id,
        title: row.title,
        loaded,
        byId: new Map(loaded.ledger.measures.map((m) => [m.id, m])),
        versions: measureVersions(this.db, planId),
        targets: null,
        parentOf,
      };
    }
    this.plans.set(planId, view);
    return view;
  }

  planOfMeasure(measureId: string): string | null {
    const row = this.db.prepare('SELECT n.plan_id AS plan_id FROM nodes n JOIN measures m ON m.node_id = n.id WHERE n.id = ?').get(measureId) as
      | { plan_id: string }
      | undefined;
    return row?.plan_id ?? null;
  }

  targets(view: PlanView): Map<string, ProposalTarget> {
    view.targets ??= new Map(proposalTargets(this.db, view.id).targets.map((t) => [t.key, t]));
    return view.targets;
  }

  /** A 征求措施表's problem as it is now: a problem of the plan's list, or a section of its outline. */
  targetExists(view: PlanView, key: string): boolean {
    const [type, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (type === 'problem') return this.db.prepare('SELECT 1 FROM problems WHERE id = ? AND plan_id = ?').get(id, view.id) !== undefined;
    if (type === 'section') return this.db.prepare(`SELECT 1 FROM nodes WHERE id = ? AND plan_id = ? AND kind = 'section'`).get(id, view.id) !== undefined;
    return false;
  }

  returns(formKey: string, rowKey: string): ReturnRow[] {
    return this.db
      .prepare('SELECT content_hash, version_after, node_id FROM form_returns WHERE form_id = ? AND row_key = ? ORDER BY id DESC')
      .all(formKey, rowKey) as ReturnRow[];
  }

  nodeExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM nodes WHERE id = ?').get(id) !== undefined;
  }

  linked(problemId: string, nodeId: string): boolean {
    return this.db.prepare('SELECT 1 FROM problem_measures WHERE problem_id = ? AND node_id = ?').get(problemId, nodeId) !== undefined;
  }

  /** A later form for the same department and plan, when this one is not the newest. */
  newerForm(planId: string, kind: FormKind, department: string, issuedAt: string, formId: string): { issued_on: string } | null {
    const row = this.db
      .prepare('SELECT issued_on FROM forms WHERE plan_id = ? AND kind = ? AND department = ? AND created_at > ? AND id <> ? ORDER BY created_at DESC LIMIT 1')
      .get(planId, kind, department, issuedAt, formId) as { issued_on: string } | undefined;
    return row ?? null;
  }
}

const text = (v: Parameters<typeof cellText>[0] | undefined): string => cellText(v ?? null);

function conflict(code: ReviewConflict['code'], reason: string): ReviewConflict {
  return { code, reason };
}

/** Which plan a returned form is for: its hidden sheet's, else the plan of the first measure it names. */
function formPlanId(parsed: ParsedForm, wb: Workbook): string | null {
  if (parsed.info) return parsed.info.planId;
  if (parsed.kind !== 'progress') return null;
  for (const r of parsed.rows) {
    const planId = r.id ? wb.planOfMeasure(r.id) : null;
    if (planId) return planId;
  }
  return null;
}

interface FormContext {
  parsed: ParsedForm;
  view: PlanView;
  formKey: string;
  department: string | null;
  year: number;
  /** conflicts every row of this form has (another plan's form, an older form) */
  common: ReviewConflict[];
}

function progressItem(ctx: FormContext, row: FormRow, wb: Workbook): ReviewItem | null {
  const { parsed, view, formKey, department } = ctx;
  const v = row.values;
  const rowKey = row.id ?? `row${row.rowNo}`;
  const key = `${formKey}:${rowKey}`;
  const statusParsed = parseReportedStatus(v.status);
  const completed = parseReportedDate(v.completedOn, ctx.year, parsed.date1904);
  const reported = parseReportedDate(v.reportedOn, ctx.year, parsed.date1904);
  const progress = text(v.progress);
  const evidence = text(v.evidence);
  const reporter = text(v.reporter) || null;
  const contentHash = shortHash([text(v.status), progress, completed.date ?? text(v.completedOn), evidence, reporter, reported.date ?? text(v.reportedOn)]);
  const base = {
    key,
    file: parsed.file,
    kind: 'progress' as const,
    planId: view.id,
    problem: null,
    department,
    reporter,
    reportedOn: reported.date,
    duplicateOf: null,
  };
  const shownPath = text(v.path) || `第${row.rowNo}行`;
  const inputsFilled = progress !== '' || evidence !== '' || text(v.status) !== '' || text(v.completedOn) !== '';
  // A row that cannot be applied at all: shown with why, when the department wrote something in it.
  const blocked = (measureId: string | null, c: ReviewConflict): ReviewItem | null =>
    inputsFilled
      ? {
          row: { ...base, measureId, path: shownPath, heading: text(v.measure), changes: [], conflicts: [c], alreadyApplied: false, applicable: false },
          formKey,
          rowKey,
          contentHash,
          fileName: parsed.file,
          action: null,
        }
      : null;
  if (row.id === null) return blocked(null, conflict('added_row', `第${row.rowNo}行不是填报表原有的行，无法对应到措施，请核对后在台账中手工录入`));
  const other = view.byId.has(row.id) ? null : wb.planOfMeasure(row.id);
  const measurePlan = other ? wb.plan(other) : view;
  const m = measurePlan?.byId.get(row.id);
  if (!measurePlan || !m) return blocked(row.id, conflict('deleted', '该措施已在工作台中删除，报送的进展无处记录'));
  const previous = wb.returns(formKey, rowKey);
  if (previous.some((p) => p.content_hash === contentHash)) {
    return {
      row: { ...base, measureId: m.id, path: m.path, heading: m.heading, changes: [], conflicts: [], alreadyApplied: true, applicable: false },
      formKey,
      rowKey,
      contentHash,
      fileName: parsed.file,
      action: null,
    };
  }
  const changes: ReviewChange[] = [];
  // 销号 is the office's decision after review: a department's 已销号 is a request.
  const statusTo = statusParsed.status === 'closed' ? 'close_requested' : statusParsed.status;
  if (statusTo && statusTo !== m.status) changes.push({ field: 'status', from: m.status, to: statusTo });
  if (progress !== '' && progress !== (m.progressText ?? '')) changes.push({ field: 'progress', from: m.progressText, to: progress });
  if (completed.date) changes.push({ field: 'completedOn', from: null, to: completed.date });
  if (evidence !== '') changes.push({ field: 'evidence', from: null, to: evidence });

  const conflicts: ReviewConflict[] = [...ctx.common];
  if (statusParsed.bad) conflicts.push(conflict('bad_value', `状态“${text(v.status)}”无法识别（应为${REPORTABLE_STATUSES.join('、')}之一），应用时不改状态`));
  if (completed.bad) conflicts.push(conflict('bad_value', `完成时间“${text(v.completedOn)}”不是日期，应用时不记录`));
  if (reported.bad) conflicts.push(conflict('bad_value', `填报日期“${text(v.reportedOn)}”不是日期`));
  if (changes.length === 0) return null;
  if (measurePlan !== view) conflicts.push(conflict('other_plan', `该措施属于另一方案《${measurePlan.title}》`));
  const issued = parsed.issuedRows.get(row.id);
  if (parsed.info && !issued) conflicts.push(conflict('added_row', '这一行不是本填报表原有的行（可能是从其他填报表复制来的）'));
  if (department !== null && !splitDepartments(m.department).includes(department)) {
    conflicts.push(conflict('moved', `措施现由“${m.department ?? '（未填写）'}”负责，这份填报表是下发给“${department}”的`));
  }
  const baseVersion = previous[0]?.version_after ?? issued?.[0] ?? null;
  if (baseVersion && measurePlan.versions.get(m.id) !== baseVersion) {
    conflicts.push(conflict('changed', `填报表下发后，该措施在工作台中又有改动（现在的状态：${m.statusLabel}${m.lastEventDate ? `，最近记录于${m.lastEventDate}` : ''}）`));
  }
  const check = issued?.[2];
  if (check) {
    const visible: Record<string, string> = {};
    for (const k of ['path', 'problem', 'measure', 'leader', 'deadline', 'current']) visible[k] = text(v[k]);
    if (progressKeyHash(visible) !== check) conflicts.push(conflict('edited_key', '填报表中锁定的内容（编号、问题、整改措施、责任领导、完成时限或当前状态）被改动过，请核对'));
  }
  const date = (statusTo && DONE_LIKE.has(statusTo) ? completed.date : null) ?? reported.date ?? localIsoDate();
  const note = [progress, evidence ? `佐证材料：${evidence}` : ''].filter((s) => s !== '').join('\n') || null;
  const source = `部门报送：${[department ?? m.department ?? '', parsed.file, reporter ?? '', reported.date ?? ''].filter((s) => s !== '').join('，')}`;
  return {
    row: { ...base, measureId: m.id, path: m.path, heading: m.heading, changes, conflicts, alreadyApplied: false, applicable: true },
    formKey,
    rowKey,
    contentHash,
    fileName: parsed.file,
    action: { kind: 'progress', planId: measurePlan.id, measureId: m.id, status: statusTo ?? m.status, note, date, reporter, source },
  };
}

/** What adding a proposal as a new measure changes (shown for a duplicate the user adds anyway). */
export function addChanges(a: Pick<ProposalAction, 'text' | 'leader' | 'deadline'>): ReviewChange[] {
  const out: ReviewChange[] = [{ field: 'measure', from: null, to: a.text }];
  if (a.leader) out.push({ field: 'leader', from: null, to: a.leader });
  if (a.deadline) out.push({ field: 'deadline', from: null, to: a.deadline });
  return out;
}

interface Proposed {
  item: ReviewItem;
  action: ProposalAction;
}

function isUnder(view: PlanView, nodeId: string, sectionId: string): boolean {
  let p = view.parentOf.get(nodeId) ?? null;
  while (p !== null) {
    if (p === sectionId) return true;
    p = view.parentOf.get(p) ?? null;
  }
  return false;
}

function proposalItems(ctx: FormContext, wb: Workbook, batch: Proposed[]): ReviewItem[] {
  const { parsed, view, formKey, department } = ctx;
  const reporter = text(parsed.reporter) || null;
  const reportedOn = parseReportedDate(parsed.reportedOn, ctx.year, parsed.date1904).date;
  const targets = wb.targets(view);
  const seen = new Map<string, number>();
  const out: ReviewItem[] = [];
  for (const row of parsed.rows) {
    const v = row.values;
    const measureText = text(v.measure);
    const leader = text(v.leader) || null;
    const deadline = text(v.deadline) || null;
    const target = row.id ? targets.get(row.id) : undefined;
    const issued = row.id ? parsed.issuedRows.get(row.id) : undefined;
    const path = target?.path ?? issued?.[0] ?? (text(v.path) || `第${row.rowNo}行`);
    const problem = target?.text ?? (text(v.problem) || null);
    const contentHash = shortHash([measureText, leader, deadline]);
    const stem = `${row.id ?? `row${row.rowNo}`}:${shortHash([comparableText(measureText)])}`;
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    const rowKey = n === 1 ? stem : `${stem}:${n}`;
    const base = {
      key: `${formKey}:${rowKey}`,
      file: parsed.file,
      kind: 'proposals' as const,
      planId: view.id,
      path,
      heading: measureText,
      problem,
      department,
      reporter,
      reportedOn,
    };
    const blocked = (c: ReviewConflict): ReviewItem => ({
      row: { ...base, measureId: null, changes: [], conflicts: [c], duplicateOf: null, alreadyApplied: false, applicable: false },
      formKey,
      rowKey,
      contentHash,
      fileName: parsed.file,
      action: null,
    });
    if (measureText === '') {
      if (leader || deadline) out.push(blocked(conflict('bad_value', `第${row.rowNo}行只填了责任领导或完成时限，没有填写整改措施`)));
      continue;
    }
    if (row.id === null) {
      out.push(blocked(conflict('added_row', `第${row.rowNo}行的措施无法对应到问题（不在任何问题的行下），请核对后在编辑页手工添加`)));
      continue;
    }
    if (!wb.targetExists(view, row.id)) {
      out.push(blocked(conflict('deleted', '该问题已在工作台中删除，提出的措施无处添加')));
      continue;
    }
    const isProblem = row.id.startsWith('problem:');
    const problemId = row.id.slice(row.id.indexOf(':') + 1);
    // Applied before, and still there (an undo takes the measure, or the link, away again).
    const answers = (nodeId: string): boolean => (isProblem ? wb.linked(problemId, nodeId) : wb.nodeExists(nodeId) && isUnder(view, nodeId, problemId));
    const previous = wb.returns(formKey, rowKey);
    const done = previous.find((p) => p.content_hash === contentHash && p.node_id !== null && answers(p.node_id));
    if (done) {
      out.push({
        row: { ...base, measureId: done.node_id, changes: [], conflicts: [], duplicateOf: null, alreadyApplied: true, applicable: false },
        formKey,
        rowKey,
        contentHash,
        fileName: parsed.file,
        action: null,
      });
      continue;
    }
    // The same or nearly the same measure: already in the plan, or proposed earlier in this batch.
    let duplicate: ProposalAction['duplicate'] = null;
    let duplicateOf: ReviewRow['duplicateOf'] = null;
    let best = NEAR_DUPLICATE;
    for (const m of view.loaded.ledger.measures) {
      const s = Math.max(textSimilarity(measureText, m.cells.measure ?? m.heading), textSimilarity(measureText, m.heading));
      if (s >= best) {
        best = s;
        duplicate = { measureId: m.id, rowKey: null };
        duplicateOf = { measureId: m.id, path: m.path, heading: m.heading, similarity: Math.round(s * 100) / 100 };
      }
    }
    if (!duplicate) {
      for (const p of batch) {
        if (p.action.planId !== view.id) continue;
        const s = textSimilarity(measureText, p.action.text);
        if (s >= best) {
          best = s;
          duplicate = { measureId: null, rowKey: p.item.row.key };
          duplicateOf = { measureId: '', path: `本次新增（${p.item.row.department ?? p.item.fileName}）`, heading: p.action.text, similarity: Math.round(s * 100) / 100 };
        }
      }
    }
    const alreadyThere = duplicate?.measureId != null && answers(duplicate.measureId);
    let changes: ReviewChange[];
    if (duplicate === null) {
      changes = addChanges({ text: measureText, leader, deadline });
    } else if (alreadyThere || !isProblem) {
      // Under a section the measure would only repeat itself: nothing to do unless the user adds it anyway.
      changes = [];
    } else {
      changes = [{ field: 'link', from: null, to: duplicateOf!.path }];
    }
    const conflicts: ReviewConflict[] = [...ctx.common];
    const check = issued?.[1];
    if (check && text(v.path) !== '' && keyCellsHash({ path: text(v.path), problem: text(v.problem) }, ['path', 'problem']) !== check) {
      conflicts.push(conflict('edited_key', '填报表中锁定的问题编号或问题内容被改动过，请核对'));
    }
    const action: ProposalAction = {
      kind: 'proposals',
      planId: view.id,
      targetKey: row.id,
      text: measureText,
      leader,
      deadline,
      department,
      duplicate,
      alreadyThere,
    };
    const item: ReviewItem = {
      row: { ...base, measureId: duplicate?.measureId ?? null, changes, conflicts, duplicateOf, alreadyApplied: false, applicable: true },
      formKey,
      rowKey,
      contentHash,
      fileName: parsed.file,
      action,
    };
    batch.push({ item, action });
    out.push(item);
  }
  return out;
}

/** Reads the returned files and compares them with the workbook; writes nothing. */
export async function reviewReturns(db: Db, files: readonly ReturnedBytes[], contextPlanId?: string): Promise<Review> {
  const wb = new Workbook(db);
  const forms: ReturnedForm[] = [];
  const items: ReviewItem[] = [];
  const errors: { file: string; message: string }[] = [];
  const batch: Proposed[] = [];
  for (const f of files) {
    let parsed: ParsedForm;
    try {
      parsed = await readForm(f.bytes, f.name);
    } catch (err) {
      if (err instanceof AppError && err.code !== 'internal') {
        errors.push({ file: f.name, message: err.message });
        continue;
      }
      throw err;
    }
    const planId = formPlanId(parsed, wb);
    const view = planId ? wb.plan(planId) : null;
    if (!view) {
      errors.push({
        file: f.name,
        message: parsed.info
          ? `“${f.name}”是方案《${parsed.info.planTitle || parsed.info.planId}》的填报表，该方案不在本工作台中（可先用“导入方案包”把方案导入）`
          : `无法确定“${f.name}”属于哪个方案：它缺少填报表信息，表中的措施也都不在本工作台中`,
      });
      continue;
    }
    const info = parsed.info;
    const common: ReviewConflict[] = [];
    if (contextPlanId !== undefined && contextPlanId !== view.id) {
      common.push(conflict('other_plan', `这是另一方案《${view.title}》的填报表，不是当前方案的`));
    }
    if (info?.issuedAt && info.department) {
      const newer = wb.newerForm(view.id, info.kind, info.department, info.issuedAt, info.formId);
      if (newer) common.push(conflict('older_form', `这是较早的一份填报表（${info.issuedOn ? chineseDate(info.issuedOn) : ''}下发）；${chineseDate(newer.issued_on)}已向“${info.department}”下发了新的填报表`));
    }
    const ctx: FormContext = {
      parsed,
      view,
      formKey: info?.formId ?? `file:${f.name}`,
      department: info?.department || null,
      year: Number((info?.issuedOn ?? localIsoDate()).slice(0, 4)),
      common,
    };
    const before = items.length;
    if (parsed.kind === 'progress') {
      for (const row of parsed.rows) {
        const item = progressItem(ctx, row, wb);
        if (item) items.push(item);
      }
    } else {
      items.push(...proposalItems(ctx, wb, batch));
    }
    forms.push({
      file: f.name,
      formId: info?.formId ?? null,
      kind: parsed.kind,
      planId: view.id,
      planTitle: view.title,
      department: ctx.department,
      issuedOn: info?.issuedOn ?? null,
      dueOn: info?.dueOn ?? null,
      rows: items.length - before,
    });
  }
  // The same measure reported in two files: the user decides which report stands.
  const byMeasure = new Map<string, ReviewItem[]>();
  for (const item of items) {
    if (item.action?.kind !== 'progress' || item.row.changes.length === 0) continue;
    const list = byMeasure.get(item.action.measureId) ?? [];
    list.push(item);
    byMeasure.set(item.action.measureId, list);
  }
  for (const list of byMeasure.values()) {
    if (list.length < 2) continue;
    const names = [...new Set(list.map((i) => `“${i.fileName}”`))].join('、');
    for (const item of list) item.row.conflicts.push(conflict('twice', `该措施在本次回收的多个文件中都有填报（${names}），请选择采用哪一份`));
  }
  return { forms, items, errors };
}
