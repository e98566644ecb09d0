import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  TextDirection,
  TextRun,
  VerticalAlignTable,
  WidthType,
  OverlapType,
  type ISectionOptions,
} from 'docx';
import type { ExportSettings } from '../../../shared/domain/export-settings.ts';
import { ledgerTableXml } from './ledger-table-xml.ts';
import { rewriteZipEntries } from './zip-rewrite.ts';
import type { Align, Block, LedgerAppendix } from './blocks.ts';
import type { LetterheadLayout } from './letterhead.ts';
import { letterheadXml } from './letterhead-xml.ts';
import { COLOPHON_INSET, CC_LABEL, THICK_RULE, THIN_RULE, type ColophonLayout } from './colophon.ts';
import { FONT_PROFILES_BY_ID, fontTableXml, profileFaces, runFont, type FontProfile, type FontRole } from './fonts.ts';
import {
  CELL,
  CHAR_SPACING,
  FOOTER_DISTANCE,
  HEADER_DISTANCE,
  LANDSCAPE_MARGIN,
  LANDSCAPE_TEXT_HEIGHT,
  LINE_PITCH,
  MARGIN_BOTTOM,
  MARGIN_LEFT,
  MARGIN_RIGHT,
  MARGIN_TOP,
  PAGE_H,
  PAGE_NUMBER_INSET,
  PAGE_W,
  SIZE_BODY,
  SIZE_PAGE_NUMBER,
  SIZE_TITLE,
  TEXT_WIDTH,
  mm,
} from './metrics.ts';

const LANG = { value: 'en-US', eastAsia: 'zh-CN' } as const;
const EXACT = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  center: AlignmentType.CENTER,
  both: AlignmentType.JUSTIFIED,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
};

interface WriterContext {
  profile: FontProfile;
  latin: string;
  /** The 一字线 around the page number: "— " and " —", or without the spaces */
  pageNumberDashes: [string, string];
  font(role: FontRole): ReturnType<typeof runFont>;
}

/**
 * A body paragraph with only what differs from the defaults: docDefaults carry 仿宋 三号 condensed by
 * 0.25 pt in zh-CN with exact 579-twip lines, and Normal is justified. Lean XML keeps a 400-page
 * plan quick to write and leaves the secretary a document whose formatting sits where Word expects.
 */
function paragraph(block: Block, ctx: WriterContext): Paragraph {
  const indent: Record<string, number> = {};
  if (block.firstLineChars) {
    // Word uses the Chars value; firstLine is the fallback for other readers.
    indent.firstLineChars = block.firstLineChars;
    indent.firstLine = Math.round((block.firstLineChars / 100) * CELL);
  }
  if (block.left !== undefined) indent.left = block.left;
  if (block.hanging !== undefined) indent.hanging = block.hanging;
  if (block.right !== undefined) indent.right = block.right;
  return new Paragraph({
    ...(block.align !== 'both' ? { alignment: ALIGN[block.align] } : {}),
    ...(Object.keys(indent).length > 0 ? { indent } : {}),
    ...(block.keepNext ? { keepNext: true } : {}),
    ...(block.pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: block.runs.map(
      (run) =>
        new TextRun({
          text: run.text,
          ...(run.role !== 'fang' ? { font: ctx.font(run.role) } : {}),
          ...(block.size !== SIZE_BODY ? { size: block.size } : {}),
          ...(run.bold ? { bold: true } : {}),
        }),
    ),
  });
}

function pageNumberParagraph(ctx: WriterContext, side: 'right' | 'left'): Paragraph {
  const [before, after] = ctx.pageNumberDashes;
  const font = ctx.font('song');
  const run = (text: string) => new TextRun({ text, font, size: SIZE_PAGE_NUMBER, language: LANG });
  return new Paragraph({
    alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'right' ? { right: PAGE_NUMBER_INSET } : { left: PAGE_NUMBER_INSET },
    // Single spacing: inheriting the body's exact 579 would move the number (§6.2).
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [run(before), new TextRun({ children: [PageNumber.CURRENT], font, size: SIZE_PAGE_NUMBER, language: LANG }), run(after)],
  });
}

function emptyHeaderFooterParagraph(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, children: [] });
}

/**
 * Landscape page numbers (GB/T 9704 §8): rotated, in the corner that is the portrait page's outer
 * bottom — lower-left on odd pages, upper-left on even ones — as a small floating cell in the header.
 */
