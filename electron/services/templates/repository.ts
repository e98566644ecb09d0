import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../store/database.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../../../shared/errors.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import type { TemplateDetail, TemplateSummary } from '../../../shared/api/editor.ts';
import { TemplateDefinitionSchema, type TemplateDefinition, type TemplateNode } from '../../../shared/templates/format.ts';
import { instantiateTemplate, templateFromDocument, type HintTree, type NodeHint } from '../../../shared/templates/instantiate.ts';
import { formatZodError } from '../../../shared/api/validation.ts';
import { newId, nowIso } from '../ids.ts';
import { createPlanFromDocument, getPlan, getPlanDocument } from '../plans/plan-repository.ts';
import type { PlanSummary } from '../../../shared/api/plans.ts';
import { cached } from '../history/plan-state.ts';

const BuiltinFileSchema = TemplateDefinitionSchema.extend({ id: z.string().min(1) });

interface Builtin {
  id: string;
  definition: TemplateDefinition;
}

const builtinCache = new Map<string, Builtin[]>();

/** The built-in templates shipped in resources/templates/*.json (read once per resources folder). */
export function builtinTemplates(resourcesDir: string): Builtin[] {
  const hit = builtinCache.get(resourcesDir);
  if (hit) return hit;
  const dir = path.join(resourcesDir, 'templates');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    files = []; // no resources folder: no built-ins, the user's own still work
  }
  const list = files.map((file) => {
    const parsed = BuiltinFileSchema.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new AppError('internal', `内置模板 ${file} 格式不正确：${formatZodError(parsed.error)}`);
    const { id, ...definition } = parsed.data;
    return { id, definition };
  });
  // Built-ins appear in the order of the plan kinds users meet most (domain §2), then any extras.
  const order = ['minzhu-shenghuohui', 'xunshi-xuncha', 'zhuti-jiaoyu', 'shenji', 'zuzhi-shenghuohui', 'ducha-kaohe', 'zhenggai-baogao'];
  list.sort((a, b) => {
    const ia = order.indexOf(a.id);
    const ib = order.indexOf(b.id);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.id.localeCompare(b.id);
  });
  builtinCache.set(resourcesDir, list);
  return list;
}

export interface TemplateRow {
  id: string;
  name: string;
  kind: string;
  description: string;
  body: string;
  created_at: string;
  updated_at: string;
}

function summaryOf(id: string, def: TemplateDefinition, builtin: boolean, updatedAt: string | null): TemplateSummary {
  return { id, name: def.name, kind: def.kind, purpose: def.purpose, builtin, variables: def.variables, titlePattern: def.titlePattern, updatedAt };
}

export function userDefinition(row: TemplateRow): TemplateDefinition {
  const parsed = TemplateDefinitionSchema.safeParse(JSON.parse(row.body));
  if (!parsed.success) throw new AppError('corrupt_file', `模板“${row.name}”的内容已损坏：${formatZodError(parsed.error)}`);
  return { ...parsed.data, name: row.name, purpose: row.description };
}

export function listTemplates(ctx: ServiceContext): TemplateSummary[] {
  const builtins = builtinTemplates(ctx.resourcesDir).map((b) => summaryOf(b.id, b.definition, true, null));
  const users = (cached(ctx.db, 'SELECT * FROM templates ORDER BY updated_at DESC, id').all() as TemplateRow[]).map((r) =>
    summaryOf(r.id, userDefinition(r), false, r.updated_at),
  );
  return [...builtins, ...users];
}

export function getTemplate(ctx: ServiceContext, id: string): TemplateDetail {
  const builtin = builtinTemplates(ctx.resourcesDir).find((b) => b.id === id);
  if (builtin) return { ...summaryOf(id, builtin.definition, true, null), definition: builtin.definition };
  const row = cached(ctx.db, 'SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
  if (!row) throw new AppError('not_found', `找不到模板：${id}`);
  const definition = userDefinition(row);
  return { ...summaryOf(id, definition, false, row.updated_at), definition };
}

/** Pairs template hint trees with the stored outline (same shape right after creation). */
function collectHints(nodes: readonly StoredNode[], hints: readonly HintTree[], out: Record<string, NodeHint>): void {
  nodes.forEach((node, i) => {
    const h = hints[i];
    if (!h) return;
    if (h.hint) out[node.id] = h.hint;
    collectHints(node.children, h.children, out);
  });
}

/** Keeps a new plan's 写作提示 in its settings, by node id (the outline has the template's shape). */
export function storeHints(db: Db, planId: string, tree: readonly HintTree[], preambleHint: string | null): void {
  const hints: Record<string, NodeHint> = {};
  collectHints(getPlan(db, planId).outline, tree, hints);
  const row = cached(db, 'SELECT settings FROM plans WHERE id = ?').get(planId) as { settings: string };
  const settings = { ...(JSON.parse(row.settings) as object), hints, preambleHint };
  cached(db, 'UPDATE plans SET settings = ? WHERE id = ?').run(JSON.stringify(settings), planId);
}

export function instantiate(ctx: ServiceContext, templateId: string, variables: Record<string, string>): { plan: PlanSummary; unfilled: string[] } {
  const template = getTemplate(ctx, templateId);
  const given = variables;
  variables = { ...given };
  for (const v of template.definition.variables) if (!(given[v.name] ?? '').trim() && v.defaultValue) variables[v.name] = v.defaultValue;
  const missing = template.definition.variables.filter((v) => v.required && !(variables[v.name] ?? '').trim()).map((v) => v.name);
  if (missing.length > 0) throw new AppError('bad_input', `请填写：${missing.join('、')}`);
  const result = instantiateTemplate(template.definition, variables);
  if (result.document.title === '') throw new AppError('bad_input', '方案标题不能为空');
  const { db } = ctx;
  const plan = db.transaction(() => {
    const created = createPlanFromDocument(db, result.document, {
      org: result.org,
      year: result.year,
      templateId,
      variables: Object.fromEntries(Object.entries(variables).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])),
    });
    storeHints(db, created.id, result.hints, template.definition.preambleHint ?? null);
    return created;
  })();
  return { plan, unfilled: result.unfilled };
}

