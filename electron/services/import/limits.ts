// The limits every import reader enforces (issue 9 item 6): beyond them a file fails with a Chinese
// message (CLI exit 2) instead of exhausting memory, the stack or the user's patience. Real plans are far
// below each one: a 400-measure plan is about 1 MB of text and 300 KB as .docx.
import { AppError } from '../../../shared/errors.ts';
import type { ZipLimits } from '../files/bounded-zip.ts';

const MB = 1024 * 1024;

export const IMPORT_LIMITS = {
  /** Any file handed to the importer */
  maxFileBytes: 100 * MB,
  /** A text or saved web page */
  maxTextBytes: 20 * MB,
  /** A Word 97–2003 / WPS file */
  maxDocBytes: 64 * MB,
  /** Element nesting in a Word XML part (real documents stay under 50) */
  maxXmlDepth: 1000,
  /** A Word auto-numbering counter: no outline reaches this many items at one level */
  maxNumberingValue: 9999,
  /** Lines a reader may produce */
  maxLines: 500_000,
};

/** A .docx read for import: document.xml of a huge plan stays far below 64 MB. */
export const DOCX_ZIP_LIMITS: Partial<ZipLimits> = { maxEntryBytes: 64 * MB };

export function tooLarge(fileName: string, what: string): AppError {
  return new AppError('too_large', `“${fileName}”${what}，超出可导入的上限。文件可能已损坏或是被特意构造的异常文件；如确为方案，请拆分后分别导入`);
}

/** Refuses a file whose size is beyond the limit for its kind. */
export function checkSize(bytes: number, limit: number, fileName: string): void {
  if (bytes > limit) throw tooLarge(fileName, `大小为 ${Math.ceil(bytes / MB)} MB（上限 ${Math.round(limit / MB)} MB）`);
}
