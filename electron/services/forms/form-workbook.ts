import ExcelJS from 'exceljs';
import { FORM_KIND_LABELS, type FormKind } from '../../../shared/api/forms.ts';
import { MEASURE_STATUSES, STATUS_LABELS } from '../../../shared/domain/status.ts';
import { chineseDate } from '../../../shared/progress/dates.ts';
import { planShortName } from '../../../shared/forms/names.ts';
import { landscapePrint, wrappedLines } from '../progress/ledger-xlsx.ts';
import {
  INFO_FORMAT,
  INFO_MARKER,
  INFO_ROWS_MARKER,
  INFO_SHEET_NAME,
  PROGRESS_COLUMNS,
  PROPOSAL_COLUMNS,
  PROPOSAL_DATE_LABEL,
  PROPOSAL_REPORTER_LABEL,
  PROPOSAL_ROWS_PER_PROBLEM,
  type FormColumn,
} from './form-columns.ts';
import { keyCellsHash, progressKeyHash, type ProgressFormRow, type ProposalTarget } from './form-rows.ts';

/**
 * One department's form as an Excel workbook that prints as a clean A4 landscape table and survives a
 * round trip through Excel, WPS and LibreOffice: title, issue details and instructions on top, a
 * repeated header, the plan's cells locked (sheet protection without a password, so every program
 * opens and saves it), the columns to fill tinted and unlocked, a dropdown of the statuses, and a hidden
 * sheet naming the plan, the form and each row's measure and version.
 */

export interface FormIdentity {
  formId: string;
  kind: FormKind;
  planId: string;
  planTitle: string;
  department: string;
  /** local date printed on the form */
  issuedOn: string;
  /** the instant of issue */
  issuedAt: string;
  dueOn: string;
}

const FONT = '宋体';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const DATE_FORMAT = 'yyyy"年"m"月"d"日"';
/** The statuses a department may choose: 销号 is the office's decision after review, so it is not offered. */
export const REPORTABLE_STATUSES = MEASURE_STATUSES.filter((s) => s !== 'closed').map((s) => STATUS_LABELS[s]);

const HEADER_ROW = 4;
const FIRST_DATA_ROW = HEADER_ROW + 1;

function newSheet(wb: ExcelJS.Workbook, name: string, columns: readonly FormColumn[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, activeCell: `A${FIRST_DATA_ROW}` }],
    ...landscapePrint(`${HEADER_ROW}:${HEADER_ROW}`),
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden === true }));
  return ws;
}

function visibleCount(columns: readonly FormColumn[]): number {
  return columns.filter((c) => !c.hidden).length;
}

/** Title, the form's details and the instructions above the table; the header row itself. */
function writeHead(ws: ExcelJS.Worksheet, columns: readonly FormColumn[], title: string, details: string, instructions: string): void {
  const span = visibleCount(columns);
  const merged = (row: number, text: string, font: Partial<ExcelJS.Font>, height: number, align: Partial<ExcelJS.Alignment>): void => {
    ws.getCell(row, 1).value = text;
    ws.mergeCells(row, 1, row, span);
    ws.getCell(row, 1).font = { name: FONT, ...font };
    ws.getCell(row, 1).alignment = { vertical: 'middle', wrapText: true, ...align };
    ws.getRow(row).height = height;
  };
  merged(1, title, { size: 16, bold: true }, 30, { horizontal: 'center' });
  merged(2, details, { size: 11 }, 20, { horizontal: 'left' });
  const width = columns.filter((c) => !c.hidden).reduce((a, c) => a + c.width, 0);
  merged(3, instructions, { size: 10.5 }, Math.min(409, wrappedLines(instructions, width - 4) * 14 + 8), { horizontal: 'left' });
  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = c.input ? { ...INPUT_FILL } : { ...HEADER_FILL };
    cell.border = BORDER;
  });
  header.height = 24;
}

