import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { exportPlanDocx } from '../../../electron/services/export/export-plan.ts';
import { buildPreview } from '../../../electron/services/export/preview.ts';
import { parsePlanFile } from '../../../electron/services/import/index.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { resolveExportSettings, type ExportSettings, type ExportSettingsPatch } from '../../../shared/domain/export-settings.ts';
import type { PlanDocument } from '../../../shared/domain/document.ts';
import { createTrackedPlan } from '../progress/fixture.ts';
import { attr, paragraphs, readDocxParts } from './docx-xml.ts';
import { bodyRows, footerLines, fullLineCounts, PT, renderDocx, type PdfLine, type PdfPage } from './render.ts';
import { horizontalRules, inkBands, isDark, isRed, mmToPx, rasterPage, type Raster } from './raster.ts';

// The issued forms of a plan (GB/T 9704-2012 §7.2 版头, §7.4 版记, an 印发通知 in front) rendered once
// each by LibreOffice; positions come from pdftotext's boxes, colours and rules from the pixels.

const work = mkdtempSync(path.join(os.tmpdir(), 'rectify-issued-'));
const MM = 72 / 25.4; // PDF points per mm
const TYPE_TOP_MM = 37;
const TYPE_BOTTOM_MM = 297 - 35;
const ROW_MM = 579 / 20 / MM; // 10.21 mm

interface Produced {
  doc: PlanDocument;
  settings: ExportSettings;
  docx: string;
  pdf: string;
  parts: Map<string, string>;
  pages: PdfPage[];
  warnings: string[];
}

async function produce(name: string, doc: PlanDocument, patch: ExportSettingsPatch): Promise<Produced> {
  const settings = resolveExportSettings(patch);
  const result = await exportPlanDocx(doc, settings);
  const docx = path.join(work, `${name}.docx`);
  writeFileSync(docx, result.data);
  const { pdf, pages } = renderDocx(docx, path.join(work, name));
  return { doc, settings, docx, pdf, parts: await readDocxParts(result.data), pages, warnings: result.warnings };
}

async function fixture(): Promise<PlanDocument> {
  const doc = (await parsePlanFile('test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt')).document;
  return { ...doc, addressee: '机关各部门、各党支部', issuer: '中共XX市人大常委会党组', date: '2025年12月15日' };
}

const ISSUED: ExportSettingsPatch = {
  docType: 'notice',
  letterhead: 'red',
  docNumber: '人大党组发〔2026〕3号',
  colophon: true,
  cc: '市纪委监委，市委组织部',
  printedOn: '2026-01-05',
  duplex: true,
};

let issued: Produced; // red 版头 + 印发通知 + plan + ledger + 版记 (双面印刷)
let blank: Produced; // the same on pre-printed paper (套打)
let report: { docx: string; pdf: string; pages: PdfPage[]; parts: Map<string, string> }; // the 整改落实情况报告 as 上行文
let services: Services;

beforeAll(async () => {
  const doc = await fixture();
  issued = await produce('issued', doc, ISSUED);
  blank = await produce('blank', doc, { ...ISSUED, letterhead: 'blank' });
  services = await createServices({ dataDir: path.join(work, 'data') });
  const { planId } = await createTrackedPlan(services);
  await services.call('export.saveSettings', {
    planId,
    target: 'report',
    settings: { letterhead: 'red', docNumber: '某局党组〔2026〕5号', signers: ['张三', '李四', '王五'], addressee: '中共某某市委', colophon: true, cc: '市纪委监委' },
  });
  const docx = path.join(work, 'report.docx');
  await services.call('progress.exportReport', { planId, output: docx, asOf: '2026-02-01' });
  const { pdf, pages } = renderDocx(docx, path.join(work, 'report'));
  report = { docx, pdf, pages, parts: await readDocxParts(readFileSync(docx)) };
}, 300_000);

afterAll(() => {
  services?.close();
  rmSync(work, { recursive: true, force: true });
});

const mmOf = (pt: number) => pt / MM;

/** The 版头's red rule on page 1 (mm from the page top). */
function redRule(pdf: string): { top: number; bottom: number } {
  const r = rasterPage(pdf, 1, 150);
  return horizontalRules(r, isRed, 0.9, mmToPx(r, 28), mmToPx(r, 184))[0]!;
}
const find = (page: PdfPage, text: string | RegExp): PdfLine | undefined =>
  page.lines.find((l) => (typeof text === 'string' ? l.text.includes(text) : text.test(l.text)));

