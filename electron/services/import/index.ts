// File readers for the importer: detect what the file is, read its text/paragraphs, recognise the plan.
// A plain Node API (parsePlanFile) for the CLI and the exporter's `rectify convert`; the RPC handlers wrap it.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { recognisePlan, toLines } from '../../../shared/importer/recognise.ts';
import type { RecogniseCorrections, RecogniseResult, SourceLine } from '../../../shared/importer/types.ts';
import { sniffFile, type FileKind } from './sniff.ts';
import { decodeText } from './decode.ts';
import { checkSize, IMPORT_LIMITS } from './limits.ts';
// A cycle (isolated.ts runs parsePlanBytes from here in the worker), resolved at call time.
import { parsePlanBytesIsolated } from './isolated.ts';

// The Word and HTML readers (a zip reader, word-extractor) load only for such files: `rectify parse`
// of a .txt does not pay for them.
const docxReader = () => import('./docx.ts');
const docReader = () => import('./doc.ts');
const htmlReader = () => import('./html.ts');

export interface ParsedPlanFile extends RecogniseResult {
  /** What the file turned out to be */
  fileKind: FileKind;
  /** Text encoding used ('utf-8', 'gb18030' …) or the container ('docx', 'doc') */
  encoding: string;
  /** The source as plain text, for the preview's left side */
  sourceText: string;
}

export interface ParseOptions {
  /** For text files: 'auto' (default) or an encoding such as 'gb18030' */
  encoding?: string;
  /** The user's corrections in the import preview (demoted headings, restored lines) */
  corrections?: RecogniseCorrections;
  /** Names from the 人员与部门名录 */
  knownNames?: readonly string[];
}

function titleFromFileName(fileName: string): string {
  return path.basename(fileName).replace(/\.[^.]+$/, '').trim();
}

function linesToText(lines: SourceLine[]): string {
  return lines.map((l) => (l.cells ? l.cells.join('\t') : l.text)).join('\n');
}

/** Reads and recognises a plan from file bytes (any supported kind). Throws AppError with a Chinese message. */
export async function parsePlanBytes(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParsedPlanFile> {
  checkSize(bytes.length, IMPORT_LIMITS.maxFileBytes, fileName);
  const kind = sniffFile(bytes, fileName);
  if (kind === 'doc') checkSize(bytes.length, IMPORT_LIMITS.maxDocBytes, fileName);
  if (kind === 'text' || kind === 'html') checkSize(bytes.length, IMPORT_LIMITS.maxTextBytes, fileName);
  let lines: SourceLine[];
  let encoding: string;
  let sourceText: string;
  switch (kind) {
    case 'docx':
      lines = await (await docxReader()).readDocx(bytes, fileName);
      encoding = 'docx';
      sourceText = linesToText(lines);
      break;
    case 'doc':
      lines = await (await docReader()).readDoc(bytes, fileName);
      encoding = fileName.toLowerCase().endsWith('.wps') ? 'wps' : 'doc';
      sourceText = linesToText(lines);
      break;
    case 'rtf':
      throw new AppError('unsupported_file', `“${fileName}”是 RTF 格式，请用 Word 或 WPS 打开后另存为 .docx 再导入`);
    case 'html': {
      const decoded = decodeText(bytes, fileName, options.encoding ?? 'auto');
      lines = (await htmlReader()).htmlToLines(decoded.text);
      encoding = decoded.encoding;
      sourceText = linesToText(lines);
      break;
    }
    default: {
      if (/\.(?:docx?|wps)$/i.test(fileName)) {
        // Named like a Word file but holding something else: say what it is instead of guessing.
        const ext = /\.[^.]+$/.exec(fileName)![0];
        throw new AppError(
          'unsupported_file',
          `“${fileName}”的扩展名是 ${ext}，但内容不是 Word/WPS 文档（文件可能被改过扩展名或已损坏）。如果它其实是文本，请把扩展名改为 .txt 后导入；否则请用 Word 或 WPS 打开后另存为 .docx 再导入`,
        );
      }
      const decoded = decodeText(bytes, fileName, options.encoding ?? 'auto');
      sourceText = decoded.text.replace(/^\ufeff/, '');
      lines = toLines(sourceText);
      encoding = decoded.encoding;
    }
  }
  if (lines.every((l) => l.text.trim() === '')) {
    throw new AppError('bad_input', `“${fileName}”中没有文字内容，无法导入`);
  }
  const result = recognisePlan(lines, { fallbackTitle: titleFromFileName(fileName), ...recogniseOptions(options) });
  return { ...result, fileKind: kind, encoding, sourceText };
}

function recogniseOptions(options: ParseOptions): { corrections?: RecogniseCorrections; knownNames?: readonly string[] } {
  return { ...(options.corrections ? { corrections: options.corrections } : {}), ...(options.knownNames ? { knownNames: options.knownNames } : {}) };
}

/**
 * Reads a plan file from disk and recognises it in a worker thread (the CLI's parse/import and the
 * exporter's `rectify convert` use this): a hostile file fails with an AppError, the process goes on.
 */
export async function parsePlanFile(filePath: string, options: ParseOptions = {}): Promise<ParsedPlanFile> {
  let bytes: Buffer;
  try {
    // The size first: a 10 GB file is refused without reading it.
    checkSize((await stat(filePath)).size, IMPORT_LIMITS.maxFileBytes, path.basename(filePath));
    bytes = await readFile(filePath);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new AppError('not_found', `找不到文件：${filePath}`);
    if (code === 'EISDIR') throw new AppError('bad_input', `“${filePath}”是文件夹，请选择文件`);
    throw new AppError('io', `无法读取文件“${filePath}”：${code ?? '未知错误'}`);
  }
  return parsePlanBytesIsolated(bytes, path.basename(filePath), options);
}

/** Recognises pasted text (from Word, WPS or a web page). */
export function parsePlanText(text: string, options: ParseOptions = {}): ParsedPlanFile {
  if (text.trim() === '') throw new AppError('bad_input', '粘贴的内容是空的，没有可导入的文字');
  if (text.length > IMPORT_LIMITS.maxTextBytes) throw new AppError('too_large', `粘贴的文字超过 ${IMPORT_LIMITS.maxTextBytes / 1024 / 1024} MB 字符，超出可导入的上限，请分段粘贴导入`);
  const result = recognisePlan(text, recogniseOptions(options));
  return { ...result, fileKind: 'text', encoding: 'utf-8', sourceText: text };
}
