// .docx → lines in document order, tables as rows of cells, and Word auto-numbering (w:numPr + numbering.xml,
// also through paragraph styles) turned back into the visible markers 一、（一）1.… — many real plans number
// their headings that way and mammoth's output drops the numbers.
import { AppError } from '../../../shared/errors.ts';
import { chineseNumeral } from '../../../shared/numbering.ts';
import type { SourceLine } from '../../../shared/importer/types.ts';
import { readZipEntries } from '../files/bounded-zip.ts';
import { DOCX_ZIP_LIMITS, IMPORT_LIMITS, tooLarge } from './limits.ts';

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  isLgl: boolean;
}

interface Numbering {
  abstract: Map<string, Map<number, Level>>;
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
}

interface StyleNum {
  numId: string | null;
  ilvl: number | null;
  basedOn: string | null;
}

const TAG = /<(\/?)([A-Za-z][\w.-]*:?[\w.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name.replace(':', '\\:')}="([^"]*)"`).exec(attrs);
  return m ? m[1]! : null;
}

/** A character reference naming no Unicode character (&#99999999;): XML that is not well-formed. */
export class BadCharacterReference extends Error {}

/**
 * Decodes XML/HTML entities. A reference beyond Unicode throws BadCharacterReference, or becomes U+FFFD
 * with `lenient` (a saved web page, as browsers show it).
 */
export function decodeEntities(s: string, lenient = false): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,12}|#x[0-9a-fA-F]{1,12});/g, (_m, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) {
          if (lenient) return '\ufffd';
          throw new BadCharacterReference(e);
        }
        return String.fromCodePoint(code);
      }
    }
  });
}

function parseNumbering(xml: string | undefined): Numbering {
  const numbering: Numbering = { abstract: new Map(), nums: new Map() };
  if (!xml) return numbering;
  for (const a of xml.matchAll(/<w:abstractNum\b([^>]*)>([\s\S]*?)<\/w:abstractNum>/g)) {
    const id = attr(a[1]!, 'w:abstractNumId');
    if (id === null) continue;
    const levels = new Map<number, Level>();
    for (const l of a[2]!.matchAll(/<w:lvl\b([^>]*)>([\s\S]*?)<\/w:lvl>/g)) {
      const ilvl = Number(attr(l[1]!, 'w:ilvl') ?? '0');
      const body = l[2]!;
      const start = Number(/<w:start\b[^>]*w:val="(\d+)"/.exec(body)?.[1] ?? '1');
      const numFmt = /<w:numFmt\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? 'decimal';
      const lvlText = decodeEntities(/<w:lvlText\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? '');
      const isLgl = /<w:isLgl\b(?![^>]*w:val="(?:0|false)")/.test(body);
      levels.set(ilvl, { start, numFmt, lvlText, isLgl });
    }
    numbering.abstract.set(id, levels);
  }
  for (const n of xml.matchAll(/<w:num\b([^>]*)>([\s\S]*?)<\/w:num>/g)) {
    const numId = attr(n[1]!, 'w:numId');
    const abstractId = /<w:abstractNumId\b[^>]*w:val="([^"]*)"/.exec(n[2]!)?.[1];
    if (numId === null || abstractId === undefined) continue;
    const starts = new Map<number, number>();
    for (const o of n[2]!.matchAll(/<w:lvlOverride\b([^>]*)>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const s = /<w:startOverride\b[^>]*w:val="(\d+)"/.exec(o[2]!)?.[1];
      if (s !== undefined) starts.set(Number(attr(o[1]!, 'w:ilvl') ?? '0'), Number(s));
    }
    numbering.nums.set(numId, { abstractId, starts });
  }
  return numbering;
}

function parseStyles(xml: string | undefined): Map<string, StyleNum> {
  const styles = new Map<string, StyleNum>();
  if (!xml) return styles;
  for (const s of xml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attr(s[1]!, 'w:styleId');
    if (id === null) continue;
    const body = s[2]!;
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(body)?.[1] ?? '';
    styles.set(id, {
      numId: /<w:numId\b[^>]*w:val="([^"]*)"/.exec(numPr)?.[1] ?? null,
      ilvl: numPr ? Number(/<w:ilvl\b[^>]*w:val="(\d+)"/.exec(numPr)?.[1] ?? '0') : null,
      basedOn: /<w:basedOn\b[^>]*w:val="([^"]*)"/.exec(body)?.[1] ?? null,
    });
  }
  return styles;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const ZODIAC = '子丑寅卯辰巳午未申酉戌亥';

function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

/** A counter beyond any outline's reach (w:start="1000000000000"): a damaged or hostile file. */
export class NumberingOutOfRange extends Error {}