/** Red and dark ink of page 1 in mm from the page top, and the red rule (if any). */
function headInk(r: Raster) {
  const typeLeft = mmToPx(r, 28);
  const typeRight = mmToPx(r, 28 + 156);
  return {
    red: inkBands(r, isRed, 3),
    dark: inkBands(r, isDark, 3, typeLeft, typeRight),
    redRules: horizontalRules(r, isRed, 0.9, typeLeft, typeRight),
  };
}

describe('版头 (GB/T 9704-2012 §7.2) in LibreOffice', () => {
  it('the 发文机关标志 is red 小标宋, centred, its top edge 35 mm below the 版心 top (±1 mm)', () => {
    const xml = issued.parts.get('word/document.xml')!;
    const mark = paragraphs(xml).find((p) => p.text === '中共XX市人大常委会党组文件')!;
    expect(attr(mark.xml, 'w:color', 'w:val')).toBe('FF0000');
    expect(attr(mark.xml, 'w:rFonts', 'w:eastAsia')).toBe('方正小标宋简体');
    expect(attr(mark.xml, 'w:jc', 'w:val')).toBe('center');
    // off the line grid, so LibreOffice keeps the exact height instead of rounding to 28.95 pt rows
    expect(mark.xml).toContain('<w:snapToGrid w:val="0"/>');

    const line = find(issued.pages[0]!, '市人大常委会党组文件')!;
    expect(Math.abs((line.xMin + line.xMax) / 2 - PT.pageW / 2)).toBeLessThan(3);
    const ink = headInk(rasterPage(issued.pdf, 1, 300));
    const markInk = ink.red.find((b) => b.bottom - b.top > 5)!;
    expect(Math.abs(markInk.top - TYPE_TOP_MM - 35)).toBeLessThanOrEqual(1);
    // nothing above it but nothing: no 份号/密级 were set
    expect(ink.dark.filter((b) => b.top < markInk.top)).toEqual([]);
  });

  it('发文字号 centred two empty rows below the 标志; the red rule 4 mm under it, 版心 wide; the title two rows below the rule', () => {
    const page = issued.pages[0]!;
    const number = find(page, '人大党组发')!;
    expect(number.text).toBe('人大党组发〔2026〕3号');
    expect(Math.abs((number.xMin + number.xMax) / 2 - PT.pageW / 2)).toBeLessThan(3);
    const r = rasterPage(issued.pdf, 1, 300);
    const ink = headInk(r);
    const markInk = ink.red.find((b) => b.bottom - b.top > 5)!;
    const numberInk = ink.dark.find((b) => b.top > mmOf(number.yMin) - 1 && b.bottom < mmOf(number.yMax) + 1)!;
    // the 发文字号 sits on the third row under the 标志: two empty rows between
    expect(numberInk.top - markInk.bottom).toBeGreaterThan(2 * ROW_MM);
    expect(numberInk.top - markInk.bottom).toBeLessThan(3 * ROW_MM);
    expect(ink.redRules).toHaveLength(1);
    const rule = ink.redRules[0]!;
    expect(Math.abs(rule.top - numberInk.bottom - 4)).toBeLessThanOrEqual(1);
    expect(rule.bottom - rule.top).toBeLessThan(1);
    // 版心 wide: the red pixels of the rule run from 28 mm to 184 mm
    const y = mmToPx(r, (rule.top + rule.bottom) / 2);
    const red = [...Array(r.width).keys()].filter((x) => isRed(r.rgb(x, y)));
    expect(Math.abs((red[0]! / r.dpi) * 25.4 - 28)).toBeLessThan(1);
    expect(Math.abs(((red.at(-1)! + 1) / r.dpi) * 25.4 - 184)).toBeLessThan(1);
    const titleInk = ink.dark.find((b) => b.top > rule.bottom)!;
    expect(titleInk.top - rule.bottom).toBeGreaterThan(2 * ROW_MM);
    expect(titleInk.top - rule.bottom).toBeLessThan(2 * ROW_MM + 4);
  });

  it('套打 leaves the 版头 area blank for pre-printed paper: no red, the 发文字号 and the title exactly where they are with the red 版头', () => {
    const ink = headInk(rasterPage(blank.pdf, 1, 300));
    expect(ink.red).toEqual([]);
    const title = (p: Produced) => find(p.pages[0]!, '关于印发')!;
    expect(title(blank).yMin).toBeCloseTo(title(issued).yMin, 0);
    expect(find(blank.pages[0]!, '人大党组发')!.yMin).toBeCloseTo(find(issued.pages[0]!, '人大党组发')!.yMin, 0);
    expect(find(blank.pages[0]!, '市人大常委会党组文件')).toBeUndefined();
  });

  it('上行文 (the report): 签发人 右空一字 in 楷体, several names two to a row, the 发文字号 左空一字 on the last 签发人 row', () => {
    const page = report.pages[0]!;
    const label = find(page, '签发人')!;
    const third = page.lines.find((l) => l.text === '王五')!;
    // 签发人：张三 李四 on one row ending one character in; 王五 on the next row under 张三
    expect(label.text).toBe('签发人：张三李四');
    expect(Math.abs(label.xMax - (PT.pageW - PT.right - 15.75))).toBeLessThan(3);
    expect(Math.abs(third.xMin - (label.xMin + 4 * 15.75))).toBeLessThan(1);
    expect(third.yMin - label.yMin).toBeCloseTo(28.95, 0);
    const number = find(page, '某局党组〔2026〕5号')!;
    expect(Math.abs(number.yMin - third.yMin)).toBeLessThan(1);
    expect(Math.abs(number.xMin - (PT.left + 15.75))).toBeLessThan(2);
    const xml = report.parts.get('word/document.xml')!;
    const names = paragraphs(xml).find((p) => p.text.startsWith('签发人：'))!;
    expect(names.xml).toMatch(/w:eastAsia="楷体_GB2312"[^]*张三/);
    // 主送 the superior organ, the ledger as its 附件 with the 附件说明
    expect(page.lines.some((l) => l.text === '中共某某市委：')).toBe(true);
    const text = report.pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n');
    expect(text).toMatch(/\n附件：中共某某局党组关于/);
    expect(report.pages.some((p) => p.width > p.height)).toBe(true);
  });
});

