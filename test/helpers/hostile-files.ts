// Hostile import files, generated in the tests (issue 9 item 6): each is small on disk and would, read
// naively, loop, fill the memory or overflow the stack. Built with yazl so the zip is a real one.
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { zipToBuffer } from './zip.ts';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function body(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${inner}</w:body></w:document>`;
}

/** A streamed part; level 1 deflates zeros fast (a 3 GB part in about 2 s, to about 14 MB). */
type Part = string | Buffer | { stream: () => Readable; level?: number } | { stored: Buffer };

function zip(parts: Record<string, Part>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of Object.entries(parts)) {
    if (typeof data === 'string') z.addBuffer(Buffer.from(data, 'utf8'), name);
    else if (Buffer.isBuffer(data)) z.addBuffer(data, name);
    else if ('stored' in data) z.addBuffer(data.stored, name, { compress: false });
    else z.addReadStream(data.stream(), name, { compressionLevel: data.level ?? 1 });
  }
  return zipToBuffer(z);
}

/** Bytes of zeros, streamed: deflate shrinks them 200- to 1000-fold. */
function zeros(total: number): () => Readable {
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  return () => {
    let left = total;
    return new Readable({
      read() {
        if (left <= 0) return this.push(null);
        const n = Math.min(left, chunk.length);
        left -= n;
        this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      },
    });
  };
}

/** About 1 KB: Word numbering whose counter starts at 10¹² in upperRoman. */
export function hugeNumberingStartDocx(): Promise<Buffer> {
  const numbering = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1000000000000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
  return zip({
    '[Content_Types].xml': CONTENT_TYPES,
    'word/document.xml': body('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>加强组织领导</w:t></w:r></w:p>'),
    'word/numbering.xml': numbering,
  });
}

/** A .docx whose document.xml inflates to `bytes` (600 MB, 3 GB …) from a few MB. */
export function zipBombDocx(bytes: number): Promise<Buffer> {
  return zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': { stream: zeros(bytes) } });
}

/** A .docx with one 4 MB part of zeros: its ratio, not its size, gives it away. */
export function highRatioDocx(): Promise<Buffer> {
  return zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': body('<w:p><w:r><w:t>正文</w:t></w:r></w:p>'), 'word/media/image1.bin': { stream: zeros(4 * 1024 * 1024), level: 9 } });
}

/** A .docx holding more entries than any real document (10,001 small parts). */
export function manyEntriesDocx(count = 10_001): Promise<Buffer> {
  const parts: Record<string, Part> = { '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': body('<w:p><w:r><w:t>正文</w:t></w:r></w:p>') };
  for (let k = 0; k < count; k++) parts[`word/media/p${k}.xml`] = '<a/>';
  return zip(parts);
}

/**
 * `depth` nested elements inside the body (5,000,000 overflows a recursive reader). Stored without
 * compression, so the nesting itself — not the compression ratio — is what the reader must refuse.
 */
export function deeplyNestedDocx(depth = 5_000_000): Promise<Buffer> {
  const xml = Buffer.concat([Buffer.from(body('').replace('</w:body></w:document>', '')), Buffer.from('<a>'.repeat(depth)), Buffer.from('</a>'.repeat(depth)), Buffer.from('</w:body></w:document>')]);
  return zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': { stored: xml } });
}

/** A character reference beyond Unicode in the text (&#99999999;). */
export function badCharacterReferenceDocx(): Promise<Buffer> {
  return zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': body('<w:p><w:r><w:t>整改方案&#99999999;</w:t></w:r></w:p>') });
}

/** An OLE compound file (.doc) header followed by `bytes` of zeros. */
export function oversizedDoc(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  return b;
}

/** A text file of ordinary Chinese text beyond the text size limit. */
export function oversizedText(bytes: number): Buffer {
  const line = Buffer.from('一、加强组织领导，压实整改责任。\n', 'utf8');
  const b = Buffer.alloc(bytes, 0x0a);
  for (let k = 0; k + line.length <= bytes; k += line.length) line.copy(b, k);
  return b;
}
