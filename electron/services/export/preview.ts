import type { PlanDocument } from '../../../shared/domain/document.ts';
import type { ExportSettings } from '../../../shared/domain/export-settings.ts';
import type { Preview, PreviewPage } from '../../../shared/api/export.ts';
import type { Block, LedgerAppendix, Run } from './blocks.ts';
import { buildIssuedLayout, type IssuedLayout, type IssueOptions } from './issued-layout.ts';
import { RULE_TWIPS, type LetterheadLayout } from './letterhead.ts';
import { CC_LABEL, COLOPHON_INSET, THICK_RULE, THIN_RULE, type ColophonLayout } from './colophon.ts';
import { columnWidths } from './docx-writer.ts';
import { FONT_PROFILES_BY_ID, type FontRole } from './fonts.ts';
import {
  CELL,
  CHAR_SPACING,
  CHARS_PER_LINE,
  LANDSCAPE_TEXT_HEIGHT,
  LANDSCAPE_TEXT_WIDTH,
  LINE_PITCH,
  MARGIN_BOTTOM,
  MARGIN_LEFT,
  MARGIN_RIGHT,
  MARGIN_TOP,
  PAGE_H,
  PAGE_W,
  ROWS_PER_PAGE,
  SIZE_PAGE_NUMBER,
  SIZE_TITLE,
  TEXT_HEIGHT,
  TEXT_WIDTH,
} from './metrics.ts';

/**
 * The paged preview: the same blocks the .docx is written from, broken into lines and pages with the
 * document's metrics (22 rows × 28 characters, 579-twip rows, keep-with-next chains, the landscape
 * ledger with its header repeated). It follows the rules a word processor applies to this document
 * (line-start/line-end punctuation, unbreakable numbers, the small gap between Hanzi and digits), so
 * the page count matches the exported file's.
 */

const NO_LINE_START = new Set([...'，。、；：？！）》」』”’…—%．,.;:?!)]】〕〉']);
const NO_LINE_END = new Set([...'（《「『“‘〔【〈([']);
/** Marks that may hang past the right margin instead of starting a line (Word's overflowPunct, LibreOffice's hanging punctuation). */
const HANGING = new Set([...'，。、；：？！,.']);

export interface Unit {
  text: string;
  width: number;
  run: number;
  ascii: boolean;
}

function latinAdvance(ch: string): number {
  if (/[0-9]/.test(ch)) return 0.5;
  if (ch === '.' || ch === ',' || ch === ':' || ch === ';' || ch === ' ' || ch === "'" || ch === '!') return 0.25;
  if (ch === '(' || ch === ')' || ch === '-') return 0.333;
  if (/[A-Z]/.test(ch)) return 0.68;
  if (/[a-z]/.test(ch)) return 0.46;
  return 0.5;
}

/** Splits runs into breakable units: each Hanzi/mark alone, each ASCII word or number as one. */
export function units(runs: readonly Run[], halfPoints: number, spacing: number): Unit[] {
  const out: Unit[] = [];
  const em = halfPoints * 10;
  runs.forEach((run, ri) => {
    const chars = [...run.text];
    let i = 0;
    while (i < chars.length) {
      const ch = chars[i]!;
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x2000 && ch !== ' ') {
        let j = i;
        let w = 0;
        while (j < chars.length && (chars[j]!.codePointAt(0) ?? 0) < 0x2000 && chars[j] !== ' ') {
          w += latinAdvance(chars[j]!) * em + spacing;
          j++;
        }
        out.push({ text: chars.slice(i, j).join(''), width: w, run: ri, ascii: true });
        i = j;
      } else {
        out.push({ text: ch, width: code < 0x2000 ? 0.25 * em + spacing : em + spacing, run: ri, ascii: false });
        i++;
      }
    }
  });
  // The gap word processors put between Hanzi and Latin/digits (autospace), about 3/16 of an em
  // (calibrated on LibreOffice with 16 pt body lines and 12 pt table cells).
  for (let k = 1; k < out.length; k++) {
    const a = out[k - 1]!;
    const b = out[k]!;
    if (a.ascii !== b.ascii && a.text !== ' ' && b.text !== ' ' && !NO_LINE_START.has(b.text) && !NO_LINE_END.has(a.text)) {
      b.width += (em * 3) / 16;
    }
  }
  return out;
}

