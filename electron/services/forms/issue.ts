import { stat } from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';
import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { FormKind, IssuedForm } from '../../../shared/api/forms.ts';
import { defaultDueDate, formFileName, formsZipName } from '../../../shared/forms/names.ts';
import { localIsoDate } from '../../../shared/progress/dates.ts';
import { uniqueNames } from '../../../shared/progress/evidence-names.ts';
import { newId, nowIso } from '../ids.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { zipToBuffer } from '../files/zip-buffer.ts';
import { planDepartments, progressRows, proposalTargets, targetsFor } from './form-rows.ts';
import { progressFormXlsx, proposalFormXlsx, type FormIdentity } from './form-workbook.ts';

/**
 * 下发: one form per department, recorded as issued (which measures at which version) so that what
 * comes back can be checked against it, written into a folder or one .zip.
 */

export interface IssueInput {
  planId: string;
  kind?: FormKind | undefined;
  departments?: string[] | undefined;
  due?: string | undefined;
}

interface BuiltForm {
  form: FormIdentity;
  fileName: string;
  data: Buffer;
  rows: number;
  /** [{ id, version }] as issued */
  issued: { id: string; version: string | null }[];
}

interface BuiltForms {
  planTitle: string;
  kind: FormKind;
  due: string;
  forms: BuiltForm[];
}

/** The departments a plan's forms would go to, with their row counts (the dialog's choices). */
export function formDepartments(db: Db, planId: string, kind: FormKind): { departments: { name: string; rows: number }[]; unassigned: number; defaultDue: string } {
  const defaultDue = defaultDueDate(localIsoDate());
  const { rows } = progressRows(db, planId);
  const names = planDepartments(rows);
  if (kind === 'progress') {
    return {
      departments: names.map((name) => ({ name, rows: rows.filter((r) => r.departments.includes(name)).length })),
      unassigned: rows.filter((r) => r.departments.length === 0).length,
      defaultDue,
    };
  }
  const { targets } = proposalTargets(db, planId);
  return { departments: names.map((name) => ({ name, rows: targetsFor(targets, name).length })), unassigned: 0, defaultDue };
}

export async function buildForms(db: Db, input: IssueInput): Promise<BuiltForms> {
  const kind = input.kind ?? 'progress';
  const due = input.due ?? defaultDueDate(localIsoDate());
  const issuedOn = localIsoDate();
  const issuedAt = nowIso();
  const progress = progressRows(db, input.planId);
  const known = planDepartments(progress.rows);
  const requested = [...new Set((input.departments ?? []).map((d) => d.trim()).filter((d) => d !== ''))];
  const departments = requested.length > 0 ? requested : known;
  if (departments.length === 0) {
    throw new AppError(
      'bad_input',
      kind === 'progress'
        ? progress.rows.length === 0
          ? '方案还没有整改措施，无法下发进展填报表'
          : '方案的措施都还没有填写责任部门，无法按部门下发填报表。请先在台账或编辑页填写责任部门'
        : '方案的措施还没有责任部门：请指定要征求意见的部门',
    );
  }
  const planTitle = progress.title;
  const base = (department: string): FormIdentity => ({ formId: newId(), kind, planId: input.planId, planTitle, department, issuedOn, issuedAt, dueOn: due });
  const forms: Omit<BuiltForm, 'fileName'>[] = [];
  if (kind === 'progress') {
    for (const department of departments) {
      const rows = progress.rows.filter((r) => r.departments.includes(department));
      if (rows.length === 0) throw new AppError('bad_input', `方案中没有由“${department}”负责的措施${known.length > 0 ? `（责任部门有：${known.join('、')}）` : ''}`);
      const form = base(department);
      forms.push({ form, data: await progressFormXlsx(form, rows), rows: rows.length, issued: rows.map((r) => ({ id: r.id, version: r.version })) });
    }
  } else {
    const { targets } = proposalTargets(db, input.planId);
    if (targets.length === 0) throw new AppError('bad_input', '方案中还没有问题（问题清单或章节），无法下发征求措施表');
    for (const department of departments) {
      const own = targetsFor(targets, department);
      const form = base(department);
      forms.push({ form, data: await proposalFormXlsx(form, own), rows: own.length, issued: own.map((t) => ({ id: t.key, version: null })) });
    }
  }
  const names = uniqueNames(forms.map((f) => formFileName(f.form.department, planTitle, kind, due)));
  return { planTitle, kind, due, forms: forms.map((f, i) => ({ ...f, fileName: names[i]! })) };
}

