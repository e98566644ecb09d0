// Text decoding: BOM (UTF-8 / UTF-16 LE/BE) → strict UTF-8 → GB18030 (what Chinese Windows Notepad writes),
// or the encoding the user picked in the preview. Binary content is refused, never imported as mojibake.
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors.ts';

export const TEXT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'gbk', 'gb2312', 'big5', 'utf-16le', 'utf-16be'] as const;

export interface DecodedText {
  text: string;
  /** The encoding actually used, e.g. 'utf-8', 'gb18030', 'utf-16le' */
  encoding: string;
}

function binaryShare(text: string, countReplacement: boolean): number {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (countReplacement && c === 0xfffd)) bad++;
  }
  return text.length === 0 ? 0 : bad / text.length;
}

function checkText(text: string, fileName: string, chosen = false): void {
  // With an encoding the user chose, undecodable bytes show as � in the preview instead of refusing the file.
  if (text.includes('\u0000') || binaryShare(text, !chosen) > 0.01) {
    throw new AppError('unsupported_file', `“${fileName}”不是文本文件（含有二进制内容），无法导入。请确认文件类型：Word 文档请保存为 .docx，其他文件请先另存为文本（.txt）`);
  }
}

/** Decodes file bytes to text. `encoding` 'auto' (default) detects; anything else is used as given. */
export function decodeText(bytes: Uint8Array, fileName: string, encoding = 'auto'): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let result: DecodedText | undefined;
  const enc = encoding.toLowerCase();
  if (enc !== 'auto') {
    if (!iconv.encodingExists(enc)) throw new AppError('bad_input', `不认识的文字编码：${encoding}。可用：UTF-8、GB18030、GBK、Big5、UTF-16LE、UTF-16BE`);
    result = { text: iconv.decode(buf, enc).replace(/^\ufeff/, ''), encoding: enc };
  } else if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    result = { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  } else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    result = { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    result = { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  } else {
    // A NUL byte in the first few KB: binary (or BOM-less UTF-16, which Notepad never writes).
    const probe = buf.subarray(0, 8192);
    if (probe.includes(0)) {
      const evenNul = probe.filter((b, i) => b === 0 && i % 2 === 1).length;
      if (evenNul > probe.length / 3) result = { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le' };
      else checkText('\u0000', fileName);
    }
    try {
      result ??= { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
    } catch {
      result = { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
    }
  }
  checkText(result.text, fileName, enc !== 'auto');
  return result;
}
