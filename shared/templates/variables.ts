import type { TemplateDefinition, TemplateNode, TemplateVariable } from './format.ts';
import { findPlaceholders } from './placeholders.ts';

/**
 * Every placeholder name a template's texts hold, in reading order: title, 主送机关, opening,
 * outline (headings, bodies, measure owners and deadlines), 附件, 落款, 成文日期. Writing hints and
 * examples are guidance, not text of the plan, so they do not count.
 */
export function definitionPlaceholders(def: TemplateDefinition): string[] {
  const texts: string[] = [def.titlePattern, def.addressee ?? '', ...def.preamble];
  const walk = (nodes: readonly TemplateNode[]): void => {
    for (const n of nodes) {
      texts.push(n.heading, ...n.body);
      const m = n.measure;
      if (m) texts.push(m.leader ?? '', m.department ?? '', m.person ?? '', m.deadline ?? '', ...(m.cooperating ?? []));
      walk(n.children ?? []);
    }
  };
  walk(def.sections);
  texts.push(...def.attachments, def.issuer ?? '', def.date ?? '');
  const names: string[] = [];
  for (const t of texts) for (const name of findPlaceholders(t)) if (!names.includes(name)) names.push(name);
  return names;
}

/** The input a new variable gets, guessed from its name (成文日期 → date, 年度 → year). */
function inputFor(name: string): TemplateVariable['input'] {
  if (name.includes('日期')) return 'date';
  if (name === '年度' || name === '年份') return 'year';
  return 'text';
}

/**
 * The variables of an edited template, derived from the placeholders its texts now hold:
 * - a declared variable whose placeholder still occurs keeps its place, hint, input and default;
 * - a declared variable whose placeholder no longer occurs is dropped (新建方案 would ask for nothing);
 * - a placeholder the base template already left for later ({数量}, {方面}: filled in the plan, not
 *   on 创建) stays such a placeholder;
 * - any other placeholder is new: the secretary typed it so 新建方案 asks for it (optional).
 */
export function deriveVariables(edited: TemplateDefinition, base: TemplateDefinition): TemplateVariable[] {
  const occurring = definitionPlaceholders(edited);
  const declared = new Set(base.variables.map((v) => v.name));
  const leftForLater = new Set(definitionPlaceholders(base).filter((n) => !declared.has(n)));
  const kept = base.variables.filter((v) => occurring.includes(v.name));
  const added = occurring
    .filter((name) => !declared.has(name) && !leftForLater.has(name))
    .map((name): TemplateVariable => ({ name, hint: '', input: inputFor(name), required: false, defaultValue: '' }));
  return [...kept, ...added];
}