/** Notes the forms as issued: a later form of the same department makes an earlier one stale. */
function recordForms(db: Db, built: BuiltForms): void {
  const insert = db.prepare(
    'INSERT INTO forms (id, plan_id, kind, department, issued_on, due_on, file_name, rows, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const f of built.forms) {
      insert.run(f.form.formId, f.form.planId, f.form.kind, f.form.department, f.form.issuedOn, f.form.dueOn, f.fileName, JSON.stringify(f.issued), f.form.issuedAt);
    }
  })();
}

function zipOf(forms: readonly BuiltForm[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date();
  // yazl flags the names as UTF-8: Chinese names survive every unzip tool.
  for (const f of forms) zip.addBuffer(f.data, f.fileName, { mtime, compress: true });
  return zipToBuffer(zip);
}

/** Writes the forms into a folder (one .xlsx each, replacing a file of the same name) or one .zip. */
export async function issueForms(db: Db, dataDir: string, input: IssueInput & { output: string }): Promise<{ output: string; files: IssuedForm[] }> {
  const output = path.resolve(input.output);
  const built = await buildForms(db, input);
  const asZip = output.toLowerCase().endsWith('.zip');
  let files: IssuedForm[];
  if (asZip) {
    await writeFileAtomic(output, await zipOf(built.forms), { createFolder: true, dataDir });
    files = built.forms.map((f) => ({ department: f.form.department, file: f.fileName, rows: f.rows }));
  } else {
    const existing = await stat(output).catch(() => null);
    if (existing && !existing.isDirectory()) throw new AppError('bad_input', `「${input.output}」是一个文件：请给出文件夹，或以 .zip 结尾的文件名`);
    files = [];
    for (const f of built.forms) {
      const target = path.join(output, f.fileName);
      await writeFileAtomic(target, f.data, { createFolder: true, dataDir });
      files.push({ department: f.form.department, file: target, rows: f.rows });
    }
  }
  recordForms(db, built);
  return { output, files };
}

/**
 * Forms generated for a save dialog or a download are noted as issued only once the user has them
 * (`confirmIssued`): a dialog cancelled after generating must not make the forms really sent look older.
 * Kept in memory for an hour; the services process lives as long as the window.
 */
const unconfirmed = new Map<string, { built: BuiltForms; expires: number }>();
const CONFIRM_WITHIN_MS = 60 * 60 * 1000;

/** The forms as one .zip in memory, for the browser's download and the desktop's save dialog; `token` confirms them. */
export async function issueFormsFile(db: Db, input: IssueInput): Promise<{ fileName: string; data: Buffer; files: IssuedForm[]; token: string }> {
  const built = await buildForms(db, input);
  const data = await zipOf(built.forms);
  const now = Date.now();
  for (const [key, entry] of unconfirmed) if (entry.expires < now) unconfirmed.delete(key);
  const token = newId();
  // The bytes are with the caller now: only what recording needs stays here.
  unconfirmed.set(token, { built: { ...built, forms: built.forms.map((f) => ({ ...f, data: Buffer.alloc(0) })) }, expires: now + CONFIRM_WITHIN_MS });
  return {
    fileName: formsZipName(built.planTitle, built.kind, built.due),
    data,
    files: built.forms.map((f) => ({ department: f.form.department, file: f.fileName, rows: f.rows })),
    token,
  };
}

/** Notes the forms of an `issueFormsFile` as issued (the user saved or downloaded them). */
export function confirmIssued(db: Db, token: string): { recorded: number } {
  const entry = unconfirmed.get(token);
  if (!entry) throw new AppError('not_found', '这批填报表的下发记录已过期（超过1小时或程序重启过），请重新生成填报表后下发');
  unconfirmed.delete(token);
  recordForms(db, entry.built);
  return { recorded: entry.built.forms.length };
}
