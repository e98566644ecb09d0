// Family 1 of issue 13, second half: the document's title behind the web page's furniture. Copied from a
// government site, the text before the 主送 or the first paragraph holds the site's column names, the
// browser's page title (often "标题_栏目_网站") and the title itself, sometimes twice. The title is the
// last line of that run that ends like a document's title (通知/方案/报告/通报 …); what stands before
// it is furniture when it repeats the title or follows dropped web furniture, and kept as the preamble
// otherwise (a 版头 or 文号 is content).
import { isTitleCandidate } from './appendix.ts';
import { detectMarker } from './markers.ts';
import { pageTitleOf } from './web-furniture.ts';
import type { SourceLine } from './types.ts';

/** A 版头 (…文件) or a 发文字号 above the title: content, never part of the title. */
const LETTERHEAD = /文件$|[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号$/;

export const TITLE_END = /(?:方案|清单|措施|报告|通报|讲话|计划|意见|通知|台账|汇报|规定|办法|要点|总结|细则|情况|请示|函|纪要|决定|公告|提纲|发言|材料|举措|任务|安排)$/;

export interface LocatedTitle {
  /** Index of the title's first line */
  start: number;
  /** Index after the title's last line */
  next: number;
  title: string;
  /** Lines before the title that repeat it or are the site's columns: dropped */
  furniture: Array<{ index: number; reason: string }>;
  /** Lines before the title that are content (版头, 文号 …): kept as preamble */
  kept: number[];
  /** Why this line is the title, for the preview */
  reason: string;
}

function key(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}

/** The run of lines that can stand above a document's first paragraph. */
function frontRun(lines: readonly SourceLine[], from: number, end: number): number {
  let k = from;
  while (k < end && k < from + 14) {
    const l = lines[k]!;
    if (l.cells || detectMarker(l.text) || /[：:]$/.test(l.text) || /^[—–-]{1,2}|^[（(]/.test(l.text)) break;
    if (/[。！？；]/.test(l.text) || l.text.length > 80) break;
    k++;
  }
  return k;
}

/**
 * Finds the title when furniture or a page title may precede it. Returns null when the run above the
 * body holds at most one title-like line, so the ordinary reading (1–3 lines from the top) applies.
 */
export function locateTitleAfterFurniture(lines: readonly SourceLine[], from: number, end: number, webFurnitureSeen: boolean): LocatedTitle | null {
  const runEnd = frontRun(lines, from, end);
  const candidates: number[] = [];
  for (let k = from; k < runEnd; k++) {
    const t = lines[k]!.text;
    if (isTitleCandidate(t) && (TITLE_END.test(t) || pageTitleOf(t) !== null)) candidates.push(k);
  }
  const titleLike = candidates.filter((k) => TITLE_END.test(lines[k]!.text));
  if (titleLike.length === 0) return null;
  const last = titleLike[titleLike.length - 1]!;
  // Nothing above but the title's own wrapped lines: the ordinary reading applies.
  const letterhead = lines.slice(from, last).some((l) => LETTERHEAD.test(l.text));
  if (candidates.length === 1 && !webFurnitureSeen && !letterhead) return null;
  let start = last;
  // A title wraps onto up to three lines; an earlier line continues it unless it is a title by itself.
  while (
    start > from &&
    last - start < 2 &&
    isTitleCandidate(lines[start - 1]!.text) &&
    !TITLE_END.test(lines[start - 1]!.text) &&
    pageTitleOf(lines[start - 1]!.text) === null &&
    !LETTERHEAD.test(lines[start - 1]!.text) &&
    lines[start - 1]!.text.length >= 4 &&
    !(webFurnitureSeen && lines[start - 1]!.text.length <= 8)
  ) {
    start--;
  }
  const title = lines.slice(start, last + 1).map((l) => l.text).join('');
  const furniture: LocatedTitle['furniture'] = [];
  const kept: number[] = [];
  for (let k = from; k < start; k++) {
    const t = lines[k]!.text;
    const page = pageTitleOf(t);
    if (key(t) === key(title) || (page !== null && key(page) === key(title))) furniture.push({ index: k, reason: '重复的网页标题' });
    else if (webFurnitureSeen) furniture.push({ index: k, reason: '标题前的网站栏目' });
    else kept.push(k);
  }
  if (furniture.length === 0 && kept.length === 0) return null;
  const ending = TITLE_END.exec(title)?.[0] ?? '';
  const reason = `以“${ending}”结尾，位于${furniture.length > 0 ? '网页杂项之后、' : ''}正文第一段（或主送机关）之前`;
  return { start, next: last + 1, title, furniture, kept, reason };
}
