// The cells of a returned .xlsx, read from its XML through the one bounded zip reader: every file as
// Excel, WPS and LibreOffice save it — shared strings or inline strings, rich-text runs, phonetic guides,
// dates as serial numbers, cells and rows written with or without their references. Nothing but the
// workbook, its relationships, the shared strings and the worksheets is inflated.
import { AppError } from '../../../shared/errors.ts';
import type { CellValue } from '../../../shared/forms/cell-values.ts';
import { readZipEntries, type ZipLimits } from '../files/bounded-zip.ts';
import { BadCharacterReference, decodeEntities } from '../import/docx.ts';

const MB = 1024 * 1024;

/** A department's form holds a few hundred rows: these limits are far above any real one. */
export const XLSX_ZIP_LIMITS: Partial<ZipLimits> = { maxEntries: 2_000, maxTotalBytes: 100 * MB, maxEntryBytes: 50 * MB };
export const MAX_FORM_FILE_BYTES = 50 * MB;
const MAX_ROWS = 100_000;
const MAX_COLUMNS = 200;

export interface SheetCells {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** row number (1-based) → column number (1-based) → value */
  rows: Map<number, Map<number, CellValue>>;
}

export interface WorkbookCells {
  sheets: SheetCells[];
  /** dates count from 1904 (old Mac workbooks) */
  date1904: boolean;
}

const ADVICE = {
  tooLarge: '文件可能已损坏，或是被特意构造的异常文件。请用 Excel 或 WPS 打开后另存为新的 .xlsx 再回收',
  corrupt: '请用 Excel 或 WPS 打开（必要时使用“打开并修复”）后另存为新的 .xlsx 再回收',
};

function corrupt(fileName: string): AppError {
  return new AppError('corrupt_file', `“${fileName}”已损坏或不完整，无法读取。${ADVICE.corrupt}`);
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? '') : null;
}

/** Excel writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
function decodeExcelEscapes(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of a shared string or an inline string: its <t> runs, without phonetic guides (<rPh>). */
function runText(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += decodeExcelEscapes(decodeEntities(m[1] ?? ''));
  return out;
}

function columnNumber(ref: string): number | null {
  const m = /^([A-Za-z]{1,3})\d*$/.exec(ref);
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseSheet(xml: string, shared: readonly string[], fileName: string): Map<number, Map<number, CellValue>> {
  const rows = new Map<number, Map<number, CellValue>>();
  const data = /<sheetData\b[^>]*>([\s\S]*)<\/sheetData>/.exec(xml)?.[1] ?? '';
  let rowNo = 0;
  for (const rm of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(rm[1] ?? '', 'r'));
    rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
    if (rowNo > MAX_ROWS) throw new AppError('too_large', `“${fileName}”的行数超过 ${MAX_ROWS} 行，不是填报表。${ADVICE.tooLarge}`);
    const cells = new Map<number, CellValue>();
    let col = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = cm[1] ?? '';
      const ref = attr(a, 'r');
      const c = ref ? columnNumber(ref) : null;
      col = c ?? col + 1;
      if (col > MAX_COLUMNS) continue;
      const inner = cm[2] ?? '';
      const type = attr(a, 't') ?? 'n';
      const raw = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value: CellValue = null;
      if (type === 'inlineStr') {
        const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1];
        value = is !== undefined ? runText(is) : null;
      } else if (raw !== undefined) {
        const v = decodeEntities(raw);
        if (type === 's') value = shared[Number(v)] ?? null;
        else if (type === 'str' || type === 'd') value = decodeExcelEscapes(v);
        else if (type === 'b') value = v.trim() === '1' || v.trim() === 'true';
        else if (type === 'e') value = null;
        else {
          const n = Number(v);
          value = Number.isFinite(n) ? n : v;
        }
      }
      if (value !== null && value !== '') cells.set(col, value);
    }
    if (cells.size > 0) rows.set(rowNo, cells);
  }
  return rows;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/** The first bytes of an old binary Office file (.xls, .et): an OLE compound document. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Every sheet's cells. Rejects a file that is not an .xlsx (an old .xls/.et, a Word file, anything else)
 * with unsupported_file, a damaged one with corrupt_file, one beyond the limits with too_large.
 */
export async function readXlsxCells(bytes: Buffer, fileName: string): Promise<WorkbookCells> {
  if (bytes.length > MAX_FORM_FILE_BYTES) {
    throw new AppError('too_large', `“${fileName}”超过 ${MAX_FORM_FILE_BYTES / MB} MB，不是填报表。${ADVICE.tooLarge}`);
  }
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    throw new AppError('unsupported_file', `“${fileName}”是旧版 Excel（.xls）或 WPS 表格（.et）格式，请用 Excel 或 WPS 打开后“另存为” .xlsx 再回收`);
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError('unsupported_file', `“${fileName}”不是 Excel 工作簿（.xlsx），无法作为填报表读取`);
  }
  const entries = await readZipEntries(bytes, (name) => /^xl\/.*\.(xml|rels)$/i.test(name) && !/^xl\/(media|drawings|charts|printerSettings|theme)\//i.test(name), {
    fileName,
    limits: XLSX_ZIP_LIMITS,
    advice: ADVICE,
  });
  const text = (name: string) => entries.get(name)?.toString('utf8');
  const workbook = text('xl/workbook.xml');
  if (!workbook) {
    if (bytes.includes('word/document.xml')) throw new AppError('unsupported_file', `“${fileName}”是 Word 文档，不是填报表（.xlsx）`);
    // A zip, but no Office document at all (a .rectify package, an archive): not a damaged workbook.
    if (!bytes.includes('[Content_Types].xml')) throw new AppError('unsupported_file', `“${fileName}”不是 Excel 工作簿（.xlsx），无法作为填报表读取`);
    throw corrupt(fileName);
  }
  try {
    const rels = new Map<string, string>();
    for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
      const id = attr(m[1] ?? '', 'Id');
      const target = attr(m[1] ?? '', 'Target');
      if (id && target) rels.set(id, resolveTarget(target));
    }
    const shared: string[] = [];
    for (const m of (text('xl/sharedStrings.xml') ?? '').matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g)) shared.push(runText(m[1] ?? ''));
    const pr = /<workbookPr\b([^>]*)\/?>/.exec(workbook)?.[1] ?? '';
    const date1904 = ['1', 'true'].includes(attr(pr, 'date1904') ?? '');
    const sheets: SheetCells[] = [];
    for (const m of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
      const a = m[1] ?? '';
      const rid = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(a)?.[1] ?? null;
      const target = rid ? rels.get(rid) : undefined;
      const xml = target ? text(target) : undefined;
      if (xml === undefined) continue;
      const state = attr(a, 'state');
      sheets.push({
        name: attr(a, 'name') ?? '',
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        rows: parseSheet(xml, shared, fileName),
      });
    }
    if (sheets.length === 0) throw corrupt(fileName);
    return { sheets, date1904 };
  } catch (err) {
    if (err instanceof BadCharacterReference) throw corrupt(fileName);
    throw err;
  }
}
