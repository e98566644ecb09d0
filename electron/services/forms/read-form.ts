import { AppError } from '../../../shared/errors.ts';
import type { FormKind } from '../../../shared/api/forms.ts';
import { FORM_KINDS } from '../../../shared/api/forms.ts';
import { cellText, type CellValue } from '../../../shared/forms/cell-values.ts';
import {
  INFO_MARKER,
  INFO_ROWS_MARKER,
  PROGRESS_COLUMNS,
  PROGRESS_INPUT_COLUMNS,
  PROGRESS_KEY_COLUMNS,
  PROPOSAL_COLUMNS,
  PROPOSAL_DATE_LABEL,
  PROPOSAL_INPUT_COLUMNS,
  PROPOSAL_REPORTER_LABEL,
  type FormColumn,
} from './form-columns.ts';
import { readXlsxCells, type SheetCells } from './xlsx-cells.ts';

/**
 * A returned form as data: what its hidden sheet says (plan, form, department, each row's measure and
 * version) and the rows the department filled in, found by their header text and matched to measures
 * by the hidden id column — or, in a copy that lost it, by 编号 — so re-sorted rows still match.
 */

export interface FormInfo {
  planId: string;
  planTitle: string;
  formId: string;
  kind: FormKind;
  department: string;
  issuedOn: string | null;
  issuedAt: string | null;
  dueOn: string | null;
}

export interface FormRow {
  /** the sheet's row number, for messages */
  rowNo: number;
  /** measure id (progress) or problem key (proposals); null when the row cannot be matched */
  id: string | null;
  /** cell values by column key */
  values: Record<string, CellValue>;
}

export interface ParsedForm {
  file: string;
  kind: FormKind;
  info: FormInfo | null;
  /** hidden sheet rows by id: progress [version, path, check], proposals [path, check] */
  issuedRows: Map<string, string[]>;
  rows: FormRow[];
  date1904: boolean;
  /** 征求措施表: who filled it in and when (below the table) */
  reporter: CellValue;
  reportedOn: CellValue;
}

const text = (v: CellValue | undefined): string => cellText(v ?? null);
const bare = (v: CellValue | undefined): string => text(v).replace(/\s+/g, '');

function readInfo(sheet: SheetCells): { info: FormInfo | null; issuedRows: Map<string, string[]> } {
  const pairs = new Map<string, string>();
  const issuedRows = new Map<string, string[]>();
  const rowNos = [...sheet.rows.keys()].sort((a, b) => a - b);
  let inRows = false;
  for (const r of rowNos) {
    if (r === 1) continue;
    const cells = sheet.rows.get(r)!;
    const a = text(cells.get(1));
    if (!inRows) {
      if (a === INFO_ROWS_MARKER) inRows = true;
      else if (a !== '') pairs.set(a, text(cells.get(2)));
      continue;
    }
    if (a !== '') issuedRows.set(a, [text(cells.get(2)), text(cells.get(3)), text(cells.get(4))]);
  }
  const kind = pairs.get('kind') as FormKind | undefined;
  const planId = pairs.get('planId');
  const formId = pairs.get('formId');
  if (!planId || !formId || !kind || !FORM_KINDS.includes(kind)) return { info: null, issuedRows };
  const date = (key: string): string | null => (/^\d{4}-\d{2}-\d{2}$/.test(pairs.get(key) ?? '') ? pairs.get(key)! : null);
  return {
    info: {
      planId,
      planTitle: pairs.get('planTitle') ?? '',
      formId,
      kind,
      department: pairs.get('department') ?? '',
      issuedOn: date('issuedOn'),
      issuedAt: pairs.get('issuedAt') || null,
      dueOn: date('dueOn'),
    },
    issuedRows,
  };
}

/** The header row of a form's table and the column of each known label in it. */
function findHeader(sheet: SheetCells, columns: readonly FormColumn[], required: readonly string[]): { row: number; at: Map<string, number> } | null {
  const rowNos = [...sheet.rows.keys()].sort((a, b) => a - b).slice(0, 30);
  for (const r of rowNos) {
    const at = new Map<string, number>();
    for (const [col, value] of sheet.rows.get(r)!) {
      const label = bare(value);
      const column = columns.find((c) => c.label === label);
      if (column && !at.has(column.key)) at.set(column.key, col);
    }
    if (required.every((k) => at.has(k))) return { row: r, at };
  }
  return null;
}

