// Word 97–2003 (.doc) and WPS legacy (.wps) files: OLE compound files read by word-extractor (pure JS).
import WordExtractor from 'word-extractor';
import { AppError } from '../../../shared/errors.ts';
import type { SourceLine } from '../../../shared/importer/types.ts';

/** Reads the body text of an OLE Word/WPS file into lines; table cells arrive tab-separated. */
export async function readDoc(bytes: Uint8Array, fileName: string): Promise<SourceLine[]> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody();
  } catch {
    throw new AppError(
      'corrupt_file',
      `“${fileName}”无法读取：文件可能已损坏、设置了密码，或不是 Word/WPS 文档。请用 Word 或 WPS 打开后另存为 .docx 再导入`,
    );
  }
  return body.split(/\r\n|\r|\n/).map((line) => {
    if (line.includes('\t')) {
      const cells = line.split('\t');
      if (cells.filter((c) => c.trim() !== '').length >= 2) return { text: line, cells };
    }
    return { text: line };
  });
}
