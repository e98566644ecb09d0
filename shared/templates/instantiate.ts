import type { DocNode, MeasureFields, PlanDocument } from '../domain/document.ts';
import { emptyMeasure } from '../domain/document.ts';
import type { TemplateDefinition, TemplateNode } from './format.ts';
import { fillPlaceholders, findPlaceholders, unfillPlaceholders } from './placeholders.ts';

export interface NodeHint {
  hint: string;
  examples: string[];
}

export interface Instantiated {
  document: PlanDocument;
  /** Parallel to document.sections: each node's 写作提示 (null = none), same tree shape */
  hints: HintTree[];
  /** Placeholder names left in the document */
  unfilled: string[];
  /** 单位 and 年度 when given, for the plan's metadata */
  org: string | null;
  year: number | null;
}

export interface HintTree {
  hint: NodeHint | null;
  children: HintTree[];
}

function fillMeasure(m: Partial<MeasureFields> | undefined, values: Record<string, string>): MeasureFields {
  const base = { ...emptyMeasure(), ...(m ?? {}) };
  const fill = (s: string | null) => (s === null ? null : fillPlaceholders(s, values));
  return {
    ...base,
    leader: fill(base.leader),
    department: fill(base.department),
    person: fill(base.person),
    deadline: fill(base.deadline),
    cooperating: base.cooperating.map((c) => fillPlaceholders(c, values)),
  };
}

function instantiateNode(node: TemplateNode, values: Record<string, string>): { doc: DocNode; hint: HintTree } {
  const children = (node.children ?? []).map((c) => instantiateNode(c, values));
  const hint = node.hint || (node.examples && node.examples.length > 0) ? { hint: node.hint ?? '', examples: node.examples ?? [] } : null;
  return {
    doc: {
      kind: node.kind,
      heading: fillPlaceholders(node.heading, values),
      body: node.body.map((p) => fillPlaceholders(p, values)),
      style: { ...(node.style ?? {}) },
      measure: node.kind === 'measure' ? fillMeasure(node.measure, values) : null,
      problemKeys: [],
      children: children.map((c) => c.doc),
    },
    hint: { hint, children: children.map((c) => c.hint) },
  };
}

/** Every placeholder still present in a document, in reading order. */
export function documentPlaceholders(doc: PlanDocument): string[] {
  const texts: string[] = [doc.title, doc.addressee ?? '', ...doc.preamble, ...doc.attachments, doc.issuer ?? '', doc.date ?? ''];
  const walk = (nodes: readonly DocNode[]) => {
    for (const n of nodes) {
      texts.push(n.heading, ...n.body);
      if (n.measure) texts.push(n.measure.leader ?? '', n.measure.department ?? '', n.measure.person ?? '', n.measure.deadline ?? '', ...n.measure.cooperating);
      walk(n.children);
    }
  };
  walk(doc.sections);
  const names: string[] = [];
  for (const t of texts) for (const name of findPlaceholders(t)) if (!names.includes(name)) names.push(name);
  return names;
}

/** Fills a template's variables: the plan it describes, with unfilled placeholders left visible. */
export function instantiateTemplate(def: TemplateDefinition, variables: Readonly<Record<string, string>>): Instantiated {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(variables)) values[k.trim()] = v;
  const sections = def.sections.map((s) => instantiateNode(s, values));
  const fill = (s: string | null) => (s === null ? null : fillPlaceholders(s, values));
  const document: PlanDocument = {
    title: fillPlaceholders(def.titlePattern, values).trim(),
    kind: def.kind,
    addressee: fill(def.addressee),
    preamble: def.preamble.map((p) => fillPlaceholders(p, values)),
    sections: sections.map((s) => s.doc),
    problems: [],
    attachments: def.attachments.map((a) => fillPlaceholders(a, values)),
    issuer: fill(def.issuer),
    date: fill(def.date),
    level3Numbering: def.level3Numbering,
  };
  const yearText = (values['年度'] ?? '').trim();
  return {
    document,
    hints: sections.map((s) => s.hint),
    unfilled: documentPlaceholders(document),
    org: (values['单位'] ?? '').trim() || null,
    year: /^\d{4}$/.test(yearText) ? Number(yearText) : null,
  };
}

type Unfill = (s: string) => string;

function toTemplateNode(node: DocNode, un: Unfill): TemplateNode {
  const out: TemplateNode = {
    kind: node.kind,
    heading: un(node.heading),
    body: node.body.map(un),
  };
  if (Object.keys(node.style).length > 0) out.style = { ...node.style };
  if (node.measure) {
    // Owners and deadlines are kept (a unit reuses its own division of labour); progress is not.
    out.measure = {
      leader: node.measure.leader,
      department: node.measure.department,
      cooperating: [...node.measure.cooperating],
      person: node.measure.person,
      deadline: node.measure.deadline,
    };
  }
  if (node.children.length > 0) out.children = node.children.map((c) => toTemplateNode(c, un));
  return out;
}

/**
 * 另存为模板: the plan's text becomes the skeleton, and the values its variables were filled with turn
 * back into placeholders so the next plan made from it asks for them again.
 */
export function templateFromDocument(
  doc: PlanDocument,
  options: { name: string; purpose: string; variables: Record<string, string>; base: TemplateDefinition | null },
): TemplateDefinition {
  const values = options.variables;
  // Text still as the base template made it gets the template's own pattern back; a guess from the
  // values alone would be ambiguous (落款 中共XX党组 contains 单位 XX).
  const known = new Map<string, string>();
  if (options.base) {
    const b = options.base;
    const note = (pattern: string | null) => {
      if (pattern !== null) known.set(fillPlaceholders(pattern, values), pattern);
    };
    [b.titlePattern, b.addressee, b.issuer, b.date, ...b.preamble, ...b.attachments].forEach(note);
    const walk = (nodes: readonly TemplateNode[]) => {
      for (const n of nodes) {
        note(n.heading);
        n.body.forEach(note);
        walk(n.children ?? []);
      }
    };
    walk(b.sections);
  }
  const un = (s: string) => known.get(s) ?? unfillPlaceholders(s, values);
  const unN = (s: string | null) => (s === null ? null : un(s));
  const declared = options.base?.variables ?? [];
  const names = new Set(declared.map((v) => v.name));
  const extra = Object.keys(values)
    .filter((n) => !names.has(n))
    .map((name) => ({ name, hint: '', input: 'text' as const, required: false, defaultValue: '' }));
  return {
    kind: doc.kind,
    name: options.name,
    purpose: options.purpose,
    titlePattern: un(doc.title),
    variables: [...declared, ...extra],
    addressee: unN(doc.addressee),
    preamble: doc.preamble.map(un),
    ...(options.base?.preambleHint ? { preambleHint: options.base.preambleHint } : {}),
    sections: doc.sections.map((s) => toTemplateNode(s, un)),
    attachments: doc.attachments.map(un),
    issuer: unN(doc.issuer),
    date: unN(doc.date),
    level3Numbering: doc.level3Numbering,
  };
}