function rotatedPageNumber(ctx: WriterContext, odd: boolean): Header {
  const font = ctx.font('song');
  const run = (text: string) => new TextRun({ text, font, size: SIZE_PAGE_NUMBER, language: LANG });
  const cellHeight = mm(30);
  const typeTop = LANDSCAPE_MARGIN.top;
  const typeBottom = LANDSCAPE_MARGIN.top + LANDSCAPE_TEXT_HEIGHT;
  const inset = PAGE_NUMBER_INSET;
  const y = odd ? typeBottom - inset - cellHeight : typeTop + inset;
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const table = new Table({
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      verticalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: mm(22),
      absoluteVerticalPosition: y,
      overlap: OverlapType.OVERLAP,
    },
    width: { size: mm(6), type: WidthType.DXA },
    columnWidths: [mm(6)],
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        height: { value: cellHeight, rule: HeightRule.EXACT },
        children: [
          new TableCell({
            textDirection: TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT,
            margins: { left: 0, right: 0, top: 0, bottom: 0 },
            children: [
              new Paragraph({
                alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
                spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
                children: [
                  run(ctx.pageNumberDashes[0]),
                  new TextRun({ children: [PageNumber.CURRENT], font, size: SIZE_PAGE_NUMBER, language: LANG }),
                  run(ctx.pageNumberDashes[1]),
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  });
  return new Header({ children: [table, emptyHeaderFooterParagraph()] });
}

export { columnWidths } from './ledger-table-xml.ts';

/** Parts written as XML by the packer (ledger tables, the 版头), by document: placeholder token → XML. */
const rawTables = new WeakMap<Document, Map<string, string>>();
let placeholderCounter = 0;

function ledgerSectionChildren(appendix: LedgerAppendix, ctx: WriterContext, tables: Map<string, string>): Paragraph[] {
  // 附件 label 顶格 (no first-line indent), title centred like the main title.
  const label = new Paragraph({ children: [new TextRun({ text: appendix.label, font: ctx.font('hei') })] });
  const blank = () => new Paragraph({ children: [] });
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: appendix.title, font: ctx.font('xbs'), size: SIZE_TITLE })],
  });
  // The table itself goes in at packing time (ledger-table-xml.ts): thousands of cells as docx
  // objects cost more than the rest of the document together.
  const token = `RECTIFY-LEDGER-TABLE-${++placeholderCounter}`;
  tables.set(token, ledgerTableXml(appendix));
  const placeholder = new Paragraph({ children: [new TextRun(token)] });
  // A ledger exported on its own has no 附件 label.
  return appendix.label === '' ? [title, blank(), placeholder] : [label, blank(), title, blank(), placeholder];
}

export interface WriteOptions {
  blocks: Block[];
  appendix: LedgerAppendix | null;
  settings: ExportSettings;
  /** document properties */
  title: string;
  /** 版头 above the first title */
  letterhead?: LetterheadLayout | null;
  /** 版记 on its own last page */
  colophon?: ColophonLayout | null;
  /** 双面印刷: an unnumbered blank page first, so that the 版记 page is an even one */
  blankBeforeColophon?: boolean;
}

const PORTRAIT_PAGE = {
  size: { width: PAGE_W, height: PAGE_H },
  margin: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_LEFT, right: MARGIN_RIGHT, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
};

function writerContext(settings: ExportSettings): WriterContext {
  const profile = FONT_PROFILES_BY_ID[settings.fontProfile];
  return {
    profile,
    latin: settings.latinFont,
    pageNumberDashes: settings.pageNumberSpaces ? ['— ', ' —'] : ['—', '—'],
    font: (role) => runFont(profile, role, settings.latinFont),
  };
}

const emptyHeaders = () => ({
  default: new Header({ children: [emptyHeaderFooterParagraph()] }),
  even: new Header({ children: [emptyHeaderFooterParagraph()] }),
});

/**
 * Builds the docx Document: the portrait body section (版头, 印发通知, plan), the landscape ledger
 * section, then — with a 版记 — an optional blank page and the 版记 page, both without page numbers.
 */
export function buildDocument(options: WriteOptions): Document {
  const ctx = writerContext(options.settings);
  const footers = {
    default: new Footer({ children: [pageNumberParagraph(ctx, 'right')] }),
    even: new Footer({ children: [pageNumberParagraph(ctx, 'left')] }),
  };
  const tables = new Map<string, string>();
  const children = options.blocks.map((b) => paragraph(b, ctx));
  if (options.letterhead) children.unshift(rawXmlPlaceholder(tables, letterheadXml(options.letterhead, ctx.font)));
  const sections: ISectionOptions[] = [
    {
      properties: { page: PORTRAIT_PAGE, grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH } },
      headers: emptyHeaders(),
      footers,
      children,
    },
  ];
  if (options.appendix) sections.push(ledgerSection(options.appendix, ctx, options.settings, tables, SectionType.NEXT_PAGE));
  if (options.colophon) {
    const emptyFooters = () => ({ default: new Footer({ children: [emptyHeaderFooterParagraph()] }), even: new Footer({ children: [emptyHeaderFooterParagraph()] }) });
    if (options.blankBeforeColophon) {
      sections.push({ properties: { type: SectionType.NEXT_PAGE, page: PORTRAIT_PAGE }, headers: emptyHeaders(), footers: emptyFooters(), children: [new Paragraph({ children: [] })] });
    }
    sections.push(colophonSection(options.colophon));
  }
  const doc = newDocument(ctx, sections, options.title, options.appendix?.fontSize ?? options.settings.ledgerFontSize);
  rawTables.set(doc, tables);
  return doc;
}