/** One table row: the plan's cells locked, the department's unlocked and tinted; tall enough for its text. */
function writeRow(ws: ExcelJS.Worksheet, rowNo: number, columns: readonly FormColumn[], values: Record<string, string>, minLines = 1): void {
  const row = ws.getRow(rowNo);
  let lines = minLines;
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    const v = values[c.key] ?? '';
    if (v !== '') cell.value = v;
    cell.font = { name: FONT, size: 10.5 };
    cell.alignment = { horizontal: c.key === 'path' || c.key === 'current' ? 'center' : 'left', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    if (c.input) {
      cell.protection = { locked: false };
      cell.fill = { ...INPUT_FILL };
      if (c.date) cell.numFmt = DATE_FORMAT;
    }
    if (!c.hidden) lines = Math.max(lines, wrappedLines(v, c.width - 1));
  });
  row.height = Math.min(409, lines * 14 + 6);
}

function protect(ws: ExcelJS.Worksheet, allowInsertRows: boolean): Promise<void> {
  // No password: WPS and Excel both open and save it, and a secretary can lift it if she must.
  return ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatRows: true, formatColumns: true, insertRows: allowInsertRows });
}

/** The hidden sheet: key/value pairs, then one line per row (what the reader matches rows by). */
async function writeInfo(wb: ExcelJS.Workbook, form: FormIdentity, rows: readonly (readonly string[])[], rowHeader: readonly string[]): Promise<void> {
  const ws = wb.addWorksheet(INFO_SHEET_NAME, { state: 'hidden' });
  ws.addRow([INFO_MARKER, INFO_FORMAT, '整改方案工作台填报表信息，请勿修改']);
  const pairs: [string, string, string][] = [
    ['planId', form.planId, '方案标识'],
    ['planTitle', form.planTitle, '方案标题'],
    ['formId', form.formId, '填报表标识'],
    ['kind', form.kind, '填报表类型'],
    ['department', form.department, '责任部门'],
    ['issuedOn', form.issuedOn, '下发日期'],
    ['issuedAt', form.issuedAt, '下发时间'],
    ['dueOn', form.dueOn, '报送截止日期'],
  ];
  for (const p of pairs) ws.addRow(p);
  ws.addRow([INFO_ROWS_MARKER, ...rowHeader]);
  for (const r of rows) ws.addRow([...r]);
  ws.columns.forEach((c) => (c.width = 24));
  await protect(ws, false);
}

function details(form: FormIdentity): string {
  const gap = '\u3000\u3000';
  return `责任部门：${form.department}${gap}下发日期：${chineseDate(form.issuedOn)}${gap}报送截止日期：${chineseDate(form.dueOn)}${gap}方案：${form.planTitle}`;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A new form: its sheet (named for the kind of form), title, details and instructions (given the due date as written). */
function startForm(form: FormIdentity, columns: readonly FormColumn[], instructions: (due: string) => string[]): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = '整改方案工作台';
  wb.created = new Date();
  const label = FORM_KIND_LABELS[form.kind];
  const ws = newSheet(wb, label, columns);
  writeHead(ws, columns, `${planShortName(form.planTitle)}${label}`, details(form), instructions(chineseDate(form.dueOn)).join('\n'));
  return { wb, ws };
}

function progressCells(r: ProgressFormRow): Record<string, string> {
  return { id: r.id, version: r.version, path: r.path, problem: r.problem, measure: r.measure, leader: r.leader, deadline: r.deadline, current: r.current };
}

