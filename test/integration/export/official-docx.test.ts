import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { exportPlanDocx } from '../../../electron/services/export/export-plan.ts';
import { buildPreview } from '../../../electron/services/export/preview.ts';
import { parsePlanFile } from '../../../electron/services/import/index.ts';
import { defaultExportSettings } from '../../../shared/domain/export-settings.ts';
import type { DocNode, PlanDocument } from '../../../shared/domain/document.ts';
import { bigPlan } from '../../helpers/big-plan.ts';
import { attr, effectiveEastAsia, paragraphs, readDocxParts, runWith, styleXml } from './docx-xml.ts';
import { bodyRows, footerLines, fullLineCounts, PT, renderDocx, type PdfPage } from './render.ts';
import { outlineShape } from './outline-shape.ts';

// The exported documents are rendered once each by LibreOffice; all layout assertions share them.
const work = mkdtempSync(path.join(os.tmpdir(), 'rectify-export-'));

interface Produced {
  doc: PlanDocument;
  docx: string;
  parts: Map<string, string>;
  pages: PdfPage[];
  warnings: string[];
}

async function produce(name: string, doc: PlanDocument, settings = defaultExportSettings()): Promise<Produced> {
  const result = await exportPlanDocx(doc, settings);
  const docx = path.join(work, `${name}.docx`);
  writeFileSync(docx, result.data);
  const parts = await readDocxParts(result.data);
  const { pages } = renderDocx(docx, path.join(work, name));
  return { doc, docx, parts, pages, warnings: result.warnings };
}

async function fixture(file: string): Promise<PlanDocument> {
  const doc = (await parsePlanFile(path.join('test/fixtures', file))).document;
  // The fixtures end before the signature; a real plan has one.
  return { ...doc, issuer: '中共XX市人大常委会党组', date: '2025年12月15日' };
}

let plan: Produced; // synthetic 民主生活会 plan with responsibility lines and a 整改清单 attachment
let minzhu: Produced; // the public 民主生活会 plan text
let big: Produced; // 432 measures