describe('印发通知 in front of the plan', () => {
  it('the notice is page 1: its title, 主送, the one-paragraph body, 落款 and date; the plan starts page 2 with its own title and no 附件说明 for it', () => {
    const one = issued.pages[0]!.lines.map((l) => l.text).join('');
    expect(issued.pages[0]!.lines.slice(2, 5).map((l) => l.text)).toEqual(['中共XX市人大常委会党组关于印发', '《中共XX市人大常委会党组2025年度', '民主生活会查摆问题整改方案》的通知']);
    expect(one).toContain('机关各部门、各党支部：');
    expect(one).toContain('现将《中共XX市人大常委会党组2025年度民主生活会查摆问题整改方案》印发给你们');
    expect(one).toContain('2025年12月15日');
    expect(one).not.toContain('指导思想');
    const second = bodyRows(issued.pages[1]!);
    expect(second[0]!.slot).toBe(0);
    expect(second[0]!.text).toBe('中共XX市人大常委会党组');
    expect(second[1]!.text).toBe('2025年度民主生活会查摆问题整改方案');
    // the issued plan is not an 附件 of the notice, and its 主送 is the notice's
    expect(one).not.toMatch(/附件：/);
    expect(second.some((r) => r.text.startsWith('机关各部门'))).toBe(false);
    // the plan's own 落款 and date are the notice's: not printed again
    const planPages = issued.pages.slice(1, -2);
    expect(planPages.some((p) => p.lines.some((l) => l.text === '2025年12月15日'))).toBe(false);
  });

  it('22 rows × 28 characters on the text pages; under the 版头 the rows run on at the same pitch', () => {
    const portrait = issued.pages.filter((p) => p.height > p.width && find(p, '抄送') === undefined && p.lines.length > 0);
    const textPages = portrait.slice(1);
    for (const page of textPages) {
      for (const r of bodyRows(page)) {
        expect(r.slot).toBeGreaterThanOrEqual(0);
        expect(r.slot).toBeLessThanOrEqual(21);
        expect(Math.abs(r.yCenter - (PT.top + (r.slot + 0.5) * PT.pitch))).toBeLessThan(6);
      }
    }
    // the plan's full pages (all but its last) hold 22 rows
    const full = textPages.slice(0, -1);
    expect(full.length).toBeGreaterThan(0);
    for (const page of full) expect(Math.max(...bodyRows(page).map((r) => r.slot)) + 1).toBeGreaterThanOrEqual(20);
    expect(full.filter((page) => bodyRows(page).length === 22).length).toBeGreaterThan(0);
    const counts = textPages.flatMap((page) => fullLineCounts(bodyRows(page)));
    expect(counts.length).toBeGreaterThan(10);
    expect(counts.filter((n) => n !== 28 && n !== 27)).toEqual([]);
    // page 1 below the red rule: title, 主送, body and signature on the 28.95 pt pitch
    const rule = redRule(issued.pdf);
    const below = issued.pages[0]!.lines.filter((l) => mmOf(l.yMin) > rule.bottom && mmOf(l.yMax) < TYPE_BOTTOM_MM);
    const centres = below.map((l) => (l.yMin + l.yMax) / 2).sort((a, b) => a - b);
    expect(centres.length).toBeGreaterThan(4);
    // (the same 6 pt allowance for the title face as on the other pages)
    for (const c of centres) expect(Math.abs(((c - centres[0]!) / PT.pitch - Math.round((c - centres[0]!) / PT.pitch)) * PT.pitch)).toBeLessThan(6);
  });
});