export interface LaidLine {
  units: Unit[];
  /** offset of the line's start from the paragraph's left indent, twips (first-line indent/hanging) */
  offset: number;
  width: number;
}

/**
 * Greedy line breaking with the kinsoku rules: no closing mark starts a line (a comma or full stop
 * hangs in the margin, other closing marks pull the previous character down), no opening mark ends one.
 */
export function breakLines(all: Unit[], available: number, firstOffset: number, hanging = true): LaidLine[] {
  const lines: LaidLine[] = [];
  let current: Unit[] = [];
  let used = 0;
  let offset = firstOffset;
  const limit = () => available - offset;
  const push = () => {
    lines.push({ units: current, offset, width: limit() });
    current = [];
    used = 0;
    offset = 0;
  };
  for (let i = 0; i < all.length; i++) {
    const u = all[i]!;
    if (used + u.width > limit() + 0.5 && current.length > 0) {
      if (hanging && HANGING.has(u.text) && used <= limit() + 0.5) {
        // A comma or full stop hangs in the margin at the end of a full line.
        current.push(u);
        push();
        continue;
      }
      // The unit does not fit. A mark that may not start a line pulls the last unit down with it.
      const carry: Unit[] = [];
      if (NO_LINE_START.has(u.text) && current.length > 1) carry.push(current.pop()!);
      while (current.length > 1 && NO_LINE_END.has(current[current.length - 1]!.text)) carry.unshift(current.pop()!);
      push();
      for (const c of carry) {
        current.push(c);
        used += c.width;
      }
    }
    current.push(u);
    used += u.width;
  }
  if (current.length > 0 || lines.length === 0) push();
  return lines;
}

function lineRuns(line: LaidLine, runs: readonly Run[]): { text: string; role: FontRole; bold: boolean }[] {
  const out: { text: string; role: FontRole; bold: boolean }[] = [];
  for (const u of line.units) {
    const run = runs[u.run]!;
    const last = out[out.length - 1];
    if (last && last.role === run.role && last.bold === Boolean(run.bold)) last.text += u.text;
    else out.push({ text: u.text, role: run.role, bold: Boolean(run.bold) });
  }
  return out;
}

interface BlockLines {
  block: Block;
  lines: LaidLine[];
  left: number;
}

/** Lines of one block in the portrait type area. */
export function layoutBlock(block: Block): BlockLines {
  const spacing = CHAR_SPACING;
  const em = block.size * 10;
  const left = (block.left ?? 0) - 0;
  const right = block.right ?? 0;
  const available = TEXT_WIDTH - left - right;
  let first = 0;
  if (block.firstLineChars) first = Math.round((block.firstLineChars / 100) * (block.size === SIZE_TITLE ? em + spacing : CELL));
  if (block.hanging) first = -block.hanging;
  const lines = block.runs.length === 0 ? [{ units: [], offset: 0, width: available }] : breakLines(units(block.runs, block.size, spacing), available, first);
  return { block, lines, left };
}

const ALIGN: Record<Block['align'], 'left' | 'center' | 'right' | 'justify'> = { both: 'justify', left: 'left', center: 'center', right: 'right' };

export interface PaginateOptions {
  /** twips of the first page taken by the 版头 above the first block */
  firstPageOffset?: number;
  /** blocks from this index on are the plan (those before it the 印发通知) */
  planStart?: number;
}

/**
 * Portrait pages: 22 rows each (fewer under a 版头, whose rows run on from its bottom edge at the same
 * pitch), keep-with-next chains moved to the next page together, a page break before the plan that
 * follows its 印发通知.
 */
