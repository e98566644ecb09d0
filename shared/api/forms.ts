import { z } from 'zod';
import { method } from './define.ts';
import { PlanIdSchema } from './plans.ts';
import { IsoDateSchema } from './evidence.ts';

/**
 * Departments in the loop, offline: 下发 one .xlsx form per 责任部门 (进展填报表 for progress, 征求措施表 for
 * measure proposals while drafting), 回收 the returned files into a review table (changes and conflicts per
 * row), and apply what the user accepts — status events through the progress service with their source,
 * proposed measures under their problems as one undo step.
 */

export const FORM_KINDS = ['progress', 'proposals'] as const;
export const FormKindSchema = z.enum(FORM_KINDS, { error: () => ({ message: '填报表类型只能是 progress（进展填报表）或 proposals（征求措施表）' }) });
export type FormKind = z.infer<typeof FormKindSchema>;
export const FORM_KIND_LABELS: Record<FormKind, string> = { progress: '进展填报表', proposals: '征求措施表' };

const DepartmentNameSchema = z.string().trim().min(1, '部门名称不能为空').max(200, '部门名称不能超过200字');

const IssueOptionsSchema = z.object({
  planId: PlanIdSchema,
  kind: FormKindSchema.optional(),
  /** default: every 责任部门 of the plan */
  departments: z.array(DepartmentNameSchema).max(500).optional(),
  /** 报送截止日期; default: the coming 20th (每月20日前报送) */
  due: IsoDateSchema.optional(),
});

/** One generated form: `file` is its path (folder output) or its name inside the .zip. */
export const IssuedFormSchema = z.object({
  department: z.string(),
  file: z.string(),
  /** measures (进展填报表) or problems (征求措施表) listed */
  rows: z.number().int(),
});
export type IssuedForm = z.infer<typeof IssuedFormSchema>;

export const FormDepartmentSchema = z.object({
  name: z.string(),
  /** measures (progress) or problems (proposals) the department's form would list */
  rows: z.number().int(),
});

/** A returned file, as the renderer or the CLI read it. */
export const ReturnedFileSchema = z.object({
  name: z.string().trim().min(1, '缺少文件名').max(255),
  dataBase64: z.string().max(70 * 1024 * 1024, '文件超过50 MB，不是填报表'),
});
export type ReturnedFile = z.infer<typeof ReturnedFileSchema>;

/** What the review table knows about each returned file. */
export const ReturnedFormSchema = z.object({
  file: z.string(),
  formId: z.string().nullable(),
  kind: FormKindSchema,
  planId: z.string(),
  planTitle: z.string(),
  department: z.string().nullable(),
  issuedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** rows the department filled in */
  rows: z.number().int(),
});
export type ReturnedForm = z.infer<typeof ReturnedFormSchema>;

export const REVIEW_FIELDS = ['status', 'progress', 'completedOn', 'evidence', 'measure', 'leader', 'deadline', 'link'] as const;
export const ReviewFieldSchema = z.enum(REVIEW_FIELDS);
export type ReviewField = z.infer<typeof ReviewFieldSchema>;
export const REVIEW_FIELD_LABELS: Record<ReviewField, string> = {
  status: '状态',
  progress: '本期进展',
  completedOn: '完成时间',
  evidence: '佐证材料',
  measure: '新增措施',
  leader: '责任领导',
  deadline: '完成时限',
  link: '关联已有措施',
};

export const ReviewChangeSchema = z.object({
  field: ReviewFieldSchema,
  /** current value (status: the enum; dates: YYYY-MM-DD; null: none) */
  from: z.string().nullable(),
  /** reported value */
  to: z.string().nullable(),
});
export type ReviewChange = z.infer<typeof ReviewChangeSchema>;

export const CONFLICT_CODES = [
  /** the measure changed in the workbook after the form was issued */
  'changed',
  /** the measure (problem) no longer exists */
  'deleted',
  /** the measure is now another department's */
  'moved',
  /** a row the form did not have */
  'added_row',
  /** a locked cell (编号, 问题, 整改措施 …) was edited */
  'edited_key',
  /** a form of another plan than the one being collected */
  'other_plan',
  /** the department has been issued a newer form since */
  'older_form',
  /** the same measure is reported in more than one returned file */
  'twice',
  /** a value that cannot be read (a status word or a date) */
  'bad_value',
] as const;
export const ConflictCodeSchema = z.enum(CONFLICT_CODES);
export type ConflictCode = z.infer<typeof ConflictCodeSchema>;

export const ReviewConflictSchema = z.object({ code: ConflictCodeSchema, reason: z.string() });
export type ReviewConflict = z.infer<typeof ReviewConflictSchema>;