function rawXmlPlaceholder(tables: Map<string, string>, xml: string): Paragraph {
  const token = `RECTIFY-RAW-XML-${++placeholderCounter}`;
  tables.set(token, xml);
  return new Paragraph({ children: [new TextRun(token)] });
}

/**
 * The 版记 page: the 版记 table in the footer of a last section of its own, the footer reaching down to
 * 1 pt above the bottom margin so the table's last rule lies on the 版心's lower edge (§6.5 B). The
 * footer replaces the page number, as the standard wants on this page.
 */
function colophonTable(colophon: ColophonLayout): Table {
  const thick = { style: BorderStyle.SINGLE, size: THICK_RULE, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: THIN_RULE, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const size = SIZE_PAGE_NUMBER; // 4号
  const rows = colophon.rows.map((row) => {
    const para =
      row.kind === 'cc'
        ? new Paragraph({
            spacing: exact,
            alignment: AlignmentType.JUSTIFIED,
            // 左右各空一字; wrapped lines align after the colon.
            indent: { left: COLOPHON_INSET + CC_LABEL.length * size * 10, hanging: CC_LABEL.length * size * 10, right: COLOPHON_INSET },
            children: [new TextRun({ text: row.lines.join(''), size })],
          })
        : new Paragraph({
            spacing: exact,
            alignment: AlignmentType.LEFT,
            // 印发机关左空一字, 印发日期右空一字.
            indent: { left: COLOPHON_INSET, right: COLOPHON_INSET },
            tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - COLOPHON_INSET }],
            children: [new TextRun({ text: colophon.printedBy, size }), new TextRun({ children: [new Tab(), row.lines[1] ?? ''], size })],
          });
    return new TableRow({
      cantSplit: true,
      height: { value: row.height, rule: row.lines.length > 1 && row.kind === 'cc' ? HeightRule.ATLEAST : HeightRule.EXACT },
      children: [new TableCell({ verticalAlign: VerticalAlignTable.CENTER, margins: { left: 0, right: 0, top: 0, bottom: 0 }, children: [para] })],
    });
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: { top: thick, bottom: thick, insideHorizontal: thin, left: none, right: none, insideVertical: none },
    rows,
  });
}

function colophonSection(colophon: ColophonLayout): ISectionOptions {
  // Word and LibreOffice keep a paragraph after a table; 1 pt high, it is what the footer distance allows for.
  const tiny = () => new Paragraph({ spacing: { before: 0, after: 0, line: COLOPHON_TAIL, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: '', size: 2 })] });
  const footer = () => new Footer({ children: [colophonTable(colophon), tiny()] });
  return {
    properties: {
      type: SectionType.NEXT_PAGE,
      page: { ...PORTRAIT_PAGE, margin: { ...PORTRAIT_PAGE.margin, footer: MARGIN_BOTTOM - COLOPHON_TAIL } },
    },
    headers: emptyHeaders(),
    footers: { default: footer(), even: footer() },
    children: [new Paragraph({ children: [] })],
  };
}

/** The 1 pt paragraph under the 版记 table, twips. */
const COLOPHON_TAIL = 20;

function ledgerSection(
  appendix: LedgerAppendix,
  ctx: WriterContext,
  settings: ExportSettings,
  tables: Map<string, string>,
  type?: (typeof SectionType)[keyof typeof SectionType],
): ISectionOptions {
  const rotated = settings.ledgerPageNumbers === 'rotated';
  const emptyFooter = () => new Footer({ children: [emptyHeaderFooterParagraph()] });
  return {
    properties: {
      ...(type ? { type } : {}),
      page: {
        // docx swaps width and height itself for landscape: pass the portrait numbers (§7.2).
        size: { width: PAGE_W, height: PAGE_H, orientation: PageOrientation.LANDSCAPE },
        margin: { ...LANDSCAPE_MARGIN, header: rotated ? 0 : HEADER_DISTANCE, footer: rotated ? 0 : FOOTER_DISTANCE, gutter: 0 },
      },
    },
    headers: rotated
      ? { default: rotatedPageNumber(ctx, true), even: rotatedPageNumber(ctx, false) }
      : { default: new Header({ children: [emptyHeaderFooterParagraph()] }), even: new Header({ children: [emptyHeaderFooterParagraph()] }) },
    footers: rotated
      ? { default: emptyFooter(), even: emptyFooter() }
      : {
          default: new Footer({ children: [pageNumberParagraph(ctx, 'right')] }),
          even: new Footer({ children: [pageNumberParagraph(ctx, 'left')] }),
        },
    children: ledgerSectionChildren(appendix, ctx, tables),
  };
}

