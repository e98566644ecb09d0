// GB/T 9704-2012 page geometry in twips and half-points (numbers and reasoning: gongwen-format.md §1–§3).

export const PAGE_W = 11906; // A4, written literally (the mm helper rounds to 11905)
export const PAGE_H = 16838;
export const MARGIN_TOP = 2098; // 37 mm 天头
export const MARGIN_BOTTOM = 1984; // 35 mm
export const MARGIN_LEFT = 1587; // 28 mm 订口
export const MARGIN_RIGHT = 1474; // 26 mm
export const HEADER_DISTANCE = 851;
/** Puts the page number's 一字线 7 mm below the type area (measured in LibreOffice, §6.3). */
export const FOOTER_DISTANCE = 1418;
/** 版心 width 156 mm */
export const TEXT_WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT; // 8845
export const TEXT_HEIGHT = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM; // 12756

/** 28.95 pt: the largest exact line pitch that still gives 22 rows in the 225 mm type area. */
export const LINE_PITCH = 579;
export const ROWS_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

export const SIZE_TITLE = 44; // 二号
export const SIZE_BODY = 32; // 三号
export const SIZE_PAGE_NUMBER = 28; // 四号

/** Condense 三号 runs by 0.25 pt so 28 characters fit the 156 mm line: floor((8845 − 28 × 320) / 27). */
export const CHAR_SPACING = Math.floor((TEXT_WIDTH - CHARS_PER_LINE * 16 * 20) / (CHARS_PER_LINE - 1)); // −5
/** One 三号 character cell with the condensed spacing */
export const CELL = 16 * 20 + CHAR_SPACING; // 315
/** One 二号 title character cell with the same condensing */
export const TITLE_CELL = 22 * 20 + CHAR_SPACING; // 435

/** "空一字" in the 4号 page-number font */
export const PAGE_NUMBER_INSET = 280;

// Landscape ledger (§7.2): the portrait margins rotated, so the type area stays 225 × 156 mm.
export const LANDSCAPE_MARGIN = { top: MARGIN_LEFT, bottom: MARGIN_RIGHT, left: MARGIN_BOTTOM, right: MARGIN_TOP };
export const LANDSCAPE_TEXT_WIDTH = PAGE_H - MARGIN_BOTTOM - MARGIN_TOP; // 12756
export const LANDSCAPE_TEXT_HEIGHT = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT; // 8845

export const MM = 56.6929;
export function mm(value: number): number {
  return Math.round(value * MM);
}

/** Width in twips of text set at 三号 with the condensed spacing: Hanzi a full cell, ASCII about half. */
export function textWidthTwips(text: string, cell = CELL, halfPoints = SIZE_BODY): number {
  let w = 0;
  const spacing = cell - halfPoints * 10;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x2000) w += latinAdvance(ch) * halfPoints * 10 + spacing;
    else w += cell;
  }
  return Math.round(w);
}

/** Approximate Times New Roman advances in em for the characters that occur in dates and numbers. */
function latinAdvance(ch: string): number {
  if (/[0-9]/.test(ch)) return 0.5;
  if (ch === '.' || ch === ',' || ch === ':' || ch === ';') return 0.25;
  if (ch === ' ') return 0.25;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[a-z]/.test(ch)) return 0.47;
  return 0.5;
}
