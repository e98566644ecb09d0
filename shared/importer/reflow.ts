// Text copied out of PDFs and some web pages (domain.md §8 item 21): every printed line ends in a hard
// line break, page numbers and running headers sit between the pages. 断行重排 joins a paragraph's lines
// again; the page furniture is dropped (and listed in the warnings by the caller).
import { detectMarker } from './markers.ts';
import { isResponsibilityLine } from './responsibility.ts';
import { isAppendixLabel, isDateLine } from './appendix.ts';
import type { SourceLine } from './types.ts';
import { TITLE_END } from './page-title.ts';
import { isTitleCandidate } from './appendix.ts';

/** A title near the top (possibly repeated by a web page) is a line of its own, however wide. */
function isHeadTitle(text: string, index: number): boolean {
  return index < 8 && isTitleCandidate(text) && TITLE_END.test(text);
}

/** Where a sentence may end a paragraph: a line ending so is never joined on this evidence alone. */
const PARAGRAPH_END = /[。！？!?；;：:…]["”’」』）)]*$/;
/** A whole bracketed line (a responsibility line, a note) ends where its bracket closes. */
function closedBracketLine(text: string): boolean {
  if (!/[）)】\]]$/.test(text)) return false;
  const opens = (text.match(/[（(【[]/g) ?? []).length;
  const closes = (text.match(/[）)】\]]/g) ?? []).length;
  return opens > 0 && opens === closes;
}

function endsParagraph(text: string): boolean {
  return PARAGRAPH_END.test(text) || closedBracketLine(text);
}

/** A line ending so is certainly cut mid-sentence. */
const OPEN_END = /[，,、（(“‘《〈「『]$/;

/** Visual width: Hanzi and full-width marks 1, ASCII ½ (a PDF line of digits holds more characters). */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/** Width as printed: an indented first line (indent stripped already) took two more characters. */
function printed(line: SourceLine): number {
  return width(line.text) + (line.indented ? 2 : 0);
}

/** A line that starts something of its own: numbered heading, responsibility line, 附件, date, 【…】 block. */
function startsBlock(line: SourceLine): boolean {
  const t = line.text;
  return (
    line.cells !== undefined ||
    detectMarker(t) !== null ||
    isResponsibilityLine(t) ||
    t.startsWith('【') ||
    /^附\s*件/.test(t) ||
    isAppendixLabel(line) ||
    isDateLine(line) ||
    /^(?:特此|以上|此致|附：)/.test(t) ||
    // Field-label paragraphs (domain.md §8 item 17) start their own paragraph.
    /^(?:存在问题|具体表现|问题表现|主要问题|突出问题|问题描述|整改措施|整改目标|整改要求|整改举措|工作措施|完成情况|整改情况|整改进展|整改成效|组\s*长|副组长|成\s*员)\s*[：:]/.test(t)
  );
}

/**
 * The line width of hard-wrapped text, or null when the text is not hard-wrapped: most longer lines
 * then fill the same width (±1.5 characters) and run on without a sentence end.
 */
export function wrapWidth(lines: readonly SourceLine[]): number | null {
  const widths = lines.filter((l) => !l.cells && printed(l) >= 10).map((l) => ({ w: printed(l), open: !endsParagraph(l.text) }));
  if (widths.length < 4) return null;
  // Widths come in half characters: a histogram makes the band count linear in the text's size.
  const histogram = new Map<number, number>();
  for (const { w } of widths) histogram.set(w * 2, (histogram.get(w * 2) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const half of histogram.keys()) {
    let count = 0;
    for (let h = half - 3; h <= half; h++) count += histogram.get(h) ?? 0;
    const w = half / 2;
    if (count > bestCount || (count === bestCount && w > best)) {
      best = w;
      bestCount = count;
    }
  }
  const full = widths.filter((x) => x.w <= best + 0.5 && x.w >= best - 1.5);
  // Lines longer than the wrap width would be paragraphs kept whole: not a hard-wrapped text.
  const longer = widths.filter((x) => x.w > best + 1).length;
  if (full.length < 3 || full.length < widths.length * 0.25 || longer > widths.length * 0.1) return null;
  if (full.filter((x) => x.open).length < full.length * 0.5) return null;
  return best;
}

export interface ReflowResult {
  lines: SourceLine[];
  /** How many line breaks were removed */
  joins: number;
  wrapWidth: number | null;
}

/**
 * Joins lines cut mid-sentence: in hard-wrapped text a full-width line runs on into the next one unless
 * that one is indented or starts a block; in any text a line ending in "，" "、" or an opening bracket
 * runs on. A line is never joined to a following numbered heading or responsibility line.
 */
export function reflowLines(lines: readonly SourceLine[]): ReflowResult {
  const wrap = wrapWidth(lines);
  const out: SourceLine[] = [];
  let joins = 0;
  /** The last physical line added (a joined paragraph is as wide as its last line, not its whole text) */
  let last: SourceLine | null = null;
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev && !prev.cells && !line.cells && !startsBlock(line)) {
      const cut = OPEN_END.test(prev.text);
      // A full line runs on unless the next one is indented as a new paragraph. Without indentation a
      // full line ending in "。" is ambiguous; mid-paragraph lines end so far more often than paragraphs
      // end exactly at the margin, so it runs on too (nothing is lost either way).
      const full =
        wrap !== null && last !== null && printed(last) >= wrap - 1.5 && !line.indented && !closedBracketLine(last.text) && !isHeadTitle(prev.text, out.length - 1);
      if (cut || full) {
        // English words wrapped at a space keep it (digits and Hanzi join directly).
        const space = /[A-Za-z]$/.test(prev.text) && /^[A-Za-z]/.test(line.text) ? ' ' : '';
        out[out.length - 1] = { text: prev.text + space + line.text, ...(prev.indented ? { indented: true } : {}) };
        last = line;
        joins++;
        continue;
      }
    }
    out.push(line);
    last = line;
  }
  return { lines: out, joins, wrapWidth: wrap };
}

/**
 * Running headers: a short line repeated next to the page numbers (the document title or the issuer on
 * every page). Indices into `lines` of the copies to drop; the first occurrence stays.
 */
export function runningHeaders(lines: readonly SourceLine[], pageBreaks: ReadonlySet<number>): number[] {
  const byText = new Map<string, number[]>();
  lines.forEach((l, k) => {
    if (l.cells || l.text.length > 40 || startsBlock(l)) return;
    const list = byText.get(l.text) ?? [];
    list.push(k);
    byText.set(l.text, list);
  });
  const drop: number[] = [];
  for (const indices of byText.values()) {
    if (indices.length < 2) continue;
    // A page break falls right before (the line opens a page) or right after it (the line ends a page).
    const atBreak = indices.filter((k) => pageBreaks.has(k) || pageBreaks.has(k + 1));
    // The copies at the page breaks go; one occurrence elsewhere (the real title) stays. A single copy
    // is furniture only when it repeats the document's head or title, not any short line.
    const others = indices.length - atBreak.length;
    const titleLike = indices[0]! < 3 || /(?:方案|报告|清单|台账|意见|通知|计划|措施|规定|办法|总结|讲话)$/.test(lines[indices[0]!]!.text);
    if (others > 1 || atBreak.length === 0) continue;
    if (atBreak.length >= 2 || titleLike) drop.push(...(others === 0 ? atBreak.slice(1) : atBreak));
  }
  return drop.sort((a, b) => a - b);
}
