// Builds small .docx files in tests (yazl), with real Word numbering definitions.
import yazl from 'yazl';
import { zipToBuffer } from '../../helpers/zip.ts';

export interface TestParagraph {
  text: string;
  numId?: number;
  ilvl?: number;
  style?: string;
  /** deleted revision text inside the paragraph (must not be imported) */
  deleted?: string;
  /** soft line break inside the paragraph after this many characters */
  breakAt?: number;
}

export interface TestTable {
  rows: string[][];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function paragraphXml(p: TestParagraph): string {
  const ppr: string[] = [];
  if (p.style) ppr.push(`<w:pStyle w:val="${p.style}"/>`);
  if (p.numId !== undefined) ppr.push(`<w:numPr><w:ilvl w:val="${p.ilvl ?? 0}"/><w:numId w:val="${p.numId}"/></w:numPr>`);
  const runs: string[] = [];
  if (p.breakAt !== undefined) {
    runs.push(`<w:r><w:t xml:space="preserve">${esc(p.text.slice(0, p.breakAt))}</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>${esc(p.text.slice(p.breakAt))}</w:t></w:r>`);
  } else {
    runs.push(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${esc(p.text)}</w:t></w:r>`);
  }
  if (p.deleted) runs.push(`<w:del w:id="1" w:author="x"><w:r><w:delText>${esc(p.deleted)}</w:delText></w:r></w:del>`);
  return `<w:p>${ppr.length ? `<w:pPr>${ppr.join('')}</w:pPr>` : ''}${runs.join('')}</w:p>`;
}

function tableXml(t: TestTable): string {
  const rows = t.rows
    .map((r) => `<w:tr>${r.map((c) => `<w:tc><w:tcPr/><w:p><w:r><w:t>${esc(c)}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`)
    .join('');
  return `<w:tbl><w:tblPr/>${rows}</w:tbl>`;
}

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
<w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%5"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="my heading"/><w:basedOn w:val="Heading1"/></w:style>
</w:styles>`;

export function makeDocx(blocks: Array<TestParagraph | TestTable>, options: { omitDocument?: boolean; plainZip?: boolean } = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  if (options.plainZip) {
    zip.addBuffer(Buffer.from('hello'), 'readme.txt');
  } else {
    zip.addBuffer(
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '[Content_Types].xml',
    );
    zip.addBuffer(Buffer.from(NUMBERING), 'word/numbering.xml');
    zip.addBuffer(Buffer.from(STYLES), 'word/styles.xml');
    if (!options.omitDocument) {
      const body = blocks.map((b) => ('rows' in b ? tableXml(b) : paragraphXml(b))).join('');
      zip.addBuffer(
        Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`),
        'word/document.xml',
      );
    }
  }
  return zipToBuffer(zip);
}