/** One counter value in a Word number format. */
export function formatNumber(n: number, numFmt: string): string {
  // Roman and Chinese numerals grow with the value: a huge one would loop and fill the memory.
  if (!Number.isSafeInteger(n) || n > IMPORT_LIMITS.maxNumberingValue) throw new NumberingOutOfRange(String(n));
  switch (numFmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographDigital':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseNumeral(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? `(${n})`;
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'ideographEnclosedCircle':
    case 'ideographParenthesized':
      return n >= 1 && n <= 10 ? String.fromCodePoint(0x3220 + n - 1) : `（${chineseNumeral(n)}）`;
    case 'ideographTraditional':
      return TIANGAN[n - 1] ?? String(n);
    case 'ideographZodiac':
      return ZODIAC[n - 1] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

class NumberingState {
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly numbering: Numbering;
  constructor(numbering: Numbering) {
    this.numbering = numbering;
  }

  /** The visible marker for the next paragraph in list numId at level ilvl ('' for bullets/none). */
  next(numId: string, ilvl: number): string {
    const num = this.numbering.nums.get(numId);
    if (!num) return '';
    const levels = this.numbering.abstract.get(num.abstractId);
    const level = levels?.get(ilvl);
    if (!levels || !level) return '';
    // Lists sharing an abstract definition continue each other unless one restarts with startOverride.
    const key = num.starts.size > 0 ? `n${numId}` : `a${num.abstractId}`;
    const counters = this.counters.get(key) ?? [];
    const startOf = (l: number) => num.starts.get(l) ?? levels.get(l)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    for (let l = ilvl + 1; l < 9; l++) counters[l] = undefined;
    this.counters.set(key, counters);
    if (level.numFmt === 'bullet' || level.numFmt === 'none') return '';
    return level.lvlText.replace(/%(\d)/g, (_m, d: string) => {
      const l = Number(d) - 1;
      const value = counters[l] ?? startOf(l);
      const fmt = l === ilvl ? level.numFmt : level.isLgl ? 'decimal' : (levels.get(l)?.numFmt ?? 'decimal');
      return formatNumber(value, fmt);
    });
  }
}

function corrupt(fileName: string): AppError {
  return new AppError('corrupt_file', `“${fileName}”已损坏或不完整，无法读取。请用 Word 或 WPS 打开（必要时使用“打开并修复”），另存为新的 .docx 后再导入`);
}

/** Reads a .docx into lines (tables as cell rows) with auto-numbering markers restored. */
export async function readDocx(bytes: Uint8Array, fileName: string): Promise<SourceLine[]> {
  const entries = await readZipEntries(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    (name) => ['word/document.xml', 'word/numbering.xml', 'word/styles.xml'].includes(name),
    { fileName, limits: DOCX_ZIP_LIMITS },
  );
  const documentXml = entries.get('word/document.xml')?.toString('utf8');
  if (!documentXml) throw corrupt(fileName);
  if (!/<w:body\b/.test(documentXml)) throw corrupt(fileName);
  try {
    const numbering = new NumberingState(parseNumbering(entries.get('word/numbering.xml')?.toString('utf8')));
    const styles = parseStyles(entries.get('word/styles.xml')?.toString('utf8'));
    return walkDocument(documentXml, numbering, styles);
  } catch (err) {
    if (err instanceof NumberingOutOfRange) throw tooLarge(fileName, `的自动编号数值异常（${err.message.slice(0, 16)}），远超任何提纲的编号范围`);
    if (err instanceof BadCharacterReference) {
      throw new AppError('corrupt_file', `“${fileName}”含有无效的字符编码（&${err.message};），文件已损坏或被改动过。请用 Word 或 WPS 打开后另存为新的 .docx 再导入`);
    }
    if (err instanceof NestingTooDeep) throw tooLarge(fileName, `的内容嵌套层数超过 ${IMPORT_LIMITS.maxXmlDepth} 层`);
    if (err instanceof TooManyLines) throw tooLarge(fileName, `的段落数超过 ${IMPORT_LIMITS.maxLines} 个`);
    throw err;
  }
}

class NestingTooDeep extends Error {}
class TooManyLines extends Error {}

function styleNumbering(styles: Map<string, StyleNum>, styleId: string | null): { numId: string; ilvl: number } | null {
  let id = styleId;
  for (let guard = 0; id && guard < 10; guard++) {
    const s = styles.get(id);
    if (!s) return null;
    if (s.numId !== null) return { numId: s.numId, ilvl: s.ilvl ?? 0 };
    id = s.basedOn;
  }
  return null;
}

function walkDocument(xml: string, numbering: NumberingState, styles: Map<string, StyleNum>): SourceLine[] {
  const lines: SourceLine[] = [];
  const bodyStart = xml.search(/<w:body\b/);
  const src = xml.slice(bodyStart);

  // Paragraph state
  let inPara = false;
  let paraText = '';
  let paraParts: string[] = [];
  let pStyle: string | null = null;
  let numId: string | null = null;
  let ilvl: number | null = null;
  let inPPr = false;
  let inNumPr = false;
  let inText = false;
  let skipDepth = 0; // inside w:del / mc:Fallback / w:instrText etc.
  // Table state: a stack, because cells can hold tables; nested tables flatten into the outer cell.
  const tables: Array<{ rows: string[][]; row: string[] | null; cell: string[] | null }> = [];

  const flushParagraph = (): void => {
    paraParts.push(paraText);
    let marker = '';
    let nid = numId;
    let lvl = ilvl;
    if (nid === null) {
      const s = styleNumbering(styles, pStyle);
      if (s) {
        nid = s.numId;
        lvl = lvl ?? s.ilvl;
      }
    }
    if (nid !== null && nid !== '0') marker = numbering.next(nid, lvl ?? 0);
    const texts = paraParts.map((t) => t.replace(/\t/g, '\u3000'));
    if (marker !== '' && texts.length > 0) texts[0] = marker + texts[0]!.replace(/^[\s\u3000]+/, '');
    const table = tables[tables.length - 1];
    if (table && table.cell) {
      const joined = texts.join('');
      if (joined.trim() !== '') table.cell.push(joined);
    } else {
      for (const t of texts) lines.push({ text: t });
    }
    paraText = '';
    paraParts = [];
  };

  let depth = 0;
  for (const m of src.matchAll(TAG)) {
    const [, close, name, attrs = '', selfClose, text] = m;
    if (text !== undefined) {
      if (inText && skipDepth === 0 && inPara) paraText += decodeEntities(text);
      continue;
    }
    const isClose = close === '/';
    const isSelf = selfClose === '/';
    if (!isSelf && !name!.startsWith('?') && !name!.startsWith('!')) {
      depth += isClose ? -1 : 1;
      if (depth > IMPORT_LIMITS.maxXmlDepth) throw new NestingTooDeep();
    }
    if (lines.length > IMPORT_LIMITS.maxLines) throw new TooManyLines();
    switch (name) {
      case 'w:del':
      case 'mc:Fallback':
      case 'w:instrText':
      case 'w:delText':
      case 'w:footnoteReference':
        if (isSelf) break;
        skipDepth += isClose ? -1 : 1;
        break;
      case 'w:p':
        if (skipDepth > 0) break;
        if (!isClose) {
          inPara = true;
          paraText = '';
          paraParts = [];
          pStyle = null;
          numId = null;
          ilvl = null;
          if (isSelf) {
            flushParagraph();
            inPara = false;
          }
        } else {
          flushParagraph();
          inPara = false;
        }
        break;
      case 'w:pPr':
        inPPr = !isClose && !isSelf;
        break;
      case 'w:rPr':
        break;
      case 'w:pStyle':
        if (inPPr) pStyle = attr(attrs, 'w:val');
        break;
      case 'w:numPr':
        inNumPr = inPPr && !isClose && !isSelf;
        break;
      case 'w:numId':
        if (inNumPr) numId = attr(attrs, 'w:val');
        break;
      case 'w:ilvl':
        if (inNumPr) ilvl = Number(attr(attrs, 'w:val') ?? '0');
        break;
      case 'w:t':
        inText = !isClose && !isSelf;
        break;
      case 'w:tab':
        if (inPara && !inPPr && skipDepth === 0) paraText += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (inPara && skipDepth === 0 && attr(attrs, 'w:type') !== 'page') {
          paraParts.push(paraText);
          paraText = '';
        }
        break;
      case 'w:sym': {
        const ch = attr(attrs, 'w:char');
        if (inPara && ch && skipDepth === 0) {
          const code = parseInt(ch, 16);
          // Symbol-font private-use codes (F0xx) have no Unicode meaning; skip them.
          if (code < 0xf000) paraText += String.fromCodePoint(code);
        }
        break;
      }
      case 'w:tbl':
        if (skipDepth > 0) break;
        if (!isClose) {
          if (tables.length > 0) {
            // nested table: its paragraphs land in the enclosing cell
            tables.push({ rows: [], row: null, cell: tables[tables.length - 1]!.cell });
          } else tables.push({ rows: [], row: null, cell: null });
        } else {
          const t = tables.pop();
          if (t && tables.length === 0) for (const row of t.rows) lines.push({ text: row.join('\t'), cells: row });
        }
        break;
      case 'w:tr':
        if (skipDepth > 0 || tables.length !== 1) break;
        if (!isClose) tables[0]!.row = [];
        else if (tables[0]!.row) {
          tables[0]!.rows.push(tables[0]!.row);
          tables[0]!.row = null;
        }
        break;
      case 'w:tc':
        if (skipDepth > 0 || tables.length !== 1) break;
        if (!isClose) tables[0]!.cell = [];
        else if (tables[0]!.cell && tables[0]!.row) {
          tables[0]!.row.push(tables[0]!.cell.join(''));
          tables[0]!.cell = null;
        }
        break;
      default:
        break;
    }
  }
  return lines;
}