export function planHints(db: Db, planId: string): { hints: Record<string, NodeHint>; preambleHint: string | null } {
  const detail = getPlan(db, planId);
  const settings = detail.meta.settings as { hints?: Record<string, NodeHint>; preambleHint?: string | null };
  const hints: Record<string, NodeHint> = {};
  // Only nodes that still exist (deleted ones may linger in the settings).
  const ids = new Set<string>();
  const walk = (nodes: readonly StoredNode[]) => nodes.forEach((n) => (ids.add(n.id), walk(n.children)));
  walk(detail.outline);
  for (const [id, h] of Object.entries(settings.hints ?? {})) if (ids.has(id)) hints[id] = h;
  return { hints, preambleHint: settings.preambleHint ?? null };
}

export function attachHints(nodes: TemplateNode[], stored: readonly StoredNode[], hints: Record<string, NodeHint>): void {
  nodes.forEach((node, i) => {
    const s = stored[i];
    if (!s) return;
    const h = hints[s.id];
    if (h) {
      if (h.hint) node.hint = h.hint;
      if (h.examples.length > 0) node.examples = h.examples;
    }
    if (node.children) attachHints(node.children, s.children, hints);
  });
}

export function saveFromPlan(ctx: ServiceContext, planId: string, name: string, purpose: string): TemplateSummary {
  const { db } = ctx;
  const detail = getPlan(db, planId);
  const doc = getPlanDocument(db, planId);
  let base: TemplateDefinition | null = null;
  if (detail.meta.templateId) {
    try {
      base = getTemplate(ctx, detail.meta.templateId).definition;
    } catch {
      base = null; // the template it came from was deleted since: the plan alone is the pattern
    }
  }
  const definition = templateFromDocument(doc, { name, purpose, variables: detail.meta.variables, base });
  if (base?.preambleHint) definition.preambleHint = base.preambleHint;
  attachHints(definition.sections, detail.outline, planHints(db, planId).hints);
  const id = newId();
  const now = nowIso();
  cached(db, 'INSERT INTO templates (id, name, kind, description, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    name,
    definition.kind,
    purpose,
    JSON.stringify(definition),
    now,
    now,
  );
  return getTemplate(ctx, id);
}

export function userRow(ctx: ServiceContext, id: string): TemplateRow {
  if (builtinTemplates(ctx.resourcesDir).some((b) => b.id === id)) {
    throw new AppError('bad_input', '内置模板不能修改或删除；可先“复制为我的模板”，再修改副本');
  }
  const row = cached(ctx.db, 'SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
  if (!row) throw new AppError('not_found', `找不到模板：${id}`);
  return row;
}

export function updateTemplate(
  ctx: ServiceContext,
  input: { id: string; name?: string | undefined; purpose?: string | undefined; definition?: TemplateDefinition | undefined },
): TemplateSummary {
  const row = userRow(ctx, input.id);
  const current = userDefinition(row);
  const next: TemplateDefinition = { ...(input.definition ?? current) };
  next.name = input.name ?? (input.definition ? input.definition.name : current.name);
  next.purpose = input.purpose ?? (input.definition ? input.definition.purpose : current.purpose);
  cached(ctx.db, 'UPDATE templates SET name = ?, kind = ?, description = ?, body = ?, updated_at = ? WHERE id = ?').run(
    next.name,
    next.kind,
    next.purpose,
    JSON.stringify(next),
    nowIso(),
    input.id,
  );
  return getTemplate(ctx, input.id);
}

export function deleteTemplate(ctx: ServiceContext, id: string): void {
  userRow(ctx, id);
  ctx.db.transaction(() => {
    // An unfinished 修改模板内容 goes with its template: there is nothing left to save it into.
    cached(ctx.db, 'DELETE FROM plans WHERE id IN (SELECT plan_id FROM template_drafts WHERE template_id = ?)').run(id);
    cached(ctx.db, 'DELETE FROM templates WHERE id = ?').run(id);
  })();
}