describe('版记 (GB/T 9704-2012 §7.4) on the last page', () => {
  it('抄送 in 4号仿宋 ending in 。, 印发机关 左空一字 and 印发日期 右空一字; the last rule on the 版心 lower edge; thick rules outside, thin between', () => {
    const last = issued.pages.at(-1)!;
    expect(last.height).toBeGreaterThan(last.width);
    const cc = find(last, '抄送')!;
    expect(cc.text).toBe('抄送：市纪委监委，市委组织部。');
    expect(Math.abs(cc.xMin - (PT.left + 14))).toBeLessThan(2);
    const by = find(last, '中共XX市人大常委会党组办公室')!;
    const on = find(last, '2026年1月5日印发')!;
    expect(Math.abs(by.xMin - (PT.left + 14))).toBeLessThan(2);
    expect(Math.abs(on.xMax - (PT.pageW - PT.right - 14))).toBeLessThan(3);
    expect(Math.abs(on.yMin - by.yMin)).toBeLessThan(1);
    expect(cc.yMin).toBeLessThan(by.yMin);
    const r = rasterPage(issued.pdf, issued.pages.length, 300);
    const rules = horizontalRules(r, isDark, 0.9, mmToPx(r, 28), mmToPx(r, 184));
    expect(rules).toHaveLength(3);
    expect(Math.abs((rules[2]!.top + rules[2]!.bottom) / 2 - TYPE_BOTTOM_MM)).toBeLessThanOrEqual(1);
    const thickness = rules.map((b) => b.bottom - b.top);
    expect(thickness[0]).toBeGreaterThan(thickness[1]!);
    expect(thickness[2]).toBeGreaterThan(thickness[1]!);
    // above the 版记 the page is empty
    expect(last.lines.every((l) => l.yMin >= cc.yMin - 1)).toBe(true);
  });

  it('no page number on the 版记 page nor on the blank page that 双面印刷 puts before it, so the 版记 is on an even page', () => {
    const numbered = issued.pages.filter((p) => footerLines(p).some((l) => /^—\d+—$/.test(l.text)));
    const last = issued.pages.length;
    expect(last % 2).toBe(0);
    const blankPage = issued.pages[last - 2]!;
    expect(blankPage.lines).toEqual([]);
    expect(footerLines(issued.pages[last - 1]!)).toEqual([]);
    for (const page of issued.pages.filter((p) => p.height > p.width).slice(0, -2)) expect(numbered).toContain(page);
    // the docx: a blank section and the 版记 section, both with footers that hold no PAGE field
    const xml = issued.parts.get('word/document.xml')!;
    const sections = xml.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)!;
    expect(sections).toHaveLength(4);
    const rels = issued.parts.get('word/_rels/document.xml.rels')!;
    const footer = (sect: string, type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(sect)![1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
      return issued.parts.get(`word/${target[1] ?? target[2]}`)!;
    };
    for (const sect of sections.slice(2)) for (const type of ['default', 'even']) expect(footer(sect, type)).not.toContain('PAGE');
    expect(footer(sections[3]!, 'default')).toContain('抄送：');
    expect(attr(sections[3]!, 'w:pgMar', 'w:footer')).toBe(String(1984 - 20));
    // Without 双面印刷 the 版记 page follows the last page directly.
    const single = buildPreview(issued.doc, { ...issued.settings, duplex: false });
    expect(single.pages.length).toBe(issued.pages.length - 1);
  });

  it('python-docx reads the same structure: sections, the red 标志 run, the plan title on a new page, the 版记 table in the last footer', () => {
    const script = [
      'import docx, sys, json',
      'd = docx.Document(sys.argv[1])',
      'ps = d.paragraphs',
      'mark = next(p for p in ps if p.text == "中共XX市人大常委会党组文件")',
      'plan = next(p for p in ps if p.paragraph_format.page_break_before)',
      'last = d.sections[-1]',
      'print(json.dumps({',
      '  "sections": [[s.page_width.twips, s.page_height.twips, s.footer_distance.twips, int(s.orientation)] for s in d.sections],',
      '  "markColor": str(mark.runs[0].font.color.rgb),',
      '  "first": [p.text for p in ps[:12] if p.text],',
      '  "planTitle": plan.text,',
      '  "colophon": [c.text for r in last.footer.tables[0].rows for c in r.cells],',
      '  "blankFooter": d.sections[-2].footer.paragraphs[0].text,',
      '}, ensure_ascii=False))',
    ].join('\n');
    const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, issued.docx], { encoding: 'utf8' })) as {
      sections: number[][];
      markColor: string;
      first: string[];
      planTitle: string;
      colophon: string[];
      blankFooter: string;
    };
    expect(out.sections.map((s) => s[3])).toEqual([0, 1, 0, 0]);
    expect(out.sections[3]![2]).toBe(1964);
    expect(out.markColor).toBe('FF0000');
    expect(out.first.slice(0, 5)).toEqual(['中共XX市人大常委会党组文件', '人大党组发〔2026〕3号', '中共XX市人大常委会党组关于印发', '《中共XX市人大常委会党组2025年度', '民主生活会查摆问题整改方案》的通知']);
    expect(out.planTitle).toBe('中共XX市人大常委会党组');
    expect(out.colophon).toEqual(['抄送：市纪委监委，市委组织部。', '中共XX市人大常委会党组办公室\t2026年1月5日印发']);
    expect(out.blankFooter).toBe('');
  });
});