export function paginateBlocks(blocks: readonly Block[], options: PaginateOptions = {}): PreviewPage[] {
  const laid = blocks.map(layoutBlock);
  const planStart = options.planStart ?? 0;
  const offset = options.firstPageOffset ?? 0;
  const pages: PreviewPage[] = [];
  const blankPage = (number: number): PreviewPage => ({ number, numbered: true, part: planStart > 0 ? 'notice' : 'plan', orientation: 'portrait', rules: [], lines: [], table: null });
  let page = blankPage(1);
  let row = 0;
  let capacity = Math.floor((TEXT_HEIGHT - offset) / LINE_PITCH);
  const newPage = () => {
    pages.push(page);
    page = blankPage(page.number + 1);
    if (pages.length > 0 && pages[pages.length - 1]!.part === 'plan') page.part = 'plan';
    row = 0;
    capacity = ROWS_PER_PAGE;
  };
  laid.forEach((item, bi) => {
    if (item.block.pageBreakBefore && row > 0) newPage();
    if (bi >= planStart) page.part = 'plan';
    // Rows that must share a page with this block's last line: the chain of keep-with-next blocks
    // after it, up to and including the first line of the block that ends the chain.
    let glue = 1;
    if (item.block.keepNext) {
      let k = bi + 1;
      while (k < laid.length) {
        const next = laid[k]!;
        if (next.block.pageBreakBefore) break;
        if (next.block.keepNext) {
          glue += next.lines.length;
          k++;
        } else {
          glue += 1;
          break;
        }
      }
      if (glue > ROWS_PER_PAGE) glue = 1;
    }
    item.lines.forEach((line, li) => {
      const isLast = li === item.lines.length - 1;
      if (row >= capacity || (isLast && row + glue > capacity && row > 0)) newPage();
      const x = item.left + line.offset;
      const onFirst = pages.length === 0 && offset > 0;
      page.lines.push({
        row,
        ...(onFirst ? { top: offset + row * LINE_PITCH } : {}),
        x,
        width: line.width,
        size: item.block.size,
        // A justified paragraph's last line is set flush left.
        align: item.block.align === 'both' && isLast ? 'left' : ALIGN[item.block.align],
        runs: lineRuns(line, item.block.runs),
      });
      row++;
    });
  });
  pages.push(page);
  return pages;
}

/** The 版头 as preview lines and its rule, drawn above the first page's rows. */
export function letterheadLines(head: LetterheadLayout): { lines: PreviewPage['lines']; rules: PreviewPage['rules'] } {
  const lines: PreviewPage['lines'] = [];
  const rules: PreviewPage['rules'] = [];
  let y = 0;
  for (const r of head.rows) {
    if (r.joint) {
      const j = r.joint;
      const gap = Math.round(j.lineHeight * 0.2);
      const width = Math.min(TEXT_WIDTH, j.nameWidth + (j.suffix === '' ? 0 : j.suffixWidth + gap));
      const left = Math.round((TEXT_WIDTH - width) / 2);
      j.organs.forEach((organ, i) => {
        lines.push({ row: -1, top: y + i * j.lineHeight, height: j.lineHeight, x: left, width: j.nameWidth, size: j.size, align: 'justify', red: true, runs: [{ text: organ, role: 'xbs', bold: false }] });
      });
      if (j.suffix !== '') {
        lines.push({ row: -1, top: y + (r.height - j.lineHeight) / 2, height: j.lineHeight, x: left + j.nameWidth + gap, width: j.suffixWidth, size: j.size, align: 'right', red: true, runs: [{ text: j.suffix, role: 'xbs', bold: false }] });
      }
    }
    for (const seg of r.segments) {
      const centred = seg.x === 'center';
      const x = centred ? 0 : (seg.x as number);
      lines.push({
        row: -1,
        top: y,
        height: r.height,
        x,
        width: TEXT_WIDTH - x,
        size: seg.size,
        align: centred ? 'center' : 'left',
        ...(seg.red ? { red: true } : {}),
        runs: [{ text: seg.text, role: seg.role, bold: false }],
      });
    }
    y += r.height;
    if (r.rule) rules.push({ top: y - RULE_TWIPS, thickness: RULE_TWIPS, red: true });
  }
  return { lines, rules };
}

