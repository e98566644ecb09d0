// What a file really is, from its bytes (never trust the extension), and the Chinese message for files we refuse.
import { AppError } from '../../../shared/errors.ts';

export type FileKind = 'text' | 'docx' | 'doc' | 'html' | 'rtf';

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function containsAscii(bytes: Uint8Array, needle: string, limit = 4096): boolean {
  const hay = Buffer.from(bytes.subarray(0, Math.min(bytes.length, limit))).toString('latin1');
  return hay.includes(needle);
}

/** UTF-16LE needle anywhere in the first `limit` bytes (OLE directory entries are UTF-16). */
function containsUtf16(bytes: Uint8Array, needle: string, limit = 1 << 20): boolean {
  return Buffer.from(bytes.subarray(0, Math.min(bytes.length, limit))).includes(Buffer.from(needle, 'utf16le'));
}

const refuse = (message: string): never => {
  throw new AppError('unsupported_file', message);
};

/** Classifies the bytes; throws AppError with a Chinese message for what we cannot import. */
export function sniffFile(bytes: Uint8Array, fileName: string): FileKind {
  const name = fileName.toLowerCase();
  if (bytes.length === 0) throw new AppError('bad_input', `文件“${fileName}”是空的（0 字节），没有可导入的内容`);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) refuse(`“${fileName}”是 PDF 文件，无法直接导入。请用 WPS 或 Word 打开后另存为 Word 文档（.docx）或文本（.txt）再导入，也可以复制其中的文字后粘贴导入`);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) || startsWith(bytes, [0x42, 0x4d]) || startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)))
    refuse(`“${fileName}”是图片文件，其中的文字无法直接导入。请先用文字识别（OCR）工具转成文字，核对后粘贴导入`);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (containsAscii(bytes, 'word/', 1 << 20) || containsAscii(bytes, '[Content_Types].xml', 1 << 20)) {
      if (containsAscii(bytes, 'ppt/', 1 << 16)) refuse(`“${fileName}”是 PowerPoint 演示文稿，不能作为方案导入。请把文字复制到 Word 或文本中再导入`);
      if (containsAscii(bytes, 'xl/', 1 << 16)) refuse(`“${fileName}”是 Excel 表格，暂不能直接导入。请把表格复制到 Word 文档中另存为 .docx 后导入，或复制后粘贴导入`);
      return 'docx';
    }
    if (name.endsWith('.docx') || name.endsWith('.wps')) return 'docx';
    refuse(`“${fileName}”是压缩包（zip），不能直接导入。请先解压，再逐个导入其中的 Word 或文本文件`);
  }
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21]) || startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf]) || startsWith(bytes, [0x1f, 0x8b]))
    refuse(`“${fileName}”是压缩包，不能直接导入。请先解压，再逐个导入其中的 Word 或文本文件`);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (containsUtf16(bytes, 'EncryptedPackage')) refuse(`“${fileName}”设置了打开密码（已加密），无法读取。请在 Word/WPS 中取消密码后另存，再导入`);
    if (containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'PowerPoint Document')) refuse(`“${fileName}”不是 Word 文档（可能是 Excel 或 PowerPoint 文件）。请把文字复制到 Word 或文本中再导入`);
    return 'doc';
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<?xml') && head.includes('<html'))) return 'html';
  if (name.endsWith('.doc') || name.endsWith('.docx') || name.endsWith('.wps')) {
    // Named like Word but not a Word file: a text file renamed, or garbage.
    return 'text';
  }
  return 'text';
}
