import { z } from 'zod';
import { method } from './define.ts';
import { PlanIdSchema, PlanSummarySchema } from './plans.ts';
import { MeasureFieldsSchema, MeasureStatusSchema, DeadlineKindSchema, PlanDocumentSchema } from '../domain/document.ts';
import { MEASURE_STATUSES } from '../domain/status.ts';
import { IsoDateSchema, MeasureIdSchema } from './evidence.ts';

/**
 * Tracking after approval: status history and 销号, deadline changes, the dashboard, the ledger
 * (整改台账) as data and as .xlsx/.docx, the 整改落实情况报告 generated from the same data.
 *
 * A measure's `path` is its numbering path built from the generated markers of its numbered
 * ancestors and itself (shared/numbering.ts walkNumbered): level 1 keeps the Chinese numeral, deeper
 * levels use Arabic numbers, joined with "-". 一、 > （一） > 2. gives "一-1-2"; a measure numbered
 * 3. directly under 二、 gives "二-3". Unnumbered levels are skipped; a measure with no number at all
 * gets "#n" (its position among the plan's measures). Evidence files in a package are named by it.
 */

export const ActorSchema = z.string().trim().max(100, '姓名不能超过100字');

/**
 * The plan version the caller last saw (the editor sends it): a change made meanwhile elsewhere is a
 * conflict, as for every editor write. Absent: no check (整改跟踪, the CLI).
 */
const ExpectedVersionSchema = z.number().int().min(1).optional();

export const MeasureListItemSchema = z.object({
  id: z.string(),
  path: z.string(),
  heading: z.string(),
  leader: z.string().nullable(),
  department: z.string().nullable(),
  deadline: z.string().nullable(),
  status: MeasureStatusSchema,
});
export type MeasureListItem = z.infer<typeof MeasureListItemSchema>;

/** One measure as the ledger, dashboard and report see it. */
export const LedgerMeasureSchema = z.object({
  id: z.string(),
  planId: z.string(),
  /** 序号: 1.. in outline order */
  seq: z.number().int(),
  path: z.string(),
  /** the generated marker, e.g. "2." */
  marker: z.string(),
  heading: z.string(),
  body: z.array(z.string()),
  /**
   * the 问题 this measure answers: its linked problems, else its parent section's heading; measures
   * with the same key answer the same problem (问题N个 counts distinct keys)
   */
  problem: z.object({ key: z.string(), category: z.string().nullable(), text: z.string() }),
  /** the top-level section it belongs to (for 问题类别 when problems have none) */
  sectionHeading: z.string().nullable(),
  /** the measure's own fields (deadline = 现时限, verbatim; statusText = the status words as written) */
  ...MeasureFieldsSchema.shape,
  /** 原时限 when the deadline was changed (the first recorded one), else null */
  originalDeadline: z.string().nullable(),
  statusLabel: z.string(),
  /** 整改进展/完成情况: the latest progress note, else the status words as written */
  progressText: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** active (not removed) attachments */
  evidenceCount: z.number().int(),
  /** 佐证材料（目录/编号）: `no` is the file's name in the evidence package, e.g. 三-1-2_会议纪要_20260115.pdf */
  evidenceList: z.array(z.object({ no: z.string(), type: z.string(), originalName: z.string() })),
  lastEventDate: z.string().nullable(),
  /** the ledger's cell texts by column key (see Ledger.columns), as the exports print them */
  cells: z.record(z.string(), z.string()),
});
export type LedgerMeasure = z.infer<typeof LedgerMeasureSchema>;

export const StatusEventSchema = z.object({
  id: z.number().int(),
  measureId: z.string(),
  kind: z.enum(['status', 'deadline', 'close']),
  date: z.string(),
  status: MeasureStatusSchema.nullable(),
  note: z.string().nullable(),
  /** 原时限 → 现时限 for deadline changes */
  oldDeadline: z.string().nullable(),
  newDeadline: z.string().nullable(),
  /** who recorded it; for close events the approver */
  actor: z.string().nullable(),
  createdAt: z.string(),
  /** where a reported event came from: 部门报送：办公室，文件名，填报人，日期 (null for the user's own entries) */
  source: z.string().nullable(),
});
export type StatusEvent = z.infer<typeof StatusEventSchema>;

