// File readers for the importer: detect what the file is, read its text/paragraphs, recognise the plan.
// A plain Node API (parsePlanFile) for the CLI and the exporter's `rectify convert`; the RPC handlers wrap it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { recognisePlan, toLines } from '../../../shared/importer/recognise.ts';
import type { RecogniseResult, SourceLine } from '../../../shared/importer/types.ts';
import { sniffFile, type FileKind } from './sniff.ts';
import { decodeText } from './decode.ts';

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
}

function titleFromFileName(fileName: string): string {
  return path.basename(fileName).replace(/\.[^.]+$/, '').trim();
}

function linesToText(lines: SourceLine[]): string {
  return lines.map((l) => (l.cells ? l.cells.join('\t') : l.text)).join('\n');
}

/** Reads and recognises a plan from file bytes (any supported kind). Throws AppError with a Chinese message. */
export async function parsePlanBytes(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParsedPlanFile> {
  const kind = sniffFile(bytes, fileName);
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
  const result = recognisePlan(lines, { fallbackTitle: titleFromFileName(fileName) });
  return { ...result, fileKind: kind, encoding, sourceText };
}

/** Reads a plan file from disk and recognises it (the exporter's `rectify convert` uses this). */
export async function parsePlanFile(filePath: string, options: ParseOptions = {}): Promise<ParsedPlanFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new AppError('not_found', `找不到文件：${filePath}`);
    if (code === 'EISDIR') throw new AppError('bad_input', `“${filePath}”是文件夹，请选择文件`);
    throw new AppError('io', `无法读取文件“${filePath}”：${code ?? '未知错误'}`);
  }
  return parsePlanBytes(bytes, path.basename(filePath), options);
}

/** Recognises pasted text (from Word, WPS or a web page). */
export function parsePlanText(text: string): ParsedPlanFile {
  if (text.trim() === '') throw new AppError('bad_input', '粘贴的内容是空的，没有可导入的文字');
  const result = recognisePlan(text);
  return { ...result, fileKind: 'text', encoding: 'utf-8', sourceText: text };
}
