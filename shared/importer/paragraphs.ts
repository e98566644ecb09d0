// A measure's own text. Secretaries write a measure as one paragraph whose first sentence (引领句) states
// it and whose rest explains it; the lead sentence becomes the heading so the outline and the 台账 read
// like the original. Paragraphs that list the problems ("存在问题：一是…；二是…") name them one by one.
import { addStatus, isDeadlineText } from './field-lines.ts';
import type { PlanBuilder } from './plan-builder.ts';
import { UNLABELLED_REASON } from './headings.ts';
import { FIELD_TAIL_REASONS, splitFieldTail } from './inline-fields.ts';
import { isResponsibleName } from './responsible-names.ts';
import { mergeFields, parseLabelledPairs, splitStatus, splitUnlabelledBlock } from './responsibility.ts';

const SENTENCE_END = /[。！？!?]/;
const PROBLEM_QUOTE = /关于[“"「]([^”"」]+)[”"」](?:的)?问题/;
const PROBLEM_PARAGRAPH = /^(?:存在问题|具体表现|问题表现|主要问题|突出问题|问题描述)\s*[：:]\s*(.+)$/;
const INLINE_SPLIT = /(?:^|(?<=[。；;：:，,\s]))(?:[一二三四五六七八九十]+是|[①-⑳]|[（(]\d{1,2}[）)])/g;

export function stripFinalStop(s: string): string {
  return s.replace(/[。.．；;，,]+$/, '');
}

/** Splits "引领句。正文" (or a short "标题：正文") into heading and body. */
export function splitLead(text: string): { heading: string; body: string | null } {
  const t = text.trim();
  const idx = t.search(SENTENCE_END);
  if (idx >= 0) {
    // A short note in brackets straight after the lead sentence annotates it: "…不规范。（扣0.5分）整改…".
    const note = /^[（(][^（）()：:；;]{1,15}[）)]/.exec(t.slice(idx + 1));
    if (note) {
      const cut = idx + 1 + note[0].length;
      const after = t.slice(cut).trim();
      return { heading: t.slice(0, cut), body: after === '' ? null : after };
    }
    const rest = t.slice(idx + 1).trim();
    if (rest === '') return { heading: t.slice(0, idx), body: null };
    return { heading: t.slice(0, idx), body: rest };
  }
  const colon = t.search(/[：:]/);
  if (colon > 0 && colon <= 20 && t.slice(colon + 1).trim() !== '' && !/[，,；;]/.test(t.slice(0, colon))) {
    return { heading: t.slice(0, colon), body: t.slice(colon + 1).trim() };
  }
  return { heading: stripFinalStop(t), body: null };
}

/** The problem a heading names in quotes: 关于“学习不深入”的问题. */
export function quotedProblem(heading: string): string | null {
  return PROBLEM_QUOTE.exec(heading)?.[1] ?? null;
}

/** The problems a "存在问题：一是…；二是…" paragraph lists; none for any other paragraph. */
export function problemsListedIn(paragraph: string): string[] {
  const prob = PROBLEM_PARAGRAPH.exec(paragraph);
  return prob ? splitInline(prob[1]!) : [];
}

function splitInline(text: string): string[] {
  const starts = [...text.matchAll(INLINE_SPLIT)].map((m) => m.index ?? 0);
  if (starts.length < 2) return [stripFinalStop(text.trim())];
  const parts: string[] = [];
  for (let k = 0; k < starts.length; k++) {
    const seg = text.slice(starts[k]!, starts[k + 1] ?? text.length);
    const cleaned = stripFinalStop(seg.replace(/^(?:[一二三四五六七八九十]+是|[①-⑳]|[（(]\d{1,2}[）)])/, '').trim());
    if (cleaned !== '') parts.push(cleaned);
  }
  return parts;
}

/**
 * A paragraph of text: the preamble before the first heading, else the body of the item above. Status,
 * a trailing responsibility block and listed problems are taken out into the item's fields and problems.
 */
export function addParagraph(b: PlanBuilder, text: string): void {
  const node = b.top();
  if (!node) {
    b.preamble.push(text);
    return;
  }
  let body = text;
  const m = b.metaOf(node);
  const status = splitStatus(body);
  if (status) {
    body = status.body;
    addStatus(m.fields, status.status);
  }
  const trailing = body === '' ? null : splitFieldTail(body);
  if (trailing) {
    body = trailing.body;
    const f = parseLabelledPairs(trailing.block);
    mergeFields(m.fields, { ...f, extras: [] });
    m.labelled = true;
    m.fieldsFrom ??= FIELD_TAIL_REASONS[trailing.kind];
    if (body !== '') node.body.push(body);
    node.body.push(...f.extras);
    return;
  }
  const unl = body === '' ? null : splitUnlabelledBlock(body, isDeadlineText, (s) => isResponsibleName(s, b.knownNames));
  if (unl && !m.labelled) {
    body = unl.body;
    mergeFields(m.fields, unl.fields);
    m.labelled = true;
    m.fieldsFrom ??= UNLABELLED_REASON;
  }
  for (const p of problemsListedIn(body)) node.problemKeys.push(b.addProblem(p, node.heading || null));
  if (body !== '') node.body.push(body);
}
