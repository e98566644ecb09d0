// Family 6 of issue 13: headings that lost their numbers. Summaries and speeches copied from web pages
// drop 一、（一）: what is left is a short line without end punctuation (often with a comma or a pair
// of quotation marks — 坚持思想引领“铸魂”，筑牢干部队伍信念根基) followed by paragraphs, at the same
// rhythm 3–10 times. Such lines are top-level headings; a short line ending in 。 that opens a group
// of paragraphs under one of them, seen at least twice, is a second-level one. Only when the text has
// no numbered headings of its own, and every one is marked inferred so the user can demote it.
import { isDateLine } from './appendix.ts';
import { detectMarker } from './markers.ts';
import { isResponsibilityLine } from './responsibility.ts';
import type { SourceLine } from './types.ts';

export interface InferredHeadings {
  /** Line index → 1 (top level) or 2 (second level) */
  levels: Map<number, 1 | 2>;
  reasons: Map<number, string>;
}

const MIN_TOP = 3;
const MAX_TOP = 10;

function isParagraph(l: SourceLine | undefined): boolean {
  return l !== undefined && !l.cells && l.text.length >= 20 && /[。！？；]$/.test(l.text);
}

function isTopCandidate(l: SourceLine, next: SourceLine | undefined, after: SourceLine | undefined): boolean {
  const t = l.text;
  // A second-level line may stand between the heading and its paragraphs.
  if (next && after && isSecondCandidate(next, after)) next = after;
  return (
    !l.cells &&
    t.length >= 6 &&
    t.length <= 40 &&
    !/[。！？；;：:…!?、]$/.test(t) &&
    !/[。！？；]/.test(t) &&
    !detectMarker(t) &&
    !isDateLine(l) &&
    !isResponsibilityLine(t) &&
    isParagraph(next) &&
    next!.text.length > t.length
  );
}

function isSecondCandidate(l: SourceLine, next: SourceLine | undefined): boolean {
  const t = l.text;
  return !l.cells && t.length >= 5 && t.length <= 26 && /[^。]{4,}。$/.test(t) && (t.match(/[。！？]/g) ?? []).length === 1 && !/[，；：]/.test(t) && isParagraph(next) && !detectMarker(t);
}

/** Numbered headings (一、 or （一）) the text has of its own; with two or more nothing is inferred. */
function hasNumberedHeadings(lines: readonly SourceLine[], from: number, end: number): boolean {
  let n = 0;
  for (let k = from; k < end; k++) {
    const m = lines[k]!.cells ? null : detectMarker(lines[k]!.text);
    if (m && m.level <= 2 && ++n >= 2) return true;
  }
  return false;
}

/** The unnumbered headings of lines[from, end), or none when the pattern is not clear. */
export function inferHeadings(lines: readonly SourceLine[], from: number, end: number, demoted: ReadonlySet<string>): InferredHeadings {
  const levels = new Map<number, 1 | 2>();
  const reasons = new Map<number, string>();
  if (hasNumberedHeadings(lines, from, end)) return { levels, reasons };
  const top: number[] = [];
  for (let k = from; k < end; k++) if (isTopCandidate(lines[k]!, lines[k + 1], lines[k + 2]) && !demoted.has(lines[k]!.text)) top.push(k);
  // The rhythm: every heading opens a group of paragraphs, none of them far longer than the others.
  if (top.length < MIN_TOP || top.length > MAX_TOP) return { levels, reasons };
  const gaps = top.slice(1).map((k, j) => k - top[j]!);
  if (gaps.some((g) => g < 2) || Math.max(...gaps) > 6 * Math.min(...gaps) + 4) return { levels, reasons };
  for (const k of top) {
    levels.set(k, 1);
    reasons.set(k, `短句独占一行、无句末标点，其后是段落，与另外${top.length - 1}处以同样节奏出现，且全文没有编号标题，推断为一级标题`);
  }
  const second: number[] = [];
  for (let k = top[0]!; k < end; k++) if (!levels.has(k) && isSecondCandidate(lines[k]!, lines[k + 1]) && !demoted.has(lines[k]!.text)) second.push(k);
  if (second.length >= 2) {
    for (const k of second) {
      levels.set(k, 2);
      reasons.set(k, '以句号结尾的短句独占一行，位于一组段落之首，且多处同样出现，推断为二级标题');
    }
  }
  return { levels, reasons };
}