beforeAll(async () => {
  plan = await produce('synthetic-01', await fixture('synthetic-01-minzhu-shenghuohui-renda.txt'));
  minzhu = await produce('minzhu', await fixture('minzhu-shenghuohui-zhenggai-fangan.txt'));
  big = await produce('big', bigPlan());
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const portrait = (p: Produced) => p.pages.filter((pg) => pg.height > pg.width);
const landscape = (p: Produced) => p.pages.filter((pg) => pg.width > pg.height);

describe('document structure (WordprocessingML)', () => {
  it('A4 portrait, margins 37/35/28/26 mm, footer 25 mm, a 579-twip line grid', () => {
    const doc = plan.parts.get('word/document.xml')!;
    const sect = doc.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)!;
    expect(sect).toHaveLength(2);
    const body = sect[0]!;
    expect(attr(body, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(body, 'w:pgSz', 'w:h')).toBe('16838');
    expect([attr(body, 'w:pgMar', 'w:top'), attr(body, 'w:pgMar', 'w:bottom'), attr(body, 'w:pgMar', 'w:left'), attr(body, 'w:pgMar', 'w:right')]).toEqual([
      '2098',
      '1984',
      '1587',
      '1474',
    ]);
    expect(attr(body, 'w:pgMar', 'w:footer')).toBe('1418');
    expect(attr(body, 'w:docGrid', 'w:type')).toBe('lines');
    expect(attr(body, 'w:docGrid', 'w:linePitch')).toBe('579');
    expect(plan.parts.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('defaults: 三号 仿宋 (Normal condensed to 28 characters), Times New Roman digits, zh-CN, exact 579 lines, widow control off', () => {
    const styles = plan.parts.get('word/styles.xml')!;
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(attr(defaults, 'w:rFonts', 'w:eastAsia')).toBe('仿宋_GB2312');
    expect(attr(defaults, 'w:rFonts', 'w:ascii')).toBe('Times New Roman');
    const normalStyle = /<w:style [^>]*w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(attr(normalStyle, 'w:spacing', 'w:val')).toBe('-5');
    expect(attr(defaults, 'w:sz', 'w:val')).toBe('32');
    expect(attr(defaults, 'w:lang', 'w:eastAsia')).toBe('zh-CN');
    expect(defaults).toMatch(/<w:widowControl w:val="(false|0)"\/>/);
    expect(defaults).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    const normal = /<w:style [^>]*w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(attr(normal, 'w:sz', 'w:val')).toBe('32');
  });

  it('fonts and sizes per element: title 方正小标宋简体 二号, 一、黑体, （一）楷体, 1. bold 仿宋, responsibility line 楷体', () => {
    const ps = paragraphs(plan.parts.get('word/document.xml')!.split('<w:tbl>')[0]!);
    const styles = plan.parts.get('word/styles.xml')!;
    const font = (p: (typeof ps)[number], text: string) => effectiveEastAsia(runWith(p, text), p.xml, styles);
    const title = ps[0]!;
    expect(title.text).toBe('中共XX市人大常委会党组');
    expect(attr(title.xml, 'w:jc', 'w:val')).toBe('center');
    expect(font(title, title.text)).toBe('方正小标宋简体');
    expect(attr(runWith(title, title.text), 'w:sz', 'w:val')).toBe('44');
    const h1 = ps.find((p) => p.text === '一、指导思想')!;
    expect(font(h1, '一、指导思想')).toBe('黑体');
    expect(h1.xml).toContain('<w:keepNext/>');
    expect(attr(h1.xml, 'w:ind', 'w:firstLineChars')).toBe('200');
    const h2 = ps.find((p) => p.text.startsWith('（一）在强化政治忠诚'))!;
    expect(font(h2, '（一）')).toBe('楷体_GB2312');
    const m = ps.find((p) => p.text.startsWith('1.深化理论武装，筑牢政治忠诚思想根基。严格落实'))!;
    const lead = runWith(m, '1.深化理论武装，筑牢政治忠诚思想根基。');
    expect(lead).toContain('<w:b/>');
    expect(font(m, '1.深化理论武装，筑牢政治忠诚思想根基。')).toBe('仿宋_GB2312');
    expect(font(m, '严格落实')).toBe('仿宋_GB2312');
    // every body run is 三号 (the size comes from the defaults unless it differs, as for the title)
    expect(lead).not.toMatch(/<w:sz /);
    expect(runWith(m, '严格落实')).not.toContain('<w:b/>');
    const resp = ps.find((p) => p.text === '（责任领导：党组书记、主任；责任部门：办公室、研究室；完成时限：长期坚持）')!;
    expect(font(resp, '责任领导')).toBe('楷体_GB2312');
    // continuous level-3 numbering kept from the imported plan
    expect(ps.some((p) => p.text.startsWith('6.压紧压实主体责任。'))).toBe(true);
    // no paragraph of the body repeats a typed marker
    expect(ps.some((p) => /^\d+\.\d+\./.test(p.text) || /^（[一二三四五六七八九十]+）（/.test(p.text))).toBe(false);
    const date = ps.find((p) => p.text === '2025年12月15日')!;
    expect(attr(date.xml, 'w:jc', 'w:val')).toBe('right');
  });

  it('page numbers "— n —" in 4号宋体: odd footer right, even footer left, one character in', () => {
    const doc = plan.parts.get('word/document.xml')!;
    const body = doc.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)![0]!;
    const rels = plan.parts.get('word/_rels/document.xml.rels')!;
    const footer = (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(body)![1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
      return plan.parts.get(`word/${target[1] ?? target[2]}`)!;
    };
    const odd = footer('default');
    const even = footer('even');
    for (const f of [odd, even]) {
      expect(f).toContain('PAGE');
      expect(f).toMatch(/>— <\/w:t>/);
      expect(f).toMatch(/> —<\/w:t>/);
      expect(attr(f, 'w:rFonts', 'w:eastAsia')).toBe('宋体');
      expect(attr(f, 'w:sz', 'w:val')).toBe('28');
    }
    expect(attr(odd, 'w:jc', 'w:val')).toBe('right');
    expect(attr(odd, 'w:ind', 'w:right')).toBe('280');
    expect(attr(even, 'w:jc', 'w:val')).toBe('left');
    expect(attr(even, 'w:ind', 'w:left')).toBe('280');
  });

  it('names every face in the font table with w:altName fallbacks', () => {
    const table = plan.parts.get('word/fontTable.xml')!;
    expect(table).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(table).toMatch(/<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/);
    expect(table).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="方正小标宋_GBK"\/>/);
    expect(table).toContain('w:name="黑体"');
    expect(table).toContain('w:name="Times New Roman"');
  });

  it('the ledger appendix: landscape section, 附件 label in 黑体, one table with a repeating 黑体 header and merged problems', () => {
    const doc = plan.parts.get('word/document.xml')!;
    const ledgerSect = doc.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)![1]!;
    expect(attr(ledgerSect, 'w:pgSz', 'w:w')).toBe('16838');
    expect(attr(ledgerSect, 'w:pgSz', 'w:h')).toBe('11906');
    expect(attr(ledgerSect, 'w:pgSz', 'w:orient')).toBe('landscape');
    expect(attr(ledgerSect, 'w:type', 'w:val')).toBe('nextPage');
    const after = doc.slice(doc.indexOf('</w:sectPr>'));
    const ps = paragraphs(after);
    expect(ps[0]!.text).toBe('附件');
    const styles = plan.parts.get('word/styles.xml')!;
    expect(effectiveEastAsia(runWith(ps[0]!, '附件'), ps[0]!.xml, styles)).toBe('黑体');
    expect(ps[0]!.xml).not.toContain('w:firstLine');
    expect(ps.find((p) => p.text === '市人大常委会党组2025年度民主生活会查摆问题整改清单')).toBeDefined();
    const tables = after.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!;
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(paragraphs(rows[0]!).map((p) => p.text)).toEqual(['序号', '问题', '整改措施', '责任领导', '责任部门', '完成时限', '备注']);
    const headerCell = paragraphs(rows[0]!)[0]!;
    const bodyCell = paragraphs(rows[1]!)[2]!;
    expect(effectiveEastAsia(runWith(headerCell, '序号'), headerCell.xml, styles)).toBe('黑体');
    expect(effectiveEastAsia(runWith(bodyCell, '深化理论武装'), bodyCell.xml, styles)).toBe('仿宋_GB2312');
    // 仿宋 小四 cells, not condensed, exact 20 pt lines
    const cellStyle = styleXml(styles, attr(bodyCell.xml, 'w:pStyle', 'w:val')!);
    expect(attr(cellStyle, 'w:sz', 'w:val')).toBe('24');
    expect(cellStyle).not.toContain('w:basedOn');
    expect(/<w:rPr>[\s\S]*<\/w:rPr>/.exec(cellStyle)![0]).not.toMatch(/<w:spacing /);
    expect(cellStyle).toMatch(/w:line="400" w:lineRule="exact"/);
    expect(rows).toHaveLength(7);
    // 在强化政治忠诚…方面 has two measures: its 问题 cell spans both rows
    expect(rows[1]).toContain('<w:vMerge w:val="restart"/>');
    expect(rows[2]).toMatch(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/);
    const grid = [...tables[0]!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(12756);
  });

  it('python-docx reads the same page setup', () => {
    const script = [
      'import docx, sys, json',
      'd = docx.Document(sys.argv[1])',
      'print(json.dumps([[s.page_width.twips, s.page_height.twips, s.top_margin.twips, s.bottom_margin.twips, s.left_margin.twips, s.right_margin.twips, s.footer_distance.twips, int(s.orientation)] for s in d.sections]))',
    ].join('\n');
    const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, plan.docx], { encoding: 'utf8' })) as number[][];
    expect(out[0]).toEqual([11906, 16838, 2098, 1984, 1587, 1474, 1418, 0]);
    expect(out[1]!.slice(0, 6)).toEqual([16838, 11906, 1587, 1474, 1984, 2098]);
    expect(out[1]![7]).toBe(1);
  });
});

/** Rows of all portrait pages, excluding the last one of the body (it need not be full). */
function fullPages(p: Produced): PdfPage[] {
  return portrait(p).slice(0, -1);
}

describe('layout in LibreOffice (pdftotext -bbox-layout)', () => {
  it('portrait pages are A4 and the ledger pages landscape, after them', () => {
    for (const p of [plan, minzhu, big]) {
      const n = portrait(p).length;
      expect(n).toBeGreaterThan(0);
      expect(landscape(p).length).toBeGreaterThan(0);
      p.pages.forEach((pg, i) => {
        if (i < n) expect([Math.round(pg.width), Math.round(pg.height)]).toEqual([595, 842]);
        else expect([Math.round(pg.width), Math.round(pg.height)]).toEqual([842, 595]);
      });
    }
    expect(portrait(big).length).toBeGreaterThan(90);
  });

  it('every full page holds 22 rows on the 28.95 pt grid', () => {
    for (const p of [plan, minzhu, big]) {
      for (const page of portrait(p)) {
        const rows = bodyRows(page);
        for (const r of rows) {
          expect(r.slot).toBeGreaterThanOrEqual(0);
          expect(r.slot).toBeLessThanOrEqual(21);
          expect(Math.abs(r.yCenter - (PT.top + (r.slot + 0.5) * PT.pitch))).toBeLessThan(6);
        }
      }
      const full = fullPages(p);
      const lastRows = full.map((page) => Math.max(...bodyRows(page).map((r) => r.slot)) + 1);
      // A page ends early only where keep-with-next moved a heading or the signature block along.
      expect(lastRows.every((n) => n >= 20)).toBe(true);
      expect(lastRows.filter((n) => n === 22).length).toBeGreaterThanOrEqual(Math.ceil(full.length * 0.9));
    }
    expect(Math.max(...bodyRows(fullPages(minzhu)[1]!).map((r) => r.slot))).toBe(21);
    expect(bodyRows(fullPages(minzhu)[1]!)).toHaveLength(22);
  });

  it('full lines hold 28 characters (26 after the two-character indent)', () => {
    for (const p of [plan, minzhu, big]) {
      const counts = portrait(p).flatMap((page) => fullLineCounts(bodyRows(page)));
      expect(counts.length).toBeGreaterThan(10);
      // 27 only where a closing mark may not start the next line (or a hanging mark ended it early)
      expect(counts.filter((n) => n !== 28 && n !== 27)).toEqual([]);
      expect(counts.filter((n) => n === 28).length).toBeGreaterThanOrEqual(Math.ceil(counts.length * 0.85));
    }
  });

  it('page numbers "— n —" below the type area: odd pages right, even pages left, one character in', () => {
    for (const p of [plan, minzhu, big]) {
      for (const page of portrait(p)) {
        const f = footerLines(page);
        expect(f).toHaveLength(1);
        expect(f[0]!.text).toBe(`—${page.number}—`);
        const top = f[0]!.yMin / PT.pageH;
        expect(top).toBeGreaterThan(0.88);
        if (page.number % 2 === 1) expect(Math.abs(f[0]!.xMax - (PT.pageW - PT.right - 14))).toBeLessThan(3);
        else expect(Math.abs(f[0]!.xMin - (PT.left + 14))).toBeLessThan(3);
      }
    }
  });

  it('ledger pages repeat the header row and carry rotated numbers in the binding corner', () => {
    for (const p of [plan, minzhu, big]) {
      for (const page of landscape(p)) {
        const header = page.lines.filter((l) => l.text === '整改措施' || l.text === '序号' || l.text === '责任部门');
        expect(header.length, `header on page ${page.number}`).toBe(3);
        // the header is the table's top row on continuation pages
        const tableTop = Math.min(...page.lines.filter((l) => l.xMin > 100).map((l) => l.yMin));
        if (page !== landscape(p)[0]) expect(Math.min(...header.map((l) => l.yMin)) - tableTop).toBeLessThan(4);
        const number = page.lines.find((l) => l.text.replace(/—/g, '') === String(page.number) && l.xMax < 80);
        expect(number, `rotated number on page ${page.number}`).toBeDefined();
        // odd: lower-left, even: upper-left (GB/T 9704 §8)
        if (page.number % 2 === 1) expect(number!.yMin).toBeGreaterThan(PT.pageW / 2);
        else expect(number!.yMax).toBeLessThan(PT.pageW / 2);
      }
    }
    expect(landscape(big).length).toBeGreaterThan(50);
  });

  it('the title sits on the first row and the signature block shares its page with body text', () => {
    for (const p of [plan, minzhu]) {
      const first = bodyRows(portrait(p)[0]!);
      expect(first[0]!.slot).toBe(0);
      const last = portrait(p).at(-1)!;
      const rows = bodyRows(last);
      expect(rows.at(-1)!.text).toBe('2025年12月15日');
      expect(rows.at(-2)!.text).toBe('中共XX市人大常委会党组');
      expect(rows.length).toBeGreaterThanOrEqual(4);
      // 署名右空二字
      expect(Math.abs(rows.at(-2)!.xMax - (PT.pageW - PT.right - 31.5))).toBeLessThan(3);
    }
  });

  it('the in-app preview has the same pages as the rendered document for the fixtures', () => {
    for (const p of [plan, minzhu]) {
      const preview = buildPreview(p.doc, defaultExportSettings());
      expect(preview.pages.length).toBe(p.pages.length);
      expect(preview.pages.filter((pg) => pg.orientation === 'portrait').length).toBe(portrait(p).length);
      portrait(p).forEach((page, i) => {
        expect(preview.pages[i]!.lines.length, `rows on page ${page.number}`).toBe(Math.max(...bodyRows(page).map((r) => r.slot)) + 1);
      });
    }
    const preview = buildPreview(big.doc, defaultExportSettings());
    expect(preview.pages.length).toBe(big.pages.length);
    // the same measures on each ledger page (its rows are short enough never to split)
    const serials = (page: PdfPage) => page.lines.filter((l) => /^\d+$/.test(l.text) && l.xMin > 100 && l.xMax < 135).map((l) => Number(l.text));
    expect(preview.pages.filter((pg) => pg.orientation === 'landscape').map((pg) => pg.table!.rows.flatMap((r) => r.cells.filter((c) => c.column === 0 && !r.header).map((c) => Number(c.text))))).toEqual(
      landscape(big).map(serials),
    );
    const previewPortrait = preview.pages.filter((pg) => pg.orientation === 'portrait');
    expect(previewPortrait.map((pg) => pg.lines.length)).toEqual(portrait(big).map((page) => Math.max(...bodyRows(page).map((r) => r.slot)) + 1));
  });
});

describe('round trip through the importer', () => {
  const outline = outlineShape;

  it('importing the exported .docx (ledger appendix on, the default) gives back the same outline, measure fields and text', async () => {
    for (const file of ['synthetic-01-minzhu-shenghuohui-renda.txt', 'minzhu-shenghuohui-zhenggai-fangan.txt']) {
      const source = await fixture(file);
      const settings = defaultExportSettings();
      expect(settings.ledger).toBe(true);
      const result = await exportPlanDocx(source, settings);
      const docx = path.join(work, `roundtrip-${file}.docx`);
      writeFileSync(docx, result.data);
      const parsed = await parsePlanFile(docx);
      const back = parsed.document;
      // The landscape 台账 after the 落款 was read and matched to the body's measures, not imported again.
      const measures = (nodes: DocNode[]): number => nodes.reduce((n, x) => n + (x.kind === 'measure' ? 1 : 0) + measures(x.children), 0);
      expect(parsed.warnings.some((w) => w.includes(`${measures(source.sections)}行与正文的整改措施逐条对应`))).toBe(true);
      expect(back.title).toBe(source.title);
      expect(back.preamble).toEqual(source.preamble);
      expect(outline(back.sections)).toEqual(outline(source.sections));
      expect(back.attachments).toEqual(source.attachments);
      expect([back.issuer, back.date]).toEqual([source.issuer, source.date]);
      expect(back.level3Numbering).toBe(source.level3Numbering);
      expect(back.problems).toEqual(source.problems);
    }
  });
});
