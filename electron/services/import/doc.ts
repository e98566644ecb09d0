// Word 97–2003 (.doc) and WPS legacy (.wps) files: OLE compound files read by word-extractor (pure JS).
import WordExtractor from 'word-extractor';
import { AppError } from '../../../shared/errors.ts';
import type { SourceLine } from '../../../shared/importer/types.ts';
import { mapHeader } from '../../../shared/importer/table.ts';
import { detectMarker } from '../../../shared/importer/markers.ts';
import { IMPORT_LIMITS, tooLarge } from './limits.ts';

/** Reads the body text of an OLE Word/WPS file into lines; table cells arrive tab-separated. */
export async function readDoc(bytes: Uint8Array, fileName: string): Promise<SourceLine[]> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // filterUnicode: false keeps “” ‘’ — and en spaces; the default would turn Chinese quotes into ASCII ones.
    body = doc.getBody({ filterUnicode: false });
  } catch {
    throw new AppError(
      'corrupt_file',
      `“${fileName}”无法读取：文件可能已损坏、设置了密码，或不是 Word/WPS 文档。请用 Word 或 WPS 打开后另存为 .docx 再导入`,
    );
  }
  const rawLines = body.split(/\r\n|\r|\n/);
  if (rawLines.length > IMPORT_LIMITS.maxLines) throw tooLarge(fileName, `的段落数超过 ${IMPORT_LIMITS.maxLines} 个`);
  return splitTables(rawLines);
}

/**
 * word-extractor writes a table as one stream: every cell ends with a tab and every row with one more
 * tab, with no line break between rows. Rebuild rows from the header's column count; a merged section
 * row (一、支部班子) is a single cell.
 */
function splitTables(rawLines: string[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = 0; i < rawLines.length; i++) {
    if (!rawLines[i]!.includes('\t')) {
      out.push({ text: rawLines[i]! });
      continue;
    }
    const region: string[] = [];
    while (i < rawLines.length && rawLines[i]!.includes('\t')) region.push(rawLines[i++]!);
    i--;
    const tokens = region.join('\t').split('\t');
    const width = tokens.findIndex((t) => t.trim() === '');
    if (width < 2 || !mapHeader(tokens.slice(0, width))) {
      for (const line of region) out.push(line.split('\t').filter((c) => c.trim() !== '').length >= 2 ? { text: line, cells: line.split('\t') } : { text: line.replace(/\t/g, '') });
      continue;
    }
    let k = 0;
    const rows: string[][] = [];
    while (k < tokens.length) {
      const t = tokens[k]!;
      if (t.trim() === '') {
        k++;
        continue;
      }
      const marker = detectMarker(t.trim());
      if (rows.length > 0 && marker && marker.level <= 2 && (tokens[k + 1] ?? '').trim() === '') {
        rows.push([t]);
        k += 2;
        continue;
      }
      if (tokens.length - k < width) {
        for (const rest of tokens.slice(k)) if (rest.trim() !== '') rows.push([rest]);
        break;
      }
      rows.push(tokens.slice(k, k + width));
      k += width + 1;
    }
    for (const row of rows) out.push(row.length > 1 ? { text: row.join('\t'), cells: row } : { text: row[0]! });
  }
  return out;
}
