// Headings and the level each takes. Numbered lines (一、（一）1.（1）①) open a level by their marker;
// short unnumbered lines followed by text are headings too, placed under the nearest 一、/（一）. The
// original numbers are kept aside: gaps are warned about (the export renumbers), and whether 1. runs on
// across sections is decided by how the plan itself numbers.
import type { DocNode } from '../domain/document.ts';
import { isDeadlineText } from './field-lines.ts';
import { detectMarker, isInlineEnumeration, type LineMarker } from './markers.ts';
import { addParagraph, problemsListedIn, quotedProblem, splitLead, stripFinalStop } from './paragraphs.ts';
import { newNode, type Level3Run, type Meta, type PlanBuilder } from './plan-builder.ts';
import { isGluedItemNumber } from './glued-number.ts';
import { FIELD_TAIL_REASONS, splitFieldTail } from './inline-fields.ts';
import { isResponsibleName } from './responsible-names.ts';
import { emptyFields, isResponsibilityLine, mergeFields, parseLabelledPairs, splitStatus, splitUnlabelledBlock } from './responsibility.ts';
import type { SourceLine } from './types.ts';

export const UNLABELLED_REASON = '措施段落末尾括号内的“××负责/牵头”';

export function isShortHeading(line: string): boolean {
  return line.length >= 2 && line.length <= 25 && !/[。；;，,：:！？!?]/.test(line) && !/^[\d\s]+$/.test(line) && !/^[（(]/.test(line);
}

/** A numbered line: a heading at its marker's level, with its lead sentence, run-in fields and problems. */
export function addNumbered(b: PlanBuilder, marker: LineMarker): void {
  let rest = marker.rest.trim();
  const fields = emptyFields();
  let labelled = false;
  let fieldsFrom: string | null = null;
  let statusText: string | null = null;
  const status = splitStatus(rest);
  if (status && status.body !== '') {
    rest = status.body;
    statusText = status.status;
  }
  const trailing = splitFieldTail(rest);
  if (trailing) {
    rest = trailing.body;
    parseLabelledPairs(trailing.block, fields);
    labelled = true;
    fieldsFrom = FIELD_TAIL_REASONS[trailing.kind];
  } else {
    const unl = splitUnlabelledBlock(rest, isDeadlineText, (s) => isResponsibleName(s, b.knownNames));
    if (unl) {
      rest = unl.body;
      mergeFields(fields, unl.fields);
      labelled = true;
      fieldsFrom = UNLABELLED_REASON;
    }
  }
  let heading: string;
  let body: string | null;
  if (marker.problem) {
    // 问题1：… （扣0.5分） — the whole problem is the heading.
    heading = stripFinalStop(rest);
    body = null;
  } else {
    ({ heading, body } = splitLead(rest));
  }
  const node = newNode('section', heading, marker.level);
  if (body !== null) node.body.push(body);
  if (fields.extras.length > 0) node.body.push(...fields.extras);
  fields.extras = [];
  const m = b.metaOf(node);
  m.fields = fields;
  if (statusText) m.fields.status = statusText;
  m.labelled = labelled;
  m.fieldsFrom = fieldsFrom;
  m.level = marker.level;
  m.n = marker.n;
  m.problemNode = marker.problem === true;
  b.place(node, marker.level);
  if (marker.level === 3) b.noteLevel3(marker.n);
  const quote = quotedProblem(heading);
  if (marker.problem) node.problemKeys.push(b.addProblem(heading, b.parentHeading()));
  else if (quote !== null) node.problemKeys.push(b.addProblem(quote, b.parentHeading()));
  // A run-in body "（一）理论学习方面。存在问题：一是…" (as exported) names its problems like a paragraph does.
  if (body !== null) for (const p of problemsListedIn(body)) node.problemKeys.push(b.addProblem(p, node.heading || null));
}

/** A line starting with a marker; false when it has none (or only an inline ①…②… enumeration). */
export function readNumbered(b: PlanBuilder, text: string): boolean {
  const marker = detectMarker(text);
  if (!(marker && !(marker.level === 5 && isInlineEnumeration(text)) && marker.rest.trim() !== '')) return false;
  // "3.1项…" is only an item number where the 3. is due next; otherwise it is a quantity in prose.
  if (marker.loose && !isGluedItemNumber(b, marker.n)) addParagraph(b, text);
  else addNumbered(b, marker);
  return true;
}

/** A short unnumbered line followed by more text is a heading; false for any other line. */
export function readUnnumberedHeading(b: PlanBuilder, line: SourceLine, next: SourceLine | undefined, nextInBody: boolean): boolean {
  const text = line.text;
  if (!((b.stack.length > 0 || b.preamble.length > 0) && isShortHeading(text) && next && nextInBody && !line.cells && !isResponsibilityLine(next.text) && !b.closing)) {
    return false;
  }
  if (b.demoted.has(text)) return false;
  b.notes.push({ kind: 'heading', line: text, reason: '不带编号的短句独占一行（无标点），其后是正文，推断为小标题', correctable: true });
  const stack = b.stack;
  // Pop numbered levels ≥ 3 and other unnumbered headings: the heading sits under the nearest 一、/（一）.
  while (stack.length > 0 && (stack[stack.length - 1]!.rank >= 3 || stack[stack.length - 1]!.rank % 1 !== 0)) stack.pop();
  const parentRank = stack[stack.length - 1]?.rank ?? 0;
  const node = newNode('section', text, 0);
  b.metaOf(node).level = 0;
  b.place(node, parentRank + 0.5);
  return true;
}

/** A line the unnumbered-heading pass (family 6) inferred as a heading: placed at its level, marked inferred. */
export function readInferredHeading(b: PlanBuilder, index: number, text: string): boolean {
  const level = b.inferred.get(index);
  if (level === undefined) return false;
  const node = newNode('section', stripFinalStop(text), 0);
  b.metaOf(node).level = 0;
  b.place(node, level);
  b.notes.push({ kind: 'heading', line: text, reason: b.inferredReasons.get(index) ?? '推断为标题', correctable: true });
  return true;
}

/** Whether 1. items run on across sections: the plan's own runs vote. */
export function level3NumberingOf(runs: readonly Level3Run[]): 'continuous' | 'restart' {
  let continuousVotes = 0;
  let restartVotes = 0;
  for (let k = 1; k < runs.length; k++) {
    const run = runs[k]!;
    if (run.first === 1) restartVotes++;
    else if (run.first === runs[k - 1]!.last + 1) continuousVotes++;
  }
  return continuousVotes > restartVotes ? 'continuous' : 'restart';
}

export function checkNumberingGaps(roots: DocNode[], meta: Map<DocNode, Meta>, warnings: string[], level3Numbering: string): void {
  let continuous = 0;
  const walk = (nodes: DocNode[]): void => {
    const expected = new Map<number, number>();
    for (const node of nodes) {
      const m = meta.get(node);
      if (m && m.level > 0 && m.n > 0 && !m.tableRow) {
        let want: number;
        if (m.level === 3 && level3Numbering === 'continuous') want = continuous + 1;
        else want = (expected.get(m.level) ?? 0) + 1;
        if (m.n !== want) warnings.push(`编号不连续：“${node.heading.slice(0, 20)}”原编号为${m.n}，按顺序应为${want}，导入后将自动重新编号`);
        expected.set(m.level, m.n);
        if (m.level === 3) continuous = m.n;
      }
      walk(node.children);
    }
  };
  walk(roots);
}