export async function progressFormXlsx(form: FormIdentity, rows: readonly ProgressFormRow[]): Promise<Buffer> {
  const { wb, ws } = startForm(form, PROGRESS_COLUMNS, (due) => [
    '填报说明：1.请在浅黄色的列中填写本期进展、状态、完成时间、佐证材料清单、填报人和填报日期；其他各列为方案内容，已锁定，请勿改动。',
    `2.“状态”请从下拉列表中选择（${REPORTABLE_STATUSES.join('、')}）；销号须经审核，需要销号的请选“申请销号”。`,
    '3.已完成的措施请填写完成时间，并在佐证材料清单中列出会议纪要、制度文件等材料的名称。',
    `4.请勿增删行、调整行序或改动表格结构。填好后保存为 .xlsx 文件（Excel 或 WPS 均可），于${due}前报送。`,
  ]);
  rows.forEach((r, i) => writeRow(ws, FIRST_DATA_ROW + i, PROGRESS_COLUMNS, progressCells(r)));
  if (rows.length > 0) {
    const statusCol = PROGRESS_COLUMNS.findIndex((c) => c.key === 'status') + 1;
    const letter = ws.getColumn(statusCol).letter;
    // exceljs has range validations (one sqref) but leaves them out of its typings.
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}${FIRST_DATA_ROW}:${letter}${FIRST_DATA_ROW + rows.length - 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${REPORTABLE_STATUSES.join(',')}"`],
      showInputMessage: true,
      promptTitle: '状态',
      prompt: '请从下拉列表中选择',
      // A warning, not a stop: a status typed in other words (已整改到位) is still read on return.
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '状态',
      error: `请从下拉列表中选择：${REPORTABLE_STATUSES.join('、')}`,
    });
  }
  await protect(ws, false);
  await writeInfo(
    wb,
    form,
    rows.map((r) => [r.id, r.version, r.path, progressKeyHash(progressCells(r))]),
    ['措施标识', '版本', '编号', '校验'],
  );
  return toBuffer(wb);
}

export async function proposalFormXlsx(form: FormIdentity, targets: readonly ProposalTarget[]): Promise<Buffer> {
  const { wb, ws } = startForm(form, PROPOSAL_COLUMNS, (due) => [
    '填报说明：1.请针对每个问题，在其下方浅黄色的行中逐条填写整改措施（一行一条），以及责任领导和完成时限（如“2026年6月底前”“立行立改”“长期坚持”）。',
    '2.行数不够时，可在该问题的行下方插入新行；不需要的空行留空即可。问题编号和问题内容已锁定，请勿改动。',
    `3.请在表格下方填写填报人和填报日期。填好后保存为 .xlsx 文件（Excel 或 WPS 均可），于${due}前报送。`,
  ]);
  let rowNo = FIRST_DATA_ROW;
  for (const t of targets) {
    for (let k = 0; k < PROPOSAL_ROWS_PER_PROBLEM; k++) {
      // The problem is printed on its first row; every row carries its id in the hidden column.
      writeRow(ws, rowNo++, PROPOSAL_COLUMNS, k === 0 ? { path: t.path, problem: t.text, id: t.key } : { id: t.key }, 2);
    }
  }
  // 填报人 / 填报日期 below the table, unlocked.
  const signRow = ws.getRow(rowNo + 1);
  const labelCell = (col: number, text: string): void => {
    signRow.getCell(col).value = text;
    signRow.getCell(col).font = { name: FONT, size: 11 };
    signRow.getCell(col).alignment = { horizontal: 'right', vertical: 'middle' };
  };
  const inputCell = (col: number, date: boolean): void => {
    const cell = signRow.getCell(col);
    cell.protection = { locked: false };
    cell.fill = { ...INPUT_FILL };
    cell.border = BORDER;
    cell.font = { name: FONT, size: 11 };
    if (date) cell.numFmt = DATE_FORMAT;
  };
  labelCell(2, PROPOSAL_REPORTER_LABEL);
  inputCell(3, false);
  labelCell(4, PROPOSAL_DATE_LABEL);
  inputCell(5, true);
  signRow.height = 22;
  await protect(ws, true);
  await writeInfo(
    wb,
    form,
    targets.map((t) => [t.key, t.path, keyCellsHash({ path: t.path, problem: t.text }, ['path', 'problem'])]),
    ['问题标识', '问题编号', '校验'],
  );
  return toBuffer(wb);
}