/** The 版记 page: the 版记 at the bottom of the type area, its last rule on the 版心's lower edge. */
export function colophonPage(colophon: ColophonLayout, number: number): PreviewPage {
  const lines: PreviewPage['lines'] = [];
  const rules: PreviewPage['rules'] = [];
  const charW = SIZE_PAGE_NUMBER * 10;
  let y = TEXT_HEIGHT - colophon.height;
  rules.push({ top: y, thickness: (THICK_RULE / 8) * 20, red: false });
  colophon.rows.forEach((r, i) => {
    if (r.kind === 'cc') {
      r.lines.forEach((text, k) => {
        const x = k === 0 ? COLOPHON_INSET : COLOPHON_INSET + CC_LABEL.length * charW;
        lines.push({ row: -1, top: y + k * LINE_PITCH, x, width: TEXT_WIDTH - COLOPHON_INSET - x, size: SIZE_PAGE_NUMBER, align: 'left', runs: [{ text, role: 'fang', bold: false }] });
      });
    } else {
      const width = TEXT_WIDTH - 2 * COLOPHON_INSET;
      lines.push({ row: -1, top: y, x: COLOPHON_INSET, width, size: SIZE_PAGE_NUMBER, align: 'left', runs: [{ text: r.lines[0] ?? '', role: 'fang', bold: false }] });
      if (r.lines[1]) lines.push({ row: -1, top: y, x: COLOPHON_INSET, width, size: SIZE_PAGE_NUMBER, align: 'right', runs: [{ text: r.lines[1], role: 'fang', bold: false }] });
    }
    y += r.height;
    const last = i === colophon.rows.length - 1;
    rules.push({ top: y, thickness: ((last ? THICK_RULE : THIN_RULE) / 8) * 20, red: false });
  });
  return { number, numbered: false, part: 'colophon', orientation: 'portrait', rules, lines, table: null };
}

const CELL_MARGIN = 85;
/** Cell margins top and bottom (40 + 40) and the 0.5 pt row border. */
const CELL_PADDING_V = 90;

function cellLines(text: string, width: number, size: number): number {
  if (text === '') return 1;
  return text
    .split('\n')
    .reduce((n, part) => n + breakLines(units([{ text: part, role: 'fang' }], size, 0), width - 2 * CELL_MARGIN, 0, false).length, 0);
  // (Table cells do not hang punctuation in the margin: the cell edge is a hard limit.)
}