function labelledValue(sheet: SheetCells, label: string): CellValue {
  for (const cells of sheet.rows.values()) {
    for (const [col, value] of cells) {
      if (bare(value) !== label.replace(/\s+/g, '')) continue;
      for (let c = col + 1; c <= col + 4; c++) {
        const v = cells.get(c);
        if (v !== undefined && text(v) !== '') return v;
      }
    }
  }
  return null;
}

export async function readForm(bytes: Buffer, file: string): Promise<ParsedForm> {
  const workbook = await readXlsxCells(bytes, file);
  const infoSheet = workbook.sheets.find((s) => text(s.rows.get(1)?.get(1)) === INFO_MARKER);
  const { info, issuedRows } = infoSheet ? readInfo(infoSheet) : { info: null, issuedRows: new Map<string, string[]>() };
  const candidates = workbook.sheets.filter((s) => s !== infoSheet);
  let found: { sheet: SheetCells; kind: FormKind; row: number; at: Map<string, number> } | null = null;
  for (const sheet of candidates) {
    for (const kind of info ? [info.kind] : FORM_KINDS) {
      const header =
        kind === 'progress' ? findHeader(sheet, PROGRESS_COLUMNS, ['path', 'progress', 'status']) : findHeader(sheet, PROPOSAL_COLUMNS, ['path', 'problem', 'measure']);
      if (header) {
        found = { sheet, kind, ...header };
        break;
      }
    }
    if (found) break;
  }
  if (!found) {
    throw new AppError('unsupported_file', `“${file}”不是整改方案工作台下发的填报表（找不到“编号”“本期进展”“状态”或“问题编号”“整改措施”等表头）`);
  }
  const { sheet, kind, row: headerRow, at } = found;
  const columns = kind === 'progress' ? PROGRESS_COLUMNS : PROPOSAL_COLUMNS;
  const idKey = 'id';
  const byPath = new Map<string, string>();
  for (const [id, r] of issuedRows) {
    const p = kind === 'progress' ? r[1] : r[0];
    if (p) byPath.set(p.replace(/\s+/g, ''), id);
  }
  const rows: FormRow[] = [];
  let current: string | null = null;
  for (const rowNo of [...sheet.rows.keys()].filter((r) => r > headerRow).sort((a, b) => a - b)) {
    const cells = sheet.rows.get(rowNo)!;
    const values: Record<string, CellValue> = {};
    for (const c of columns) {
      const col = at.get(c.key);
      if (col !== undefined) values[c.key] = cells.get(col) ?? null;
    }
    // The 征求措施表's 填报人 line below the table is not a row.
    if ([...cells.values()].some((v) => bare(v) === PROPOSAL_REPORTER_LABEL.replace(/\s+/g, '') || bare(v) === PROPOSAL_DATE_LABEL.replace(/\s+/g, ''))) continue;
    const hiddenId = text(values[idKey]);
    const byItsPath = byPath.get(bare(values.path)) ?? null;
    let id: string | null = hiddenId !== '' ? hiddenId : byItsPath;
    if (kind === 'proposals') {
      // A row the department inserted under a problem belongs to the problem above it.
      if (id !== null) current = id;
      else id = current;
    }
    const inputs = kind === 'progress' ? PROGRESS_INPUT_COLUMNS : PROPOSAL_INPUT_COLUMNS;
    const keys = kind === 'progress' ? PROGRESS_KEY_COLUMNS : [];
    const filled = inputs.some((k) => text(values[k]) !== '');
    const anything = filled || keys.some((k) => text(values[k]) !== '');
    if (!anything) continue;
    rows.push({ rowNo, id, values });
  }
  return {
    file,
    kind,
    info,
    issuedRows,
    rows,
    date1904: workbook.date1904,
    reporter: kind === 'proposals' ? labelledValue(sheet, PROPOSAL_REPORTER_LABEL) : null,
    reportedOn: kind === 'proposals' ? labelledValue(sheet, PROPOSAL_DATE_LABEL) : null,
  };
}
