import { LINE_PITCH, PAGE_NUMBER_INSET, SIZE_PAGE_NUMBER, TEXT_WIDTH } from './metrics.ts';

/**
 * The 版记 (GB/T 9704-2012 §7.4; gongwen-format.md §6.5): 抄送 in 4号仿宋 左右各空一字 with wrapped
 * lines aligned after the colon and a final 。, then 印发机关 (左空一字) and 印发日期 (右空一字) on the
 * row above the last rule; a thick rule above the first element and under the last one, thin ones
 * between. It is printed in the footer of its own last page, so the last rule sits on the 版心's
 * lower edge in every renderer and that page carries no page number.
 */

export interface ColophonInput {
  cc: string | null;
  printedBy: string;
  /** 2026年1月5日 (without 印发) or null */
  printedOn: string | null;
}

export interface ColophonRow {
  kind: 'cc' | 'printed';
  /** lines of text as they wrap (the 抄送 row may wrap) */
  lines: string[];
  /** twips */
  height: number;
}

export interface ColophonLayout {
  rows: ColophonRow[];
  /** printedBy and the date text of the 印发 row */
  printedBy: string;
  printedOn: string | null;
  /** twips, all rows */
  height: number;
}

/** 0.35 mm and 0.25 mm rules in eighths of a point (§7.4.1 recommends those thicknesses). */
export const THICK_RULE = 8;
export const THIN_RULE = 6;
/** 一字 of the 4号 text: 14 pt. */
export const COLOPHON_INSET = PAGE_NUMBER_INSET;
const CHAR = SIZE_PAGE_NUMBER * 10;
export const CC_LABEL = '抄送：';

/** 抄送 text as printed: the marks normalised by the caller, a final 。 */
export function ccText(cc: string): string {
  const body = cc.trim().replace(/[。．.，,、；;\s]+$/u, '');
  return `${CC_LABEL}${body}。`;
}

/** Wraps the 抄送 line at 4号: the first line after the label, continuation lines under the first name. */
function wrapCc(text: string): string[] {
  const width = TEXT_WIDTH - 2 * COLOPHON_INSET - CHAR * CC_LABEL.length;
  const perLine = Math.max(1, Math.floor(width / CHAR));
  const body = [...text.slice(CC_LABEL.length)];
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += perLine) lines.push(body.slice(i, i + perLine).join(''));
  // A closing mark never starts a line: pull the last character down with it.
  for (let i = 1; i < lines.length; i++) {
    if (/^[，。、；：）》”]/u.test(lines[i]!) && lines[i - 1]!.length > 1) {
      lines[i] = lines[i - 1]!.slice(-1) + lines[i];
      lines[i - 1] = lines[i - 1]!.slice(0, -1);
    }
  }
  lines[0] = CC_LABEL + (lines[0] ?? '');
  return lines;
}

export function layoutColophon(input: ColophonInput): ColophonLayout {
  const rows: ColophonRow[] = [];
  if (input.cc && input.cc.trim() !== '') {
    const lines = wrapCc(ccText(input.cc));
    rows.push({ kind: 'cc', lines, height: lines.length * LINE_PITCH });
  }
  const printed = input.printedOn ? `${input.printedOn}印发` : '';
  rows.push({ kind: 'printed', lines: [input.printedBy, printed], height: LINE_PITCH });
  return { rows, printedBy: input.printedBy, printedOn: input.printedOn, height: rows.reduce((h, r) => h + r.height, 0) };
}