export const ReviewRowSchema = z.object({
  /** stable across collect and apply: what `accept` names */
  key: z.string(),
  file: z.string(),
  kind: FormKindSchema,
  planId: z.string().nullable(),
  /** the measure reported on (progress), or the existing measure a proposal duplicates */
  measureId: z.string().nullable(),
  /** 编号: the measure's path (三-1-2), or for proposals the problem's */
  path: z.string(),
  /** the measure's heading, or the proposed measure's text */
  heading: z.string(),
  /** proposals: the problem the measure answers */
  problem: z.string().nullable(),
  department: z.string().nullable(),
  reporter: z.string().nullable(),
  reportedOn: z.string().nullable(),
  changes: z.array(ReviewChangeSchema),
  conflicts: z.array(ReviewConflictSchema),
  /** proposals: an existing measure with the same or nearly the same text (linked instead of added unless the user says otherwise) */
  duplicateOf: z.object({ measureId: z.string(), path: z.string(), heading: z.string(), similarity: z.number() }).nullable(),
  /** applied before (this very content of this row of this form): nothing to do */
  alreadyApplied: z.boolean(),
  /** whether the user may accept it at all (a deleted measure or an unknown row cannot be applied) */
  applicable: z.boolean(),
});
export type ReviewRow = z.infer<typeof ReviewRowSchema>;

/** `rectify collect --json`'s entries. */
export const CollectChangeSchema = z.object({
  measureId: z.string().nullable(),
  path: z.string(),
  department: z.string().nullable(),
  field: ReviewFieldSchema,
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export const CollectConflictSchema = z.object({ measureId: z.string().nullable(), path: z.string(), reason: z.string() });
export const CollectErrorSchema = z.object({ file: z.string(), message: z.string() });

export const CollectResultSchema = z.object({
  forms: z.array(ReturnedFormSchema),
  rows: z.array(ReviewRowSchema),
  /** dry run: every change of a row without conflicts; apply: what was applied */
  changes: z.array(CollectChangeSchema),
  /** rows with conflicts (apply: those left unapplied) */
  conflicts: z.array(CollectConflictSchema),
  /** files that could not be read: nothing from them is applied */
  errors: z.array(CollectErrorSchema),
  /** apply: rows applied */
  applied: z.number().int(),
});
export type CollectResult = z.infer<typeof CollectResultSchema>;

const CollectInputSchema = z.object({
  files: z.array(ReturnedFileSchema).min(1, '请选择回收的填报表文件').max(200, '一次最多回收200个文件'),
  /** the plan being collected for (the ledger's 回收填报表): a form of another plan is a conflict; absent: each form's own plan */
  planId: PlanIdSchema.optional(),
});

export const formsContract = {
  'forms.departments': method(
    z.object({ planId: PlanIdSchema, kind: FormKindSchema.optional() }),
    z.object({
      departments: z.array(FormDepartmentSchema),
      /** measures without a 责任部门: on no form */
      unassigned: z.number().int(),
      /** the coming 报送截止日期 (default of `due`) */
      defaultDue: z.string(),
    }),
    '列出方案的责任部门及各部门填报表的行数',
  ),
  'forms.issue': method(
    IssueOptionsSchema.extend({
      /** a folder (one .xlsx per department), or a file ending in .zip */
      output: z.string().min(1, '请指定输出文件夹或 .zip 文件'),
    }),
    z.object({ output: z.string(), files: z.array(IssuedFormSchema) }),
    '下发填报表：为每个责任部门生成一个 .xlsx（写入文件夹或一个 .zip）',
  ),
  'forms.issueFile': method(
    IssueOptionsSchema,
    z.object({
      fileName: z.string(),
      dataBase64: z.string(),
      files: z.array(IssuedFormSchema),
      /** confirms the forms as issued once the user saved them (forms.confirmIssue) */
      token: z.string(),
    }),
    '下发填报表：生成全部部门的填报表压缩包内容（保存或下载后用 forms.confirmIssue 记为已下发）',
  ),
  'forms.confirmIssue': method(
    z.object({ token: z.string().min(1) }),
    z.object({ recorded: z.number().int() }),
    '下发填报表：用户保存了生成的填报表后，记为已下发（同一部门较早的填报表回收时会被标出）',
  ),
  'forms.collect': method(CollectInputSchema, CollectResultSchema, '回收填报表：读取部门报回的文件，列出变化和冲突（不保存）'),
  'forms.apply': method(
    CollectInputSchema.extend({
      /** row keys to apply; absent: every row without conflicts */
      accept: z.array(z.string()).max(100_000).optional(),
      /** proposal rows to add as new measures although a near-identical measure exists (default: link to it) */
      addAnyway: z.array(z.string()).max(100_000).optional(),
    }),
    CollectResultSchema,
    '回收填报表：应用接受的行（状态与进展记入措施历史，采纳的措施加到对应问题下）',
  ),
} as const;
