// Recognises the structure of a plan text: title, 主送机关, preamble, numbered outline, measures with their
// responsibility/deadline/status, tables, attachments, 落款 and date. Pure: lines in, PlanDocument out.
// Built for the variants listed in domain.md §7–§8 — unseen real texts judge this, not the fixtures.
// The passes run in this order because each needs the one before: the end of the body (attachment
// pages, signature) bounds where the title and body are looked for, and measures, the ledger appendix
// and the numbering check need the whole outline.
import type { DocNode, PlanDocument } from '../domain/document.ts';
import { findAppendixStart, splitAppendices } from './appendix.ts';
import { absorbAppendices } from './appendix-ledger.ts';
import { readSignature } from './back-matter.ts';
import { readBody } from './body.ts';
import { findLeadingContents, mergeContents } from './contents.ts';
import { attachedPlanLabel } from './cover-notice.ts';
import { readDocumentFront } from './document-front.ts';
import { inferHeadings } from './inferred-headings.ts';
import { noteMeasureFields } from './field-notes.ts';
import { pairProblemsWithMeasures } from './problem-pairs.ts';
import { checkNumberingGaps, level3NumberingOf } from './headings.ts';
import { detectPlanKind } from './kind.ts';
import { markMeasures } from './measures.ts';
import { stripFinalStop } from './paragraphs.ts';
import { PlanBuilder } from './plan-builder.ts';
import { prepareLines } from './source-lines.ts';
import { checkSummaryCounts } from './summary.ts';
import type { RecogniseOptions, RecogniseResult, SourceLine } from './types.ts';

export { toLines } from './source-lines.ts';

/** The first four-digit year written in a text (年度, 成文日期), to date deadlines that give no year. */
export function yearOf(text: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Recognises a plan from its text (or from lines read out of a Word file). */
export function recognisePlan(input: string | SourceLine[], options: RecogniseOptions = {}): RecogniseResult {
  const b = new PlanBuilder({ demoted: options.corrections?.demote, restored: options.corrections?.restore, knownNames: options.knownNames });
  const { warnings, dropped, notes } = b;
  const { lines, punctuationChanges, webFurniture } = prepareLines(input, warnings, dropped, { notes, restore: options.corrections?.restore });

  const { entries: outline, start } = findLeadingContents(lines);

  // Attachment pages (附件 label + title + table/text, e.g. the exported ledger) end the body; the
  // 落款 and 成文日期 stand at the end of the body, before them.
  let appStart = findAppendixStart(lines, start);
  // A plan issued as its notice's attachment is the document; only pages after it are attachments.
  if (attachedPlanLabel(lines, start, appStart) >= 0) appStart = findAppendixStart(lines, appStart + 1);
  const { issuer, date, end } = readSignature(lines, start, appStart);
  b.date = date;

  const front = readDocumentFront(b, lines, start, end, webFurniture);
  let title = front.title;
  const { addressee, bodyStart, notice } = front;
  b.preamble.push(...front.preamble);
  const inferred = inferHeadings(lines, bodyStart, end, b.demoted);
  b.inferred = inferred.levels;
  b.inferredReasons = inferred.reasons;

  readBody(b, lines, bodyStart, end);

  // Contents entries the body never reached become empty nodes.
  if (outline.length > 0) {
    mergeContents(outline, b.roots, warnings, dropped, (node, marker) => {
      const m = b.metaOf(node);
      m.level = marker.level;
      m.n = marker.n;
    });
  }

  const referenceYear = options.referenceYear ?? yearOf(title) ?? yearOf(b.date ?? '') ?? undefined;
  markMeasures(b, b.roots, referenceYear);
  pairProblemsWithMeasures(b);
  noteMeasureFields(b);
  if (appStart < lines.length) absorbAppendices(b, splitAppendices(lines.slice(appStart)), title, referenceYear);

  const level3Numbering = level3NumberingOf(b.level3Runs);
  checkNumberingGaps(b.roots, b.meta, warnings, level3Numbering);

  if (!title) {
    title = options.fallbackTitle ?? '';
    warnings.push(title ? `未识别到标题，已使用文件名“${title}”作为标题` : '未识别到标题，请在导入后补充');
  }

  const document: PlanDocument = {
    title: stripFinalStop(title),
    kind: detectPlanKind(title),
    addressee,
    preamble: b.preamble,
    sections: b.roots,
    problems: b.problems,
    attachments: b.attachments,
    issuer,
    date: b.date,
    level3Numbering,
    ...(notice ? { notice } : {}),
  };
  let sections = 0;
  let measures = 0;
  const count = (nodes: DocNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'measure') measures++;
      else if (n.kind === 'section') sections++;
      count(n.children);
    }
  };
  count(b.roots);
  if (b.roots.length === 0 && b.preamble.length > 0) warnings.push('未识别到编号结构，全文已作为开头段落导入');
  warnings.push(...checkSummaryCounts(document));
  return {
    document,
    warnings,
    counts: { sections, measures, problems: b.problems.length, attachments: b.attachments.length, punctuationChanges },
    dropped,
    notes,
  };
}
