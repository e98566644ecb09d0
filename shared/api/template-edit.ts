import { z } from 'zod';
import { method } from './define.ts';
import { PlanIdSchema, PlanSummarySchema } from './plans.ts';
import { TemplateIdSchema, TemplateSummarySchema } from './editor.ts';
import { TemplateVariableSchema } from '../templates/format.ts';

/**
 * 修改模板内容: a user template's content is edited with the plan editor. Opening it makes a working
 * plan (a draft) from the template with every placeholder kept; 保存到模板 writes the draft back
 * into the template's definition, 放弃修改 drops it; either way the draft is removed.
 *
 * The template is only rewritten by 保存到模板, in one transaction that also removes the draft: a
 * crash before it loses nothing of the template, and the draft survives to be resumed (opening the
 * template again continues it) or discarded. Drafts never appear in plans.list nor in measure search.
 * Built-in templates are read-only; 复制为我的模板 makes an editable copy.
 */

export const TemplateDraftSchema = z.object({
  planId: z.string(),
  templateId: z.string(),
  /** The template's name now (null when the template no longer exists) */
  templateName: z.string().nullable(),
  /** When the draft was opened */
  startedAt: z.string(),
  /** Last edit of the draft */
  updatedAt: z.string(),
  /** The template was changed (renamed, saved from elsewhere) since the draft was opened */
  templateChanged: z.boolean(),
});
export type TemplateDraft = z.infer<typeof TemplateDraftSchema>;

/** A variable's settings as 修改模板 edits them; the names themselves come from the template's placeholders. */
export const VariableSettingsSchema = z.object({
  name: z.string().min(1),
  /** Shown below the input in 新建方案 */
  hint: z.string().max(100, '提示不能超过100字').optional(),
  required: z.boolean().optional(),
  input: TemplateVariableSchema.shape.input.unwrap().optional(),
  defaultValue: z.string().max(200, '默认值不能超过200字').optional(),
});

export const templateEditContract = {
  'templates.openDraft': method(
    z.object({ templateId: TemplateIdSchema }),
    z.object({
      plan: PlanSummarySchema,
      /** true when an earlier, unfinished draft of this template was continued */
      resumed: z.boolean(),
    }),
    '修改模板内容：打开（或继续）模板的工作稿',
  ),
  'templates.updateFromPlan': method(
    z.object({ templateId: TemplateIdSchema, planId: PlanIdSchema }),
    TemplateSummarySchema,
    '保存到模板：以方案内容替换模板的骨架、标题、变量（工作稿随后删除）',
  ),
  'templates.discardDraft': method(z.object({ planId: PlanIdSchema }), z.object({ discarded: z.literal(true) }), '放弃模板修改（删除工作稿）'),
  'templates.draftForPlan': method(z.object({ planId: PlanIdSchema }), TemplateDraftSchema.nullable(), '方案是否为模板工作稿'),
  'templates.drafts': method(z.object({}), z.array(TemplateDraftSchema), '列出未完成的模板修改'),
  'templates.updateVariables': method(
    z.object({
      id: TemplateIdSchema,
      /** The variables in the order 新建方案 asks for them; every one must be a variable of the template */
      variables: z.array(VariableSettingsSchema),
    }),
    TemplateSummarySchema,
    '修改自定义模板变量的提示、必填、默认值和顺序（不改内容）',
  ),
  'templates.copy': method(
    z.object({
      id: TemplateIdSchema,
      /** Default: the template's name with （副本） */
      name: z.string().trim().min(1, '模板名称不能为空').max(60, '模板名称不能超过60字').optional(),
    }),
    TemplateSummarySchema,
    '复制为我的模板（内置模板也可复制）',
  ),
} as const;

export type TemplateEditContract = typeof templateEditContract;
