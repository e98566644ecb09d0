import ExcelJS from 'exceljs';
import type { StoredNode } from '../../../shared/api/plans.ts';
import type { LedgerTable } from '../../../shared/ledger/index.ts';
import type { Ledger } from '../../../shared/api/progress.ts';
import { countsSentence } from '../../../shared/progress/report-text.ts';

/**
 * The 整改台账 as an Excel workbook a secretary can print as is: title row, styled header frozen and
 * repeated on every printed page, wrapped cells with borders, problem cells merged over their
 * measures, landscape A4 fitted to the page width, and a closing row with the same counts the report
 * prints.
 */

/** Total character width of the columns: fills a landscape A4 page at 10.5 pt. */
const TOTAL_WIDTH = 150;
const FONT = '宋体';

export async function ledgerXlsx(ledger: Ledger, table: LedgerTable<StoredNode>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '整改方案工作台';
  wb.created = new Date();
  const ws = wb.addWorksheet('整改台账', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, activeCell: 'A3' }],
    ...landscapePrint('2:2'),
  });
  const weights = table.columns.map((c) => c.weight);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  ws.columns = table.columns.map((c) => ({ key: c.id, width: Math.max(5, Math.round((c.weight / sum) * TOTAL_WIDTH * 10) / 10) }));
  const n = table.columns.length;
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };

  const titleRow = ws.addRow([ledger.title]);
  ws.mergeCells(1, 1, 1, n);
  titleRow.height = 32;
  titleRow.getCell(1).font = { name: FONT, size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const header = ws.addRow(table.header);
  header.height = 24;
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = border;
  });

  const first = 3;
  table.rows.forEach((tr) => {
    const row = ws.addRow(tr.cells.map((c) => c?.text ?? ''));
    table.columns.forEach((col, ci) => {
      const cell = row.getCell(ci + 1);
      cell.font = { name: FONT, size: 10.5 };
      cell.alignment = { horizontal: col.align === 'center' ? 'center' : 'left', vertical: 'middle', wrapText: true };
      cell.border = border;
    });
    if (table.columns[0]?.id === 'index') row.getCell(1).value = tr.row.serial;
    // Excel does not grow rows for wrapped text it did not type itself: size each row for its text.
    let lines = 1;
    tr.cells.forEach((cell, ci) => {
      if (!cell || cell.rowSpan > 1) return;
      const width = (ws.getColumn(ci + 1).width ?? 10) - 1;
      lines = Math.max(lines, wrappedLines(cell.text, width));
    });
    row.height = Math.min(409, lines * 14 + 6);
  });
  // Merge problem cells after all rows exist (rowSpan counts rows below).
  table.rows.forEach((tr, ri) => {
    tr.cells.forEach((cell, ci) => {
      if (cell && cell.rowSpan > 1) ws.mergeCells(first + ri, ci + 1, first + ri + cell.rowSpan - 1, ci + 1);
    });
  });

  const summary = ws.addRow([countsSentence(ledger.counts)]);
  ws.mergeCells(summary.number, 1, summary.number, n);
  summary.getCell(1).font = { name: FONT, size: 10.5 };
  summary.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** A4 landscape, fitted to the page width, the header row(s) repeated on every page, numbered pages. */
export function landscapePrint(printTitlesRow: string): Pick<Partial<ExcelJS.AddWorksheetOptions>, 'pageSetup' | 'headerFooter'> {
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  };
}

/** Lines a text needs in a column `width` characters wide (a CJK character is two). */
export function wrappedLines(text: string, width: number): number {
  let total = 0;
  for (const para of text.split('\n')) {
    let w = 0;
    for (const ch of para) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
    total += Math.max(1, Math.ceil(w / Math.max(1, width)));
  }
  return total;
}