describe('the in-app preview', () => {
  it('has the rendered document’s pages: notice, plan, ledger, blank and 版记 pages, with the rows of each text page', () => {
    const preview = buildPreview(issued.doc, issued.settings);
    expect(preview.pages.length).toBe(issued.pages.length);
    expect(preview.pages.map((p) => p.part)).toEqual(
      issued.pages.map((p, i) => {
        if (i === 0) return 'notice';
        if (p.width > p.height) return 'ledger';
        if (i === issued.pages.length - 1) return 'colophon';
        if (i === issued.pages.length - 2) return 'blank';
        return 'plan';
      }),
    );
    expect(preview.pages.filter((p) => !p.numbered).map((p) => p.number)).toEqual([issued.pages.length - 1, issued.pages.length]);
    const first = preview.pages[0]!;
    expect(first.rules).toHaveLength(1);
    expect(first.lines.find((l) => l.red)!.runs[0]!.text).toBe('中共XX市人大常委会党组文件');
    issued.pages.forEach((page, i) => {
      const p = preview.pages[i]!;
      if (i === 0 || p.part !== 'plan') return;
      expect(p.lines.length, `rows on page ${page.number}`).toBe(Math.max(...bodyRows(page).map((r) => r.slot)) + 1);
    });
    // page 1: the rows under the 版头 as LibreOffice lays them out
    const rule = redRule(issued.pdf);
    const centres = issued.pages[0]!.lines.filter((l) => mmOf(l.yMin) > rule.bottom && mmOf(l.yMax) < TYPE_BOTTOM_MM).map((l) => (l.yMin + l.yMax) / 2);
    const renderedRows = Math.round((Math.max(...centres) - Math.min(...centres)) / PT.pitch) + 1;
    expect(first.lines.filter((l) => l.row >= 0).length).toBe(renderedRows);
    // the preview's rows start where LibreOffice puts the title: under the 版头, not on the page grid
    const titleTop = first.lines.find((l) => l.row === 0)!.top!;
    expect(Math.abs(PT.top + titleTop / 20 + PT.pitch / 2 - Math.min(...centres))).toBeLessThan(6);
    const colophon = preview.pages.at(-1)!;
    expect(colophon.rules.map((r) => r.top)).toEqual([12756 - 2 * 579, 12756 - 579, 12756]);
  });
});
