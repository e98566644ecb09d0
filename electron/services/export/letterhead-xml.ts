import type { RunFont } from './fonts.ts';
import type { FontRole } from './fonts.ts';
import { escapeXmlText } from './ledger-table-xml.ts';
import { RED, RULE_SIZE_EIGHTHS, RULE_TWIPS, type HeadRow, type HeadSegment, type LetterheadLayout } from './letterhead.ts';
import { SIZE_BODY, TEXT_WIDTH } from './metrics.ts';

/**
 * The 版头 as WordprocessingML: one paragraph per row, each exactly its row's height and off the line
 * grid (w:snapToGrid 0: LibreOffice otherwise rounds every line to the 28.95 pt grid; Word's exact
 * spacing already ignores it), all kept with the title. Positions inside a row are left tab stops.
 * 联合行文 is a borderless two-column table: the organs stacked on the left, the suffix centred on
 * their right. Written directly (like the ledger) because `docx` cannot switch a paragraph off the grid.
 */

function attr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;');
}

function rFonts(font: RunFont): string {
  return `<w:rFonts w:ascii="${attr(font.ascii)}" w:hAnsi="${attr(font.hAnsi)}" w:eastAsia="${attr(font.eastAsia)}" w:cs="${attr(font.cs)}" w:hint="eastAsia"/>`;
}

function run(segment: HeadSegment, font: (role: FontRole) => RunFont, tabBefore: boolean): string {
  const rPr =
    (segment.role !== 'fang' ? rFonts(font(segment.role)) : '') +
    (segment.red ? `<w:color w:val="${RED}"/>` : '') +
    (segment.size !== SIZE_BODY ? `<w:sz w:val="${segment.size}"/><w:szCs w:val="${segment.size}"/>` : '');
  const pr = rPr ? `<w:rPr>${rPr}</w:rPr>` : '';
  return `${tabBefore ? `<w:r>${pr}<w:tab/></w:r>` : ''}<w:r>${pr}<w:t xml:space="preserve">${escapeXmlText(segment.text)}</w:t></w:r>`;
}

function pPr(height: number, extra: { jc?: string; ind?: number; tabs?: number[]; border?: boolean }): string {
  const border = extra.border
    ? `<w:pBdr><w:bottom w:val="single" w:sz="${RULE_SIZE_EIGHTHS}" w:space="0" w:color="${RED}"/></w:pBdr>`
    : '';
  const tabs = extra.tabs && extra.tabs.length > 0 ? `<w:tabs>${extra.tabs.map((p) => `<w:tab w:val="left" w:pos="${p}"/>`).join('')}</w:tabs>` : '';
  return (
    '<w:pPr><w:keepNext/>' +
    border +
    tabs +
    '<w:snapToGrid w:val="0"/>' +
    `<w:spacing w:before="0" w:after="0" w:line="${height}" w:lineRule="exact"/>` +
    `<w:ind w:left="${extra.ind ?? 0}" w:right="0" w:firstLine="0"/>` +
    (extra.jc ? `<w:jc w:val="${extra.jc}"/>` : '') +
    '</w:pPr>'
  );
}

function rowXml(row: HeadRow, font: (role: FontRole) => RunFont): string {
  if (row.joint) return jointXml(row, font);
  const segs = row.segments;
  if (segs.length === 1 && segs[0]!.x === 'center') return `<w:p>${pPr(row.height, { jc: 'center' })}${run(segs[0]!, font, false)}</w:p>`;
  // A border adds its thickness below the line: the line is the row less the rule.
  if (segs.length === 0) return `<w:p>${pPr(row.rule ? row.height - RULE_TWIPS : row.height, { border: row.rule === true })}</w:p>`;
  // Left tab stops at the later segments' positions; the first segment starts at the indent.
  const xs = segs.map((s) => (s.x === 'center' ? 0 : s.x));
  const runs = segs.map((s, i) => run(s, font, i > 0 && !s.join)).join('');
  const tabs = xs.filter((_, i) => i > 0 && !segs[i]!.join);
  return `<w:p>${pPr(row.height, { ind: xs[0], tabs, jc: 'left', border: row.rule === true })}${runs}</w:p>`;
}

function jointXml(row: HeadRow, font: (role: FontRole) => RunFont): string {
  const j = row.joint!;
  const gap = Math.round(j.lineHeight * 0.2);
  const left = j.nameWidth;
  const right = j.suffix === '' ? 0 : j.suffixWidth + gap;
  const width = Math.min(TEXT_WIDTH, left + right);
  const markRun = (text: string) => run({ text, role: 'xbs', size: j.size, x: 0, red: true }, font, false);
  const none = '<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>';
  const cellPara = (text: string, jc: string) => `<w:p>${pPr(j.lineHeight, { jc })}${text === '' ? '' : markRun(text)}</w:p>`;
  const rows = j.organs
    .map((organ, i) => {
      const suffixCell =
        j.suffix === ''
          ? ''
          : `<w:tc><w:tcPr><w:tcW w:w="${right}" w:type="dxa"/>${i === 0 ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>'}<w:vAlign w:val="center"/></w:tcPr>${cellPara(i === 0 ? j.suffix : '', 'right')}</w:tc>`;
      return (
        `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="${j.lineHeight}" w:hRule="exact"/><w:jc w:val="center"/></w:trPr>` +
        `<w:tc><w:tcPr><w:tcW w:w="${left}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>${cellPara(organ, 'distribute')}</w:tc>` +
        suffixCell +
        '</w:tr>'
      );
    })
    .join('');
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${none}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>' +
    `<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="${left}"/>${right > 0 ? `<w:gridCol w:w="${right}"/>` : ''}</w:tblGrid>` +
    rows +
    '</w:tbl>'
  );
}

/** The 版头 rows as body XML, to go before the first title. */
export function letterheadXml(layout: LetterheadLayout, font: (role: FontRole) => RunFont): string {
  return layout.rows.map((row) => rowXml(row, font)).join('');
}
