import type { LedgerAppendix } from './blocks.ts';
import { LANDSCAPE_TEXT_HEIGHT, LANDSCAPE_TEXT_WIDTH } from './metrics.ts';

/**
 * The 台账 table as WordprocessingML, written directly. A 432-measure ledger has thousands of cells;
 * building them as `docx` objects cost over 100 ms, so the writer leaves a placeholder paragraph and
 * the packer puts this XML in its place (see docx-writer.ts). Cell text uses the ledger paragraph
 * styles, so the table carries no run formatting of its own.
 */

export const CELL_MARGIN = 85; // 0.15 cm
const CELL_MARGIN_V = 40;

/** Column widths in twips from the columns' weights, summing exactly to the table width. */
export function columnWidths(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  const rest = total - widths.reduce((a, b) => a + b, 0);
  if (widths.length > 0) widths[widths.length - 1]! += rest;
  return widths;
}

export function ledgerLinePitch(fontSize: number): number {
  return fontSize === 24 ? 400 : 440; // exact 20/22 pt inside cells
}

/** Text lines a cell needs, for deciding whether a row may split across pages. */
export function estimateCellLines(text: string, widthTwips: number, halfPoints: number): number {
  const perLine = Math.max(1, Math.floor((widthTwips - 2 * CELL_MARGIN) / (halfPoints * 10)));
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil([...part].length / perLine)), 0);
}

/** A row taller than about a third of the page may split; shorter ones stay whole (cantSplit). */
export function maxWholeRowLines(fontSize: number): number {
  return Math.floor(LANDSCAPE_TEXT_HEIGHT / ledgerLinePitch(fontSize) / 3);
}

const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXmlText(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cellParagraphs(text: string, style: 'LedgerCell' | 'LedgerHeader', jc: 'center' | 'left' | null): string {
  const pPr = `<w:pPr><w:pStyle w:val="${style}"/>${jc ? `<w:jc w:val="${jc}"/>` : ''}</w:pPr>`;
  return (text === '' ? [''] : text.split('\n'))
    .map((line) => (line === '' ? `<w:p>${pPr}</w:p>` : `<w:p>${pPr}<w:r><w:t xml:space="preserve">${escapeXmlText(line)}</w:t></w:r></w:p>`))
    .join('');
}

export function ledgerTableXml(appendix: LedgerAppendix): string {
  const { table, fontSize } = appendix;
  const widths = columnWidths(
    table.columns.map((c) => c.weight),
    LANDSCAPE_TEXT_WIDTH,
  );
  const border = (side: string) => `<w:${side} w:val="single" w:color="000000" w:sz="4" w:space="0"/>`;
  const out: string[] = [];
  out.push(
    '<w:tbl><w:tblPr>',
    `<w:tblW w:type="dxa" w:w="${LANDSCAPE_TEXT_WIDTH}"/>`,
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>`,
    '<w:tblLayout w:type="fixed"/>',
    `<w:tblCellMar><w:top w:w="${CELL_MARGIN_V}" w:type="dxa"/><w:left w:w="${CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="${CELL_MARGIN_V}" w:type="dxa"/><w:right w:w="${CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>`,
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>',
    '</w:tblPr><w:tblGrid>',
    widths.map((w) => `<w:gridCol w:w="${w}"/>`).join(''),
    '</w:tblGrid>',
  );
  const tcPr = (i: number, merge: '' | 'restart' | 'continue') =>
    `<w:tcPr><w:tcW w:type="dxa" w:w="${widths[i]}"/>${merge === 'restart' ? '<w:vMerge w:val="restart"/>' : merge === 'continue' ? '<w:vMerge/>' : ''}<w:vAlign w:val="center"/></w:tcPr>`;
  // The header row repeats at the top of every page (tblHeader).
  out.push('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>');
  table.header.forEach((label, i) => out.push(`<w:tc>${tcPr(i, '')}${cellParagraphs(label, 'LedgerHeader', null)}</w:tc>`));
  out.push('</w:tr>');
  const maxWhole = maxWholeRowLines(fontSize);
  for (const tr of table.rows) {
    let lines = 1;
    const cells: string[] = [];
    tr.cells.forEach((cell, i) => {
      if (!cell) {
        // Covered by a problem cell merged from the rows above.
        cells.push(`<w:tc>${tcPr(i, 'continue')}<w:p><w:pPr><w:pStyle w:val="LedgerCell"/></w:pPr></w:p></w:tc>`);
        return;
      }
      const column = table.columns[i]!;
      if (cell.rowSpan === 1) lines = Math.max(lines, estimateCellLines(cell.text, widths[i]!, fontSize));
      // Narrow columns (names, units) flush left: justifying a 4-character line spreads it apart.
      const jc = column.align === 'center' ? 'center' : widths[i]! >= 2000 ? null : 'left';
      cells.push(`<w:tc>${tcPr(i, cell.rowSpan > 1 ? 'restart' : '')}${cellParagraphs(cell.text, 'LedgerCell', jc)}</w:tc>`);
    });
    out.push(`<w:tr>${lines <= maxWhole ? '<w:trPr><w:cantSplit/></w:trPr>' : ''}${cells.join('')}</w:tr>`);
  }
  out.push('</w:tbl>');
  // Word and LibreOffice always keep a paragraph after a table at the end of a section; make it 1 pt
  // high so a table that fills its last page never pushes an empty page out.
  out.push('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>');
  return out.join('');
}
