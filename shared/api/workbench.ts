import { z } from 'zod';
import { method } from './define.ts';
import { PlanSummarySchema } from './plans.ts';
import { GroupStatsSchema } from './progress.ts';
import { IsoDateSchema } from './evidence.ts';
import { MeasureStatusSchema } from '../domain/document.ts';
import { MEASURE_STATUSES } from '../domain/status.ts';

/**
 * The 工作台 across plans: what is overdue or due soon in every plan, each plan's progress, the
 * departments' numbers, and the one setting deadlines depend on (立行立改 counts as due N days after
 * the plan's date). Archived plans (归档) are left out unless asked for.
 *
 * Due dates come from shared/domain/due-date.ts (measureDueDate): a date stored with the measure,
 * else what its 完成时限 wording resolves to. Overdue = due before today and neither completed nor
 * waiting for 销号 review (shared/progress/dashboard.ts isOverdue) — the same rule as the dashboard.
 */

/** One open measure with its due date, across plans (`rectify due`). */
export const DueRowSchema = z.object({
  planId: z.string(),
  planTitle: z.string(),
  measureId: z.string(),
  /** numbering path, e.g. 三-1-2 */
  path: z.string(),
  heading: z.string(),
  department: z.string().nullable(),
  /** 完成时限 as written */
  deadline: z.string().nullable(),
  /** ISO date the deadline resolves to; null when it names none (长期坚持) */
  dueDate: z.string().nullable(),
  /** the date is a convention, not written (立行立改 = the plan's date + the set number of days) */
  dueAssumed: z.boolean(),
  /** today − dueDate in days: positive = that many days overdue, 0 = due today, negative = days left; null without a date */
  daysOverdue: z.number().int().nullable(),
  status: MeasureStatusSchema,
  /** counts as 逾期 (open and past its date; 申请销号 does not) */
  overdue: z.boolean(),
});
export type DueRow = z.infer<typeof DueRowSchema>;

/** A plan's numbers on the home page: one function computes them (shared/progress/workbench.ts planProgress). */
export const PlanProgressSchema = z.object({
  total: z.number().int(),
  completed: z.number().int(),
  /** completed / total × 100, two decimals at most (the report's rule) */
  completionRate: z.number(),
  completionRateText: z.string(),
  overdue: z.number().int(),
  byStatus: z.record(z.enum(MEASURE_STATUSES), z.number().int()),
  /** the soonest due date, today or later, of a measure still open */
  nextDueDate: z.string().nullable(),
});
export type PlanProgress = z.infer<typeof PlanProgressSchema>;

export const WorkbenchPlanSchema = PlanSummarySchema.extend({ progress: PlanProgressSchema });
export type WorkbenchPlan = z.infer<typeof WorkbenchPlanSchema>;

/** The home page's lists carry at most this many rows each: the most urgent; more are asked for filtered. */
export const DUE_LIST_LIMIT = 300;

export const WorkbenchOverviewSchema = z.object({
  today: z.string(),
  immediateDays: z.number().int(),
  plans: z.array(WorkbenchPlanSchema),
  /** archived plans in the workbook (shown in `plans` only with includeArchived) */
  archivedCount: z.number().int(),
  /** 已逾期, most overdue first (at most DUE_LIST_LIMIT: `totals` says how many there are) */
  overdue: z.array(DueRowSchema),
  /** 7天内到期: due today … today + 7, soonest first (at most DUE_LIST_LIMIT) */
  dueSoon: z.array(DueRowSchema),
  /** 本月到期: due today … the last day of this month, soonest first (at most DUE_LIST_LIMIT) */
  dueThisMonth: z.array(DueRowSchema),
  /** how many each list has in all (workbench.due lists all of them, or those of one plan or department) */
  totals: z.object({ overdue: z.number().int(), dueSoon: z.number().int(), dueThisMonth: z.number().int() }),
  /** 按责任部门 across the plans shown ('未填写' for measures without one) */
  byDepartment: z.array(GroupStatsSchema),
});
export type WorkbenchOverview = z.infer<typeof WorkbenchOverviewSchema>;

export const DueQuerySchema = z.object({
  /** only overdue measures */
  overdue: z.boolean().optional(),
  /** only measures due from today to today + N days (with `overdue`: either) */
  withinDays: z.number().int().min(0, '天数不能为负').max(3660, '天数不能超过3660').optional(),
  /** 责任部门: the whole field, or one of the departments it lists (办公室 matches 办公室、人事处); 未填写 for none */
  department: z.string().trim().min(1, '请填写部门名称').max(200).optional(),
  /** also completed (已完成, 已销号) measures; default false */
  includeDone: z.boolean().optional(),
  /** also measures without a due date (长期坚持 …), last; default false */
  includeUndated: z.boolean().optional(),
  /** also archived plans; default false */
  includeArchived: z.boolean().optional(),
  planId: z.string().min(1).optional(),
  today: IsoDateSchema.optional(),
});

export const WorkbenchSettingsSchema = z.object({
  /** 立行立改 is due this many days after the plan's date (成文日期, else the day it was created) */
  immediateDays: z.number().int().min(0, '天数不能为负').max(365, '天数不能超过365'),
});
export type WorkbenchSettings = z.infer<typeof WorkbenchSettingsSchema>;

export const workbenchContract = {
  'workbench.overview': method(
    z.object({ today: IsoDateSchema.optional(), includeArchived: z.boolean().optional() }),
    WorkbenchOverviewSchema,
    '工作台：各方案的完成率和逾期数，跨方案的已逾期、7天内到期、本月到期事项，按责任部门统计',
  ),
  'workbench.due': method(DueQuerySchema, z.array(DueRowSchema), '跨方案列出未完成措施的到期日（可只看逾期、N天内到期或某个部门），到期早的在前'),
  'workbench.settings': method(z.object({}), WorkbenchSettingsSchema, '读取工作台设置（立行立改按成文日期后多少天计算）'),
  'workbench.updateSettings': method(WorkbenchSettingsSchema, WorkbenchSettingsSchema, '修改工作台设置（立行立改按成文日期后多少天计算）'),
} as const;