export const MeasureProgressSchema = z.object({
  measure: LedgerMeasureSchema,
  history: z.array(StatusEventSchema),
  /** the plan's version after the change (an editor open on the plan continues from it) */
  planVersion: z.number().int(),
});
export type MeasureProgress = z.infer<typeof MeasureProgressSchema>;

/** 完成率 etc. — the one set of numbers the report, the ledger and the dashboard share. */
export const ReportCountsSchema = z.object({
  /** 问题N个: distinct problems (or parent sections) the measures answer */
  problems: z.number().int(),
  /** 措施N项 */
  measures: z.number().int(),
  /** 已完成N项 = done + closed */
  completed: z.number().int(),
  /** of which 已销号 */
  closed: z.number().int(),
  /** the rest, by kind */
  ongoing: z.number().int(),
  inProgress: z.number().int(),
  notDone: z.number().int(),
  /** completed / measures × 100, rounded to two decimals (0 when there are no measures) */
  completionRate: z.number(),
  /** as printed: "76%", "98.71%" — two decimals or none */
  completionRateText: z.string(),
  byStatus: z.record(z.enum(MEASURE_STATUSES), z.number().int()),
});
export type ReportCounts = z.infer<typeof ReportCountsSchema>;

export const GroupStatsSchema = z.object({
  name: z.string(),
  total: z.number().int(),
  completed: z.number().int(),
  completionRate: z.number(),
  completionRateText: z.string(),
  overdue: z.number().int(),
  byStatus: z.record(z.enum(MEASURE_STATUSES), z.number().int()),
});
export type GroupStats = z.infer<typeof GroupStatsSchema>;

export const DueItemSchema = MeasureListItemSchema.extend({
  deadlineDate: z.string(),
  /** overdue: days past the deadline (≥ 1); due soon: days left (0 = today) */
  days: z.number().int(),
});
export type DueItem = z.infer<typeof DueItemSchema>;

export const DashboardSchema = z.object({
  planId: z.string(),
  today: z.string(),
  counts: ReportCountsSchema,
  /** '未填写' for measures without a department / leader */
  byDepartment: z.array(GroupStatsSchema),
  byLeader: z.array(GroupStatsSchema),
  /** red: deadline before today and not done/closed/close_requested, most overdue first */
  overdue: z.array(DueItemSchema),
  /** amber: deadline today … today + 7 days and not done/closed/close_requested, soonest first */
  dueSoon: z.array(DueItemSchema),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const LEDGER_COLUMN_SETS = ['D', 'E'] as const;
export const LedgerColumnSetSchema = z.enum(LEDGER_COLUMN_SETS);
export type LedgerColumnSet = z.infer<typeof LedgerColumnSetSchema>;

export const LedgerColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** relative width (characters) used by the .xlsx and .docx exports and the view */
  width: z.number(),
});

export const LedgerSchema = z.object({
  planId: z.string(),
  planTitle: z.string(),
  /** e.g. 关于…的整改落实情况台账 */
  title: z.string(),
  columnSet: LedgerColumnSetSchema,
  columns: z.array(LedgerColumnSchema),
  measures: z.array(LedgerMeasureSchema),
  counts: ReportCountsSchema,
});
export type Ledger = z.infer<typeof LedgerSchema>;

export const LedgerFormatSchema = z.enum(['xlsx', 'docx']);

