// Which outline nodes are measures (整改措施), decided once the whole outline is read: a node's own
// fields, fields a heading passes down, numbered problems and leaf items under a 整改措施 heading all
// count, and only the complete tree shows which nodes are leaves.
import { emptyMeasure, type DocNode, type MeasureFields } from '../domain/document.ts';
import { classifyDeadline } from '../domain/deadline-classify.ts';
import { statusFromText } from '../domain/status-words.ts';
import { isDeadlineText } from './field-lines.ts';
import type { PlanBuilder } from './plan-builder.ts';
import { isResponsibleName } from './responsible-names.ts';
import { emptyFields, hasFields, mergeFields, parseSentenceFields, type ParsedFields } from './responsibility.ts';

const MEASURE_CONTEXT = /整改(?:任务|措施|清单|安排|举措)|主要措施|具体措施|工作措施|问题及整改|问题清单|检视.*问题|查摆.*问题|反馈.*问题|整改落实/;

/** Stores a 完成时限 with its kind and date, which the wording alone cannot be sorted or warned by. */
export function setDeadline(m: MeasureFields, deadline: string, referenceYear: number | undefined): void {
  m.deadline = deadline;
  const c = classifyDeadline(deadline, referenceYear);
  m.deadlineKind = c.kind;
  m.deadlineDate = c.date;
}

function toMeasure(f: ParsedFields, referenceYear: number | undefined): MeasureFields {
  const m = emptyMeasure();
  m.leader = f.leader;
  m.department = f.department;
  m.cooperating = [...f.cooperating];
  m.person = f.person;
  if (f.deadline !== null) setDeadline(m, f.deadline, referenceYear);
  m.statusText = f.status;
  if (f.status !== null) m.status = statusFromText(f.status) ?? 'not_started';
  return m;
}

/** Marks the measures among `nodes` and their descendants and gives every node with fields its MeasureFields. */
export function markMeasures(b: PlanBuilder, nodes: DocNode[], referenceYear: number | undefined): void {
  const finish = (nodes: DocNode[], inMeasureContext: boolean, inherited: ParsedFields | null, inheritedProblems: string[]): void => {
    for (const node of nodes) {
      const m = b.meta.get(node);
      const context = inMeasureContext || MEASURE_CONTEXT.test(node.heading);
      let fields = m?.fields ?? null;
      if (fields && !hasFields(fields) && node.kind !== 'paragraph') {
        // Sentence-style responsibility inside the measure's own text.
        const sentence = parseSentenceFields([node.heading, ...node.body].join('。'), isDeadlineText, (s) => isResponsibleName(s, b.knownNames));
        if (sentence && (node.children.length === 0 || (m?.level ?? 0) >= 3)) {
          fields = sentence;
          if (m) m.fieldsFrom ??= '正文句子“由××牵头/负责”“责任单位为××”';
        }
      }
      const own = fields && hasFields(fields) ? fields : null;
      // A heading-level block (一、…（牵头领导：…）) passes down to child measures that lack those fields.
      let effective = own;
      if (inherited) {
        const merged = emptyFields();
        if (own) mergeFields(merged, own);
        for (const key of ['leader', 'department', 'person', 'deadline'] as const) if (merged[key] === null) merged[key] = inherited[key];
        if (merged.cooperating.length === 0) merged.cooperating.push(...inherited.cooperating);
        effective = merged;
      }
      if (node.problemKeys.length === 0 && inheritedProblems.length > 0 && node.children.length === 0 && (m?.level ?? 0) >= 3) {
        node.problemKeys.push(...inheritedProblems);
      }
      const leaf = node.children.length === 0;
      const isMeasure =
        node.kind !== 'paragraph' &&
        ((m?.tableRow ?? false) ||
          (leaf && effective !== null && hasFields(effective)) ||
          (m?.problemNode ?? false) ||
          (leaf && context && (m?.level ?? 0) >= 3));
      if (isMeasure) {
        node.kind = 'measure';
        node.measure = toMeasure(effective ?? emptyFields(), referenceYear);
      } else if (own && node.kind !== 'paragraph') {
        // A section carrying responsibility keeps it (nothing lost) and hands it to its measures.
        node.measure = toMeasure(own, referenceYear);
      }
      const passDown = !leaf && own ? own : inherited;
      finish(node.children, context, passDown, node.problemKeys.length > 0 ? node.problemKeys : inheritedProblems);
    }
  };
  finish(nodes, false, null, []);
}
