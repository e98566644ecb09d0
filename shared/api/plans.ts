import { z } from 'zod';
import { method } from './define.ts';
import { PlanDocumentSchema, DocNodeSchema, MeasureFieldsSchema, NodeKindSchema, NodeStyleSchema, ProblemSchema } from '../domain/document.ts';
import type { DocNode } from '../domain/document.ts';

export const PlanIdSchema = z.string().min(1, '方案编号不能为空');
export const TitleSchema = z.string().trim().min(1, '方案标题不能为空').max(200, '方案标题不能超过200字');

export const PlanSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  status: z.string(),
  measureCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** increases with every change; the editor sends it back to detect conflicting writes */
  version: z.number().int(),
  /** 归档: hidden from the list and the home page's panels until restored */
  archived: z.boolean(),
  /** 完成率 in percent (completed = 已完成 + 已销号), two decimals at most, as the report prints it */
  completionRate: z.number(),
  /** measures past their due date and still open (shared/progress/workbench.ts planProgress) */
  overdue: z.number().int(),
  /** the soonest due date (ISO), today or later, of a measure still open; null when none */
  nextDueDate: z.string().nullable(),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

/** A stored outline node: a DocNode with its identity. */
export interface StoredNode extends Omit<DocNode, 'children'> {
  id: string;
  children: StoredNode[];
}
export const StoredNodeSchema: z.ZodType<StoredNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: NodeKindSchema,
    heading: z.string(),
    body: z.array(z.string()),
    style: NodeStyleSchema,
    measure: MeasureFieldsSchema.nullable(),
    problemKeys: z.array(z.string()),
    children: z.array(StoredNodeSchema),
  }),
);

export const PlanMetaSchema = z.object({
  org: z.string().nullable(),
  year: z.number().int().nullable(),
  templateId: z.string().nullable(),
  variables: z.record(z.string(), z.string()),
  settings: z.record(z.string(), z.unknown()),
});

export const PlanDetailSchema = PlanSummarySchema.extend({
  meta: PlanMetaSchema,
  document: PlanDocumentSchema.omit({ sections: true }),
  outline: z.array(StoredNodeSchema),
});
export type PlanDetail = z.infer<typeof PlanDetailSchema>;

export const plansContract = {
  'plans.list': method(
    z.object({ includeArchived: z.boolean().optional() }),
    z.array(PlanSummarySchema),
    '列出方案（默认不含已归档的方案），最近修改的在前',
  ),
  'plans.get': method(z.object({ id: PlanIdSchema }), PlanDetailSchema, '读取一个方案及其大纲'),
  'plans.create': method(
    z.object({ title: TitleSchema, kind: z.string().optional() }),
    PlanSummarySchema,
    '新建空白方案',
  ),
  'plans.createFromDocument': method(
    z.object({
      document: PlanDocumentSchema,
      meta: PlanMetaSchema.partial().optional(),
    }),
    PlanSummarySchema,
    '由结构化文档新建方案（导入、模板）',
  ),
  'plans.rename': method(z.object({ id: PlanIdSchema, title: TitleSchema }), PlanSummarySchema, '重命名方案'),
  'plans.duplicate': method(z.object({ id: PlanIdSchema }), PlanSummarySchema, '复制方案'),
  'plans.archive': method(z.object({ id: PlanIdSchema }), PlanSummarySchema, '归档方案（不再出现在方案列表和到期提醒中，可恢复）'),
  'plans.unarchive': method(z.object({ id: PlanIdSchema }), PlanSummarySchema, '恢复已归档的方案'),
  'plans.delete': method(z.object({ id: PlanIdSchema }), z.object({ deleted: z.literal(true) }), '删除方案'),
  'plans.document': method(z.object({ id: PlanIdSchema }), PlanDocumentSchema, '以结构化文档形式读取方案（导出用）'),
} as const;

export { DocNodeSchema, ProblemSchema };
