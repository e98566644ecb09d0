import type { ServiceContext } from '../context.ts';
import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { PlanSummary } from '../../../shared/api/plans.ts';
import type { TemplateSummary } from '../../../shared/api/editor.ts';
import type { TemplateDraft, VariableSettingsSchema } from '../../../shared/api/template-edit.ts';
import type { z } from 'zod';
import { TemplateDefinitionSchema, type TemplateDefinition } from '../../../shared/templates/format.ts';
import { instantiateTemplate, templateFromDocument } from '../../../shared/templates/instantiate.ts';
import { deriveVariables } from '../../../shared/templates/variables.ts';
import { formatZodError } from '../../../shared/api/validation.ts';
import { newId, nowIso } from '../ids.ts';
import { createPlanFromDocument, getPlan, getPlanDocument, getPlanSummary } from '../plans/plan-repository.ts';
import { cached } from '../history/plan-state.ts';
import { attachHints, getTemplate, planHints, storeHints, userDefinition, userRow, type TemplateRow } from './repository.ts';

/**
 * 修改模板内容 (shared/api/template-edit.ts): a user template is edited as a working plan. The
 * template row is written only by saveDraft, in the same transaction that removes the draft.
 */

interface DraftRow {
  plan_id: string;
  template_id: string;
  base_updated_at: string | null;
  created_at: string;
}

function draftByPlan(db: Db, planId: string): DraftRow | undefined {
  return cached(db, 'SELECT * FROM template_drafts WHERE plan_id = ?').get(planId) as DraftRow | undefined;
}

function draftByTemplate(db: Db, templateId: string): DraftRow | undefined {
  return cached(db, 'SELECT * FROM template_drafts WHERE template_id = ?').get(templateId) as DraftRow | undefined;
}

function describe(db: Db, row: DraftRow): TemplateDraft {
  const template = cached(db, 'SELECT name, updated_at FROM templates WHERE id = ?').get(row.template_id) as
    | { name: string; updated_at: string }
    | undefined;
  const plan = getPlanSummary(db, row.plan_id);
  return {
    planId: row.plan_id,
    templateId: row.template_id,
    templateName: template?.name ?? null,
    startedAt: row.created_at,
    updatedAt: plan.updatedAt,
    templateChanged: template !== undefined && template.updated_at !== row.base_updated_at,
  };
}

/** Opens the template as a working plan — or continues the one a crash or a closed window left. */
export function openDraft(ctx: ServiceContext, templateId: string): { plan: PlanSummary; resumed: boolean } {
  const { db } = ctx;
  const row = userRow(ctx, templateId);
  const existing = draftByTemplate(db, templateId);
  if (existing) return { plan: getPlanSummary(db, existing.plan_id), resumed: true };
  const definition = userDefinition(row);
  // No values at all: every placeholder ({单位}, {年度} …) stays a placeholder, so it is saved back as one.
  const result = instantiateTemplate(definition, {});
  const document = { ...result.document, title: result.document.title || definition.name };
  const plan = db.transaction(() => {
    const created = createPlanFromDocument(db, document, { templateId, variables: {} });
    storeHints(db, created.id, result.hints, definition.preambleHint ?? null);
    cached(db, 'INSERT INTO template_drafts (plan_id, template_id, base_updated_at, created_at) VALUES (?, ?, ?, ?)').run(
      created.id,
      templateId,
      row.updated_at,
      nowIso(),
    );
    return created;
  })();
  return { plan, resumed: false };
}

/**
 * 保存到模板: the plan's outline, title, header texts and remaining hints become the template's
 * content; its variables are derived from the placeholders that occur. The name and purpose stay
 * (修改模板 changes those). A working plan of this template is removed in the same transaction; any
 * other plan is left as it is (its filled values are turned back into placeholders, as 另存为模板 does).
 */
