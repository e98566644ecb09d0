// Attachment pages after the body (GB/T 9704 附件): a "附件" / "附件2" label, the attachment's title, then
// its content — typically the 整改台账 table our own exporter appends in landscape after the 署名 and
// 成文日期. Finding where they start lets the signature block be recognised at the end of the body, and
// the table be compared with the body's measures instead of imported as a second set of them.
import { detectMarker } from './markers.ts';
import { mapHeader } from './table.ts';
import type { SourceLine } from './types.ts';

export const DATE_LINE =
  /^(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;
/** Words an attachment's title ends with (a plan title's words and the tables' own). */
const TITLE_END =
  /(?:方案|清单|措施|报告|通报|计划|意见|通知|台账|汇报|规定|办法|要点|总结|细则|情况|纪要|决定|材料|举措|任务|安排|一览表|名单|明细表|统计表|汇总表|分工表|责任表)$/;
/** The label on an attachment's first page: 附件 / 附件1 / 附件 2 / 附件二 — on its own line, no colon. */
const LABEL = /^附\s*件\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?$/;

export function isTitleCandidate(text: string): boolean {
  return text.length >= 4 && text.length <= 60 && !/[。；;，,！？!?：:]$/.test(text) && !/[。；;]/.test(text) && !/[：:]/.test(text);
}

export function isDateLine(line: SourceLine | undefined): boolean {
  return line !== undefined && !line.cells && DATE_LINE.test(line.text.replace(/\s/g, ''));
}

export function isAppendixLabel(line: SourceLine | undefined): boolean {
  return line !== undefined && !line.cells && LABEL.test(line.text);
}

function isHeaderRow(line: SourceLine | undefined): boolean {
  return line?.cells !== undefined && mapHeader(line.cells) !== null;
}

function isAppendixTitle(line: SourceLine | undefined): boolean {
  return line !== undefined && !line.cells && isTitleCandidate(line.text) && !detectMarker(line.text);
}

/** A title line (or two) followed closely by a ledger header row. */
function titleThenTable(lines: readonly SourceLine[], k: number): boolean {
  if (isHeaderRow(lines[k])) return true;
  if (!isAppendixTitle(lines[k])) return false;
  for (let j = k + 1; j <= k + 3 && j < lines.length; j++) {
    if (isHeaderRow(lines[j])) return true;
    if (!isAppendixTitle(lines[j])) return false;
  }
  return false;
}

/**
 * Index of the first line of the attachment pages, or lines.length when there are none. They start at
 * a 附件 label that follows the 成文日期 or is followed by a title, or — without a label — right after
 * the 成文日期 when a title and a ledger table follow.
 */
export function findAppendixStart(lines: readonly SourceLine[], from: number): number {
  for (let k = from + 1; k < lines.length - 1; k++) {
    const line = lines[k]!;
    if (isAppendixLabel(line)) {
      if (isDateLine(lines[k - 1]) || isAppendixTitle(lines[k + 1]) || isHeaderRow(lines[k + 1])) return k;
    } else if (isDateLine(line) && titleThenTable(lines, k + 1)) {
      return k + 1;
    }
  }
  return lines.length;
}

export interface Appendix {
  /** The 附件 label line, null when the pages start without one */
  label: SourceLine | null;
  /** Title lines (usually one) */
  titleLines: SourceLine[];
  title: string;
  /** Everything after the title: table rows and paragraphs */
  content: SourceLine[];
}

/** Splits the attachment pages at each 附件 label. */
export function splitAppendices(lines: readonly SourceLine[]): Appendix[] {
  const out: Appendix[] = [];
  let current: Appendix | null = null;
  for (const line of lines) {
    if (isAppendixLabel(line) || current === null) {
      current = { label: isAppendixLabel(line) ? line : null, titleLines: [], title: '', content: [] };
      out.push(current);
      if (current.label) continue;
    }
    // Title: up to three title-like lines before any content, ending at a title word (…台账/…清单).
    if (current.content.length === 0 && current.titleLines.length < 3 && isAppendixTitle(line) && !TITLE_END.test(current.title)) {
      current.titleLines.push(line);
      current.title += line.text;
      continue;
    }
    current.content.push(line);
  }
  // A "title" with nothing after it that does not read like one is content (e.g. a one-line note).
  for (const a of out) {
    if (a.content.length === 0 && a.titleLines.length > 1 && !TITLE_END.test(a.title)) {
      a.content = a.titleLines.slice(1);
      a.titleLines = a.titleLines.slice(0, 1);
      a.title = a.titleLines[0]!.text;
    }
  }
  return out;
}

/** Text reduced to letters and digits, for comparing the same words written in a table and in the body. */
export function compareKey(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}