export const progressContract = {
  'progress.measures': method(
    z.object({ planId: PlanIdSchema }),
    z.array(MeasureListItemSchema),
    '按大纲顺序列出方案的全部措施',
  ),
  'progress.get': method(z.object({ measureId: MeasureIdSchema }), MeasureProgressSchema, '读取一项措施的进展和状态历史'),
  'progress.setStatus': method(
    z.object({
      measureId: MeasureIdSchema,
      status: MeasureStatusSchema,
      /** 整改进展/完成情况 text */
      note: z.string().max(5000, '说明不能超过5000字').nullable().optional(),
      /** defaults to today */
      date: IsoDateSchema.optional(),
      by: ActorSchema.nullable().optional(),
      /** for status 'closed' (销号, required then): who approved it; `by` is taken when absent */
      approver: ActorSchema.nullable().optional(),
      expectedVersion: ExpectedVersionSchema,
    }),
    MeasureProgressSchema,
    '记录措施的状态变化（保留历史；销号须有审核人和日期）',
  ),
  'progress.close': method(
    z.object({
      measureId: MeasureIdSchema,
      approver: ActorSchema.min(1, '请填写审核销号的领导'),
      date: IsoDateSchema.optional(),
      note: z.string().max(5000).nullable().optional(),
      expectedVersion: ExpectedVersionSchema,
    }),
    MeasureProgressSchema,
    '对账销号：记录审核人和销号日期',
  ),
  'progress.changeDeadline': method(
    z.object({
      measureId: MeasureIdSchema,
      /** 现时限, verbatim (e.g. 2026年6月底前) */
      deadline: z.string().trim().min(1, '请填写新的完成时限'),
      /** the date it resolves to; derived from the text when absent */
      deadlineDate: IsoDateSchema.nullable().optional(),
      deadlineKind: DeadlineKindSchema.nullable().optional(),
      reason: z.string().trim().min(1, '请填写调整时限的原因').max(2000),
      date: IsoDateSchema.optional(),
      by: ActorSchema.nullable().optional(),
      expectedVersion: ExpectedVersionSchema,
    }),
    MeasureProgressSchema,
    '调整完成时限（记录原时限、现时限和原因）',
  ),
  'progress.updateMeasure': method(
    z.object({
      measureId: MeasureIdSchema,
      leader: z.string().max(200).nullable().optional(),
      department: z.string().max(200).nullable().optional(),
      person: z.string().max(200).nullable().optional(),
      cooperating: z.array(z.string().max(200)).optional(),
      statusText: z.string().max(5000).nullable().optional(),
    }),
    LedgerMeasureSchema,
    '在台账中直接修改措施的责任领导、责任部门、责任人或整改情况',
  ),
  'progress.dashboard': method(
    z.object({ planId: PlanIdSchema, today: IsoDateSchema.optional() }),
    DashboardSchema,
    '方案整改进度看板：按状态、部门、领导统计，逾期和7天内到期事项',
  ),
  'progress.ledger': method(
    z.object({ planId: PlanIdSchema, columnSet: LedgerColumnSetSchema.optional() }),
    LedgerSchema,
    '读取整改台账（列组 D 或 E，默认 E）',
  ),
  'progress.exportLedger': method(
    z.object({
      planId: PlanIdSchema,
      /** .xlsx or .docx; the format follows the extension unless given */
      output: z.string().min(1, '请指定导出文件'),
      format: LedgerFormatSchema.optional(),
      columnSet: LedgerColumnSetSchema.optional(),
    }),
    z.object({ path: z.string(), format: LedgerFormatSchema, rows: z.number().int() }),
    '导出整改台账为 Excel 或 Word 文件',
  ),
  'progress.ledgerFile': method(
    z.object({ planId: PlanIdSchema, format: LedgerFormatSchema, columnSet: LedgerColumnSetSchema.optional() }),
    z.object({ fileName: z.string(), dataBase64: z.string() }),
    '生成整改台账文件内容（浏览器下载用）',
  ),
  'progress.reportDocument': method(
    z.object({ planId: PlanIdSchema, asOf: IsoDateSchema.optional() }),
    PlanDocumentSchema,
    '由整改数据生成整改落实情况报告（不保存，预览用）',
  ),
  'progress.exportReport': method(
    z.object({ planId: PlanIdSchema, output: z.string().min(1, '请指定导出文件'), asOf: IsoDateSchema.optional() }),
    z.object({ path: z.string(), title: z.string(), warnings: z.array(z.string()) }),
    '由整改数据生成整改落实情况报告并导出为 Word（附整改台账）',
  ),
  'progress.generateReport': method(
    z.object({ planId: PlanIdSchema, asOf: IsoDateSchema.optional() }),
    PlanSummarySchema,
    '由整改数据生成整改落实情况报告，保存为可编辑的新方案',
  ),
} as const;