/** Landscape ledger pages: label and title on the first, the header row repeated on every page. */
export function paginateLedger(appendix: LedgerAppendix, firstNumber: number): PreviewPage[] {
  const size = appendix.fontSize;
  const cellLine = size === 24 ? 400 : 440;
  const widths = columnWidths(
    appendix.table.columns.map((c) => c.weight),
    LANDSCAPE_TEXT_WIDTH,
  );
  const pages: PreviewPage[] = [];
  const head: PreviewPage['lines'] = [];
  let row = 0;
  const headLine = (text: string, role: FontRole, halfPoints: number, align: 'left' | 'center') => {
    head.push({ row: row++, x: 0, width: LANDSCAPE_TEXT_WIDTH, size: halfPoints, align, runs: [{ text, role, bold: false }] });
  };
  if (appendix.label !== '') {
    headLine(appendix.label, 'hei', 32, 'left');
    row++;
  }
  headLine(appendix.title, 'xbs', SIZE_TITLE, 'center');
  row++;
  const headerHeight = Math.max(...appendix.table.header.map((h, i) => cellLines(h, widths[i]!, size))) * cellLine + CELL_PADDING_V;
  const headerRow = {
    header: true,
    height: headerHeight,
    cells: appendix.table.header.map((text, column) => ({ text, rowSpan: 1, column })),
  };
  const maxWholeLines = Math.floor(LANDSCAPE_TEXT_HEIGHT / cellLine / 3);
  let current: PreviewPage = {
    number: firstNumber,
    numbered: true,
    part: 'ledger',
    orientation: 'landscape',
    rules: [],
    lines: head,
    table: { columnWidths: widths, top: row * LINE_PITCH, rows: [headerRow] },
  };
  let used = row * LINE_PITCH + headerHeight;
  const next = () => {
    pages.push(current);
    current = { number: current.number + 1, numbered: true, part: 'ledger', orientation: 'landscape', rules: [], lines: [], table: { columnWidths: widths, top: 0, rows: [headerRow] } };
    used = headerHeight;
  };
  for (const tr of appendix.table.rows) {
    let lines = 1;
    tr.cells.forEach((cell, i) => {
      if (cell && cell.rowSpan === 1) lines = Math.max(lines, cellLines(cell.text, widths[i]!, size));
    });
    let height = lines * cellLine + CELL_PADDING_V;
    const cells = tr.cells.flatMap((cell, column) => (cell ? [{ text: cell.text, rowSpan: cell.rowSpan, column }] : []));
    if (used + height > LANDSCAPE_TEXT_HEIGHT) {
      if (lines <= maxWholeLines) next();
      else {
        // A tall row splits: what fits stays, the rest continues under the repeated header.
        const fit = Math.max(0, Math.floor((LANDSCAPE_TEXT_HEIGHT - used - CELL_PADDING_V) / cellLine));
        if (fit > 0) {
          current.table!.rows.push({ header: false, height: fit * cellLine + CELL_PADDING_V, cells });
          height = (lines - fit) * cellLine + CELL_PADDING_V;
        }
        next();
      }
    }
    current.table!.rows.push({ header: false, height, cells });
    used += height;
  }
  pages.push(current);
  return pages;
}

/**
 * Every page of the issued document: 版头 and 印发通知, the plan, the ledger, then the 版记 page (after
 * a blank page when 双面印刷 needs the 版记 on an even page). The .docx writer asks the same question
 * (`needsBlankBeforeColophon`) so the file and the preview agree.
 */
export function paginateIssued(layout: IssuedLayout, settings: ExportSettings): PreviewPage[] {
  const pages = paginateBlocks(layout.blocks, { firstPageOffset: layout.letterhead?.height ?? 0, planStart: layout.planStart });
  if (layout.letterhead) {
    const head = letterheadLines(layout.letterhead);
    pages[0]!.lines.unshift(...head.lines);
    pages[0]!.rules.push(...head.rules);
  }
  if (layout.appendix) pages.push(...paginateLedger(layout.appendix, pages.length + 1));
  if (layout.colophon) {
    if (needsBlankBeforeColophon(pages.length, settings)) {
      pages.push({ number: pages.length + 1, numbered: false, part: 'blank', orientation: 'portrait', rules: [], lines: [], table: null });
    }
    pages.push(colophonPage(layout.colophon, pages.length + 1));
  }
  return pages;
}

/** 双面印刷: the 版记 goes on the back of the last sheet, so a blank page comes first when the pages before it are even. */
export function needsBlankBeforeColophon(pagesBefore: number, settings: Pick<ExportSettings, 'duplex'>): boolean {
  return settings.duplex && pagesBefore % 2 === 0;
}

export function buildPreview(doc: PlanDocument, settings: ExportSettings, options: IssueOptions = {}): Preview {
  const layout = buildIssuedLayout(doc, settings, options);
  const pages = paginateIssued(layout, settings);
  const faces = FONT_PROFILES_BY_ID[settings.fontProfile].faces;
  return {
    pages,
    geometry: {
      pageWidth: PAGE_W,
      pageHeight: PAGE_H,
      marginTop: MARGIN_TOP,
      marginLeft: MARGIN_LEFT,
      marginRight: MARGIN_RIGHT,
      marginBottom: MARGIN_BOTTOM,
      linePitch: LINE_PITCH,
      rowsPerPage: ROWS_PER_PAGE,
      charsPerLine: CHARS_PER_LINE,
    },
    fonts: { ...faces },
    warnings: layout.warnings,
  };
}
