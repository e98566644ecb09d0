import type { FontRole } from './fonts.ts';
import { CELL, LINE_PITCH, SIZE_BODY, TEXT_WIDTH, mm, textWidthTwips } from './metrics.ts';
import { formatCopyNumber } from '../../../shared/domain/issuance.ts';

/**
 * The 版头 (GB/T 9704-2012 §7.2; gongwen-format.md §5.8) as rows of fixed height, measured from the
 * top of the 版心: 份号 / 密级 / 紧急程度 on the first rows, the 发文机关标志 with its top edge 35 mm down,
 * two empty rows, the 发文字号 (centred; for 上行文 左空一字 on the row of the last 签发人), the red rule
 * 4 mm below it, and two empty rows before the title. The .docx writer turns each row into a paragraph
 * of exactly that height kept off the line grid, and the preview draws the same rows, so both put
 * every element at the same place. The rest of the first page then runs on the 28.95 pt pitch.
 */

export interface HeadSegment {
  text: string;
  role: FontRole;
  /** half-points */
  size: number;
  /** twips from the 版心's left edge; 'center' = centred on the 版心 */
  x: number | 'center';
  red?: boolean;
  /** Runs on from the previous segment (no tab: a tab stop exactly at its end would be skipped) */
  join?: boolean;
}

export interface HeadRow {
  kind: 'copy' | 'spacer' | 'mark' | 'number' | 'rule';
  /** exact height, twips */
  height: number;
  segments: HeadSegment[];
  /** 联合行文: the organs stacked, the suffix (文件) to their right, centred on them */
  joint?: { organs: string[]; suffix: string; nameWidth: number; suffixWidth: number; lineHeight: number; size: number };
  /** The red rule, drawn at the bottom of this row (its thickness is part of the row's height) */
  rule?: boolean;
}

export interface LetterheadInput {
  mode: 'red' | 'blank';
  copyNumber: string | null;
  secrecy: string | null;
  urgency: string | null;
  organs: string[];
  suffix: string;
  docNumber: string | null;
  /** 上行文 only (empty otherwise) */
  signers: string[];
  upward: boolean;
}

export interface LetterheadLayout {
  rows: HeadRow[];
  /** Everything above the title, twips: where the title row starts */
  height: number;
  /** Where the 标志's glyph tops are meant to be and where the rule is, twips from the 版心 top (for tests and the preview) */
  markTop: number;
  ruleY: number;
  warnings: string[];
}

/** 35 mm: the 发文机关标志's top edge below the 版心's top (§7.2.4). */
export const MARK_TOP = mm(35);
/** 4 mm: the red rule below the 发文字号 (§7.2.5). */
export const RULE_GAP = mm(4);
/** The red rule: 版心 wide; its thickness the standard leaves open (practice 0.35–0.5 mm): 1.5 pt. */
export const RULE_SIZE_EIGHTHS = 12;
/** The rule's thickness in twips: a paragraph border adds it to the paragraph's height. */
export const RULE_TWIPS = (RULE_SIZE_EIGHTHS / 8) * 20;
export const RED = 'FF0000';

/** Largest 标志 size (初号, 42 pt) and the smallest it shrinks to so that long names fit the 版心. */
const MARK_MAX_HALF_POINTS = 84;
const MARK_MIN_HALF_POINTS = 44;
/** The 标志 row's height in ems: room for the glyphs in every renderer (exact lines clip what overflows). */
const MARK_LINE_EM = 1.25;

/**
 * Where a renderer puts the glyphs inside an exact-height row: the baseline sits at about 0.8 of the
 * row (LibreOffice gives the extra height to ascent and descent in proportion; measured 0.797 with
 * the 小标宋 substitute), and a Hanzi's top is about 0.86 em above its baseline. Used to place the
 * 标志 so its top edge is 35 mm down and to put the rule 4 mm under the 发文字号's bottom edge.
 */
const BASELINE_IN_ROW = 0.797;
const GLYPH_TOP_EM = 0.86;
const GLYPH_BOTTOM_EM = 0.1;

/** The 标志's size in half-points: 初号 when it fits, smaller for long names (never wider than the 版心). */
export function markSize(longest: string): number {
  const chars = Math.max(1, textWidthTwips(longest) / CELL);
  const fit = Math.floor((TEXT_WIDTH * 0.96) / chars / 10); // half-points whose em fits
  return Math.max(MARK_MIN_HALF_POINTS, Math.min(MARK_MAX_HALF_POINTS, fit));
}

function glyphTopInRow(rowHeight: number, halfPoints: number): number {
  return rowHeight * BASELINE_IN_ROW - GLYPH_TOP_EM * halfPoints * 10;
}

function glyphBottomInRow(rowHeight: number, halfPoints: number): number {
  return rowHeight * BASELINE_IN_ROW + GLYPH_BOTTOM_EM * halfPoints * 10;
}