export function saveDraft(ctx: ServiceContext, templateId: string, planId: string): TemplateSummary {
  const { db } = ctx;
  const row: TemplateRow = userRow(ctx, templateId);
  const draft = draftByPlan(db, planId);
  if (draft && draft.template_id !== templateId) {
    const owner = cached(db, 'SELECT name FROM templates WHERE id = ?').get(draft.template_id) as { name: string } | undefined;
    throw new AppError('bad_input', `这份工作稿属于模板“${owner?.name ?? draft.template_id}”，不能保存到其他模板`);
  }
  const base = userDefinition(row);
  const detail = getPlan(db, planId);
  const doc = getPlanDocument(db, planId);
  const edited = templateFromDocument(doc, {
    name: row.name,
    purpose: row.description,
    variables: draft ? {} : detail.meta.variables,
    base,
  });
  if (edited.titlePattern.trim() === '') throw new AppError('bad_input', '模板的标题不能为空');
  if (base.preambleHint) edited.preambleHint = base.preambleHint;
  // Hints follow their nodes by id: a node moved keeps its hint, a deleted one takes it away.
  attachHints(edited.sections, detail.outline, planHints(db, planId).hints);
  edited.variables = deriveVariables(edited, base);
  const parsed = TemplateDefinitionSchema.safeParse(edited);
  if (!parsed.success) throw new AppError('bad_input', `无法保存到模板：${formatZodError(parsed.error)}`);
  const definition: TemplateDefinition = parsed.data;
  db.transaction(() => {
    cached(db, 'UPDATE templates SET kind = ?, body = ?, updated_at = ? WHERE id = ?').run(definition.kind, JSON.stringify(definition), nowIso(), templateId);
    if (draft) cached(db, 'DELETE FROM plans WHERE id = ?').run(planId);
  })();
  return getTemplate(ctx, templateId);
}

/** 放弃修改: the working plan goes; the template was never touched. Only drafts can be discarded. */
export function discardDraft(db: Db, planId: string): void {
  if (!draftByPlan(db, planId)) throw new AppError('bad_input', '这不是模板的工作稿，不能这样删除；删除方案请在方案列表中操作');
  cached(db, 'DELETE FROM plans WHERE id = ?').run(planId);
}

export function draftForPlan(db: Db, planId: string): TemplateDraft | null {
  const row = draftByPlan(db, planId);
  return row ? describe(db, row) : null;
}

/** Unfinished template edits, newest first: the 新建方案 dialog offers to continue or discard them. */
export function listDrafts(db: Db): TemplateDraft[] {
  const rows = cached(db, 'SELECT d.* FROM template_drafts d ORDER BY d.created_at DESC, d.plan_id').all() as DraftRow[];
  return rows.map((r) => describe(db, r));
}

/** 复制为我的模板: a built-in (read-only) or user template becomes a new user template. */
export function copyTemplate(ctx: ServiceContext, id: string, name: string | undefined): TemplateSummary {
  const source = getTemplate(ctx, id);
  const copyName = (name ?? `${source.name}（副本）`).slice(0, 60);
  const definition: TemplateDefinition = { ...source.definition, name: copyName };
  const newTemplateId = newId();
  const now = nowIso();
  cached(ctx.db, 'INSERT INTO templates (id, name, kind, description, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    newTemplateId,
    copyName,
    definition.kind,
    definition.purpose,
    JSON.stringify(definition),
    now,
    now,
  );
  return getTemplate(ctx, newTemplateId);
}

/**
 * 修改模板 → 变量: hints, 必填, input kind, default and order of the template's variables. Which
 * variables exist follows from the placeholders (保存到模板), so names cannot be added or removed here;
 * variables left out of the list keep their place after the listed ones.
 */
export function updateVariables(ctx: ServiceContext, id: string, settings: readonly z.infer<typeof VariableSettingsSchema>[]): TemplateSummary {
  const row = userRow(ctx, id);
  const definition = userDefinition(row);
  const byName = new Map(definition.variables.map((v) => [v.name, v]));
  const unknown = settings.filter((v) => !byName.has(v.name)).map((v) => v.name);
  if (unknown.length > 0) throw new AppError('bad_input', `模板中没有这些变量：${unknown.join('、')}`);
  const listed = new Set(settings.map((v) => v.name));
  const variables = [
    ...settings.map((v) => {
      const current = byName.get(v.name)!;
      return {
        ...current,
        ...(v.hint !== undefined ? { hint: v.hint.trim() } : {}),
        ...(v.required !== undefined ? { required: v.required } : {}),
        ...(v.input !== undefined ? { input: v.input } : {}),
        ...(v.defaultValue !== undefined ? { defaultValue: v.defaultValue.trim() } : {}),
      };
    }),
    ...definition.variables.filter((v) => !listed.has(v.name)),
  ];
  const next: TemplateDefinition = { ...definition, variables };
  cached(ctx.db, 'UPDATE templates SET body = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(next), nowIso(), id);
  return getTemplate(ctx, id);
}