function newDocument(ctx: WriterContext, sections: ISectionOptions[], title: string, ledgerSize: number): Document {
  const font = ctx.font('fang');
  // widowControl off everywhere: with it on, LibreOffice moves lines and leaves 21-row pages (§3.5).
  // (docx writes it for styles but its style types omit it, hence the non-literal objects.)
  const defaultParagraph = { spacing: EXACT, widowControl: false };
  const normalParagraph = { widowControl: false, alignment: AlignmentType.JUSTIFIED };
  return new Document({
    creator: '整改方案工作台',
    title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font, size: SIZE_BODY, language: LANG },
          paragraph: defaultParagraph,
        },
      },
      // Normal carries the 三号 size: Word's character units and any later grid are based on it.
      paragraphStyles: [
        // Normal carries the 0.25 pt condensing that puts 28 三号 characters on a line (§3.4 A), so
        // text typed later in Word keeps the grid; the ledger styles are not based on it.
        { id: 'Normal', name: 'Normal', run: { font, size: SIZE_BODY, characterSpacing: CHAR_SPACING }, paragraph: normalParagraph },
        // 台账 cells: 仿宋 小四/四号, not condensed, exact 20/22 pt lines, header in 黑体 centred.
        {
          id: 'LedgerCell',
          name: '台账正文',
          run: { size: ledgerSize },
          paragraph: {
            alignment: AlignmentType.JUSTIFIED,
            spacing: { line: ledgerSize === 24 ? 400 : 440, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          },
        },
        {
          id: 'LedgerHeader',
          name: '台账表头',
          basedOn: 'LedgerCell',
          run: { font: ctx.font('hei') },
          paragraph: { alignment: AlignmentType.CENTER },
        },
      ],
    },
    sections,
  });
}

/** The ledger alone: one landscape section (整改台账 exported on its own). */
export function buildLedgerDocument(appendix: LedgerAppendix, settings: ExportSettings): Document {
  const ctx = writerContext(settings);
  const tables = new Map<string, string>();
  const doc = newDocument(ctx, [ledgerSection(appendix, ctx, settings, tables)], appendix.title, appendix.fontSize);
  rawTables.set(doc, tables);
  return doc;
}

/**
 * Packs the document: the font table replaced by one that names every face with its fallback, and
 * each ledger placeholder paragraph replaced by its table XML.
 */
export async function packDocx(doc: Document, settings: ExportSettings): Promise<Buffer> {
  const profile = FONT_PROFILES_BY_ID[settings.fontProfile];
  const xml = fontTableXml(profileFaces(profile, settings.latinFont));
  const packed = await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: xml }]);
  const tables = rawTables.get(doc) ?? new Map<string, string>();
  const rewrites = new Map<string, (xml: string) => string>();
  if (tables.size > 0) {
    rewrites.set('word/document.xml', (documentXml) => {
      let out = documentXml;
      for (const [token, tableXml] of tables) {
        const at = out.indexOf(token);
        if (at < 0) throw new Error(`ledger placeholder ${token} missing`);
        const start = Math.max(out.lastIndexOf('<w:p>', at), out.lastIndexOf('<w:p ', at));
        const end = out.indexOf('</w:p>', at) + '</w:p>'.length;
        // A section that does not end the document keeps its properties in its last paragraph: when
        // that is the placeholder, they move into the last paragraph of the XML put in its place.
        const sectPr = /<w:sectPr[\s\S]*<\/w:sectPr>/.exec(out.slice(start, end))?.[0];
        let xml = tableXml;
        if (sectPr) {
          const close = xml.lastIndexOf('</w:pPr></w:p>');
          if (close < 0) throw new Error(`placeholder ${token}: no paragraph to carry the section properties`);
          xml = xml.slice(0, close) + sectPr + xml.slice(close);
        }
        out = out.slice(0, start) + xml + out.slice(end);
      }
      return out;
    });
  }
  if (settings.mirrorMargins) {
    // 对称页边距: not a docx option; CT_Settings puts it before defaultTabStop.
    rewrites.set('word/settings.xml', (xml) => xml.replace('<w:defaultTabStop', '<w:mirrorMargins/><w:defaultTabStop'));
  }
  return rewrites.size === 0 ? packed : rewriteZipEntries(packed, rewrites);
}