export function layoutLetterhead(input: LetterheadInput): LetterheadLayout {
  const warnings: string[] = [];
  const rows: HeadRow[] = [];
  const red = input.mode === 'red';
  let y = 0;
  const push = (row: HeadRow) => {
    rows.push(row);
    y += row.height;
  };
  const spacer = (height: number) => {
    if (height > 0) push({ kind: 'spacer', height, segments: [] });
  };

  // 份号, 密级和保密期限, 紧急程度: 顶格, one per row from the first (§7.2.1–7.2.3).
  if (input.copyNumber) push({ kind: 'copy', height: LINE_PITCH, segments: [{ text: formatCopyNumber(input.copyNumber), role: 'fang', size: SIZE_BODY, x: 0 }] });
  if (input.secrecy) push({ kind: 'copy', height: LINE_PITCH, segments: [{ text: input.secrecy, role: 'hei', size: SIZE_BODY, x: 0 }] });
  if (input.urgency) push({ kind: 'copy', height: LINE_PITCH, segments: [{ text: input.urgency, role: 'hei', size: SIZE_BODY, x: 0 }] });

  // 发文机关标志: top edge 35 mm below the 版心 top, centred, red 小标宋.
  const organs = input.organs.length > 0 ? input.organs : [''];
  const joint = organs.length > 1;
  const longest = joint
    ? organs.reduce((a, b) => (textWidthTwips(b) > textWidthTwips(a) ? b : a), '') + input.suffix
    : organs[0]! + input.suffix;
  const size = markSize(longest);
  if (textWidthTwips(longest, size * 10 - 5, size) > TEXT_WIDTH) warnings.push(`发文机关标志“${longest}”较长，已缩小字号仍超出版心宽度，请使用规范化简称。`);
  const lineHeight = Math.round(size * 10 * MARK_LINE_EM);
  const markRows = joint ? organs.length : 1;
  const markBlock = lineHeight * markRows;
  const firstTop = MARK_TOP - glyphTopInRow(lineHeight, size);
  if (y > firstTop) warnings.push('份号、密级和紧急程度占的行数较多，发文机关标志已下移。');
  spacer(Math.round(firstTop - y));
  const markTop = y + glyphTopInRow(lineHeight, size);
  if (joint) {
    const cell = size * 10 - 5;
    // Half a character of room: renderers set Latin letters and digits in names wider than estimated.
    const nameWidth = Math.min(TEXT_WIDTH - textWidthTwips(input.suffix, cell, size), Math.max(...organs.map((o) => textWidthTwips(o, cell, size))) + size * 5);
    const suffixWidth = textWidthTwips(input.suffix, cell, size);
    push({
      kind: 'mark',
      height: markBlock,
      segments: [],
      ...(red ? { joint: { organs, suffix: input.suffix, nameWidth, suffixWidth, lineHeight, size } } : {}),
    });
  } else {
    // Without an organ there is no 标志 (the suffix alone is not one); its place stays.
    const printed = red && organs[0] !== '';
    push({ kind: 'mark', height: lineHeight, segments: printed ? [{ text: organs[0]! + input.suffix, role: 'xbs', size, x: 'center', red: true }] : [] });
  }
  const markBottom = y - lineHeight + glyphBottomInRow(lineHeight, size);

  // 发文字号 two empty rows below the 标志; 上行文: 左空一字 on the row of the last 签发人.
  spacer(Math.round(markBottom + 2 * LINE_PITCH - y));
  const signerRows = input.upward && input.signers.length > 0 ? signerLayout(input.signers) : [];
  const number = input.docNumber ?? '';
  if (signerRows.length > 0) {
    signerRows.forEach((segments, i) => {
      const last = i === signerRows.length - 1;
      push({ kind: 'number', height: LINE_PITCH, segments: last && number !== '' ? [{ text: number, role: 'fang', size: SIZE_BODY, x: CELL }, ...segments] : segments });
    });
    const labelX = signerRows[0]![0]!.x as number;
    if (number !== '' && CELL + textWidthTwips(number) > labelX - CELL) warnings.push('发文字号与签发人在同一行放不下，请缩短发文字号。');
  } else {
    push({ kind: 'number', height: LINE_PITCH, segments: number !== '' ? [{ text: number, role: 'fang', size: SIZE_BODY, x: input.upward ? CELL : 'center' }] : [] });
  }

  // The red rule 4 mm below the 发文字号's bottom edge, 版心 wide.
  const numberBottom = y - LINE_PITCH + glyphBottomInRow(LINE_PITCH, SIZE_BODY);
  const ruleY = Math.round(numberBottom + RULE_GAP);
  // 套打 leaves the rule out but keeps its place, so the title starts where it would.
  push({ kind: 'rule', height: ruleY - y + RULE_TWIPS, segments: [], rule: red });

  // The title two empty rows below the rule.
  spacer(2 * LINE_PITCH - RULE_TWIPS);
  return { rows, height: y, markTop: Math.round(markTop), ruleY, warnings };
}

/**
 * 签发人 rows (§7.2.6): "签发人：" in 仿宋, the names in 楷体, two to a row, 右空一字; a second row's
 * names align with the first row's first name. Positions are left tab stops, the same in every row.
 */
export function signerLayout(signers: readonly string[]): HeadSegment[][] {
  const label = '签发人：';
  const nameWidth = Math.max(...signers.map((s) => textWidthTwips(s)));
  const perRow = Math.min(2, signers.length);
  const namesWidth = perRow * nameWidth + (perRow - 1) * CELL;
  const nameX = TEXT_WIDTH - CELL - namesWidth;
  const labelX = nameX - textWidthTwips(label);
  const rows: HeadSegment[][] = [];
  for (let i = 0; i < signers.length; i += 2) {
    const segs: HeadSegment[] = [];
    if (i === 0) segs.push({ text: label, role: 'fang', size: SIZE_BODY, x: labelX });
    segs.push({ text: signers[i]!, role: 'kai', size: SIZE_BODY, x: nameX, ...(i === 0 ? { join: true } : {}) });
    if (signers[i + 1]) segs.push({ text: signers[i + 1]!, role: 'kai', size: SIZE_BODY, x: nameX + nameWidth + CELL });
    rows.push(segs);
  }
  return rows;
}
