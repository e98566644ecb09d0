import { describe, expect, it } from 'vitest';
import { buildPlanLayout, type Block } from '../../../electron/services/export/blocks.ts';
import { buildIssuedLayout } from '../../../electron/services/export/issued-layout.ts';
import { layoutLetterhead, MARK_TOP, RULE_GAP, markSize, type LetterheadInput } from '../../../electron/services/export/letterhead.ts';
import { letterheadXml } from '../../../electron/services/export/letterhead-xml.ts';
import { ccText, layoutColophon } from '../../../electron/services/export/colophon.ts';
import { needsBlankBeforeColophon, paginateIssued } from '../../../electron/services/export/preview.ts';
import { FONT_PROFILES_BY_ID, runFont } from '../../../electron/services/export/fonts.ts';
import { CELL, LINE_PITCH, TEXT_HEIGHT, TEXT_WIDTH } from '../../../electron/services/export/metrics.ts';
import { resolveExportSettings, type ExportSettingsPatch } from '../../../shared/domain/export-settings.ts';
import { emptyDocument, emptyMeasure, type DocNode, type PlanDocument } from '../../../shared/domain/document.ts';

const text = (b: Block) => b.runs.map((r) => r.text).join('');

function plan(): PlanDocument {
  const measure = (heading: string): DocNode => ({
    kind: 'measure',
    heading,
    body: ['具体做法。'],
    style: {},
    measure: { ...emptyMeasure(), department: '办公室', deadline: '长期坚持' },
    problemKeys: [],
    children: [],
  });
  return {
    ...emptyDocument('中共××局党组关于巡察反馈意见的整改方案'),
    addressee: '机关各处室',
    preamble: ['为抓好整改，制定本方案。'],
    sections: [{ kind: 'section', heading: '整改措施', body: [], style: {}, measure: null, problemKeys: [], children: [measure('健全制度'), measure('压实责任')] }],
    issuer: '中共××局党组',
    date: '2026年1月5日',
  };
}

const issued = (patch: ExportSettingsPatch, doc = plan()) => buildIssuedLayout(doc, resolveExportSettings(patch));

describe('the issued layout', () => {
  it('without 发文设置 it is the plan’s layout: no 版头, no notice, no 版记', () => {
    const layout = issued({});
    expect(layout.blocks).toEqual(buildPlanLayout(plan(), resolveExportSettings({})).blocks);
    expect([layout.letterhead, layout.colophon, layout.planStart]).toEqual([null, null, 0]);
  });

  it('印发通知: the notice first (title, 主送, body, 落款, date), the plan from a new page without the 主送 and 落款 the notice carries', () => {
    const layout = issued({ docType: 'notice' });
    const notice = layout.blocks.slice(0, layout.planStart);
    expect(notice.filter((b) => b.kind === 'title').map(text).join('')).toBe('中共××局党组关于印发《中共××局党组关于巡察反馈意见的整改方案》的通知');
    expect(notice.find((b) => b.kind === 'addressee')!.runs[0]!.text).toBe('机关各处室：');
    expect(notice.filter((b) => b.kind === 'body').map(text)).toEqual(['现将《中共××局党组关于巡察反馈意见的整改方案》印发给你们，请结合实际认真抓好落实。']);
    expect(notice.filter((b) => b.kind === 'signature' || b.kind === 'date').map(text)).toEqual(['中共××局党组', '2026年1月5日']);
    const planBlocks = layout.blocks.slice(layout.planStart);
    expect(planBlocks[0]!.kind).toBe('title');
    expect(planBlocks[0]!.pageBreakBefore).toBe(true);
    expect(planBlocks.some((b) => b.kind === 'addressee' || b.kind === 'signature' || b.kind === 'date')).toBe(false);
    // the issued plan is not an 附件 of the notice
    expect(notice.some((b) => b.kind === 'attachment-note')).toBe(false);
    const kept = issued({ docType: 'notice', planSignatureWithNotice: true }).blocks;
    expect(kept.filter((b) => b.kind === 'signature').length).toBe(2);
  });

  it('a 报告 may name its superior organ as 主送 instead of the plan’s', () => {
    const layout = issued({ docType: 'report', addressee: '中共××市委' });
    expect(layout.blocks.find((b) => b.kind === 'addressee')!.runs[0]!.text).toBe('中共××市委：');
  });

  it('版头 defaults: the 标志 is the 落款 + 文件; faults of the 发文字号 and missing 签发人 of a 报告 are named', () => {
    const red = issued({ letterhead: 'red', docNumber: '××党组发〔2026〕03号' });
    const mark = red.letterhead!.rows.find((r) => r.kind === 'mark')!;
    expect(mark.segments[0]).toMatchObject({ text: '中共××局党组文件', red: true, role: 'xbs', x: 'center' });
    expect(red.warnings).toContain('发文字号“××党组发〔2026〕03号”：序号不编虚位（写3号，不写03号）。');
    expect(issued({ letterhead: 'red', docType: 'report', docNumber: '××党组〔2026〕3号' }).warnings).toContain('上行文应标注签发人，请在发文设置中填写。');
    expect(issued({ letterhead: 'red', signers: ['张三'] }).warnings).toContain('签发人只在上行文（报告、请示）的版头中标注，已略去。');
    const noIssuer = issued({ letterhead: 'red' }, { ...plan(), issuer: null });
    expect(noIssuer.warnings).toContain('没有发文机关标志：请在发文设置中填写发文机关，或给方案填写落款。');
    expect(noIssuer.letterhead!.rows.find((r) => r.kind === 'mark')!.segments).toEqual([]);
  });

  it('版记 defaults: 印发机关 the 落款’s office, 印发日期 the 成文日期; 抄送 ends in 。', () => {
    const layout = issued({ colophon: true, cc: '市纪委监委，市委组织部' });
    expect(layout.colophon!.rows.map((r) => [r.kind, r.lines])).toEqual([
      ['cc', ['抄送：市纪委监委，市委组织部。']],
      ['printed', ['中共××局党组办公室', '2026年1月5日印发']],
    ]);
    const own = issued({ colophon: true, printedBy: '××局办公室', printedOn: '2026-01-08' });
    expect(own.colophon!.rows.map((r) => r.lines)).toEqual([['××局办公室', '2026年1月8日印发']]);
  });
});

describe('版头 geometry', () => {
  const input: LetterheadInput = {
    mode: 'red',
    copyNumber: null,
    secrecy: null,
    urgency: null,
    organs: ['中共××局党组'],
    suffix: '文件',
    docNumber: '××党组发〔2026〕3号',
    signers: [],
    upward: false,
  };

  it('标志 35 mm down, the rule 4 mm under the 发文字号, the title two rows under the rule; 套打 keeps every height', () => {
    const head = layoutLetterhead(input);
    expect(head.markTop).toBe(MARK_TOP);
    const numberRow = head.rows.findIndex((r) => r.kind === 'number');
    const numberTop = head.rows.slice(0, numberRow).reduce((h, r) => h + r.height, 0);
    expect(head.ruleY - numberTop).toBeGreaterThan(RULE_GAP);
    expect(head.ruleY - numberTop).toBeLessThan(LINE_PITCH + RULE_GAP);
    expect(head.height - head.ruleY).toBe(2 * LINE_PITCH);
    const blank = layoutLetterhead({ ...input, mode: 'blank' });
    expect(blank.rows.map((r) => r.height)).toEqual(head.rows.map((r) => r.height));
    expect(blank.rows.flatMap((r) => r.segments).map((s) => s.text)).toEqual(['××党组发〔2026〕3号']);
    expect(blank.rows.some((r) => r.rule)).toBe(false);
  });

  it('份号 (six digits), 密级 and 紧急程度 occupy the first rows without moving the 标志', () => {
    const head = layoutLetterhead({ ...input, copyNumber: '7', secrecy: '秘密★1年', urgency: '特急' });
    expect(head.rows.slice(0, 3).map((r) => r.segments[0]!.text)).toEqual(['000007', '秘密★1年', '特急']);
    expect(head.rows.slice(1, 3).map((r) => r.segments[0]!.role)).toEqual(['hei', 'hei']);
    expect(head.markTop).toBe(MARK_TOP);
    expect(head.height).toBe(layoutLetterhead(input).height);
  });

  it('上行文: “签发人：” and two names a row 右空一字, further names under the first, the 发文字号 左空一字 on the last row', () => {
    const head = layoutLetterhead({ ...input, upward: true, signers: ['张三', '李四', '王五'] });
    const rows = head.rows.filter((r) => r.kind === 'number');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.segments.map((s) => s.text)).toEqual(['签发人：', '张三', '李四']);
    expect(rows[1]!.segments.map((s) => s.text)).toEqual(['××党组发〔2026〕3号', '王五']);
    const [label, first, second] = rows[0]!.segments as { x: number; role: string }[];
    expect([first!.role, second!.role]).toEqual(['kai', 'kai']);
    expect(second!.x + 2 * CELL).toBe(TEXT_WIDTH - CELL);
    expect(label!.x + 4 * CELL).toBe(first!.x);
    expect(rows[1]!.segments[0]!.x).toBe(CELL);
    expect(rows[1]!.segments[1]!.x).toBe(first!.x);
    const xml = letterheadXml(head, (role) => runFont(FONT_PROFILES_BY_ID.windows, role, 'Times New Roman'));
    // “签发人：” runs straight into the first name; the second name and the 发文字号 row use tab stops
    expect(xml).toMatch(/签发人：<\/w:t><\/w:r><w:r><w:rPr><w:rFonts[^>]*w:eastAsia="楷体_GB2312"[^>]*\/><\/w:rPr><w:t xml:space="preserve">张三/);
    expect(xml).toContain(`<w:tab w:val="left" w:pos="${first!.x}"/>`);
    expect(xml.match(/<w:snapToGrid w:val="0"\/>/g)!.length).toBe(head.rows.length);
  });

  it('联合行文: the organs stacked in a borderless table, 文件 to their right; long names get a smaller 标志 that still fits', () => {
    const head = layoutLetterhead({ ...input, organs: ['中共××市委办公室', '××市人民政府办公室'] });
    const mark = head.rows.find((r) => r.kind === 'mark')!;
    expect(mark.joint).toMatchObject({ organs: ['中共××市委办公室', '××市人民政府办公室'], suffix: '文件' });
    expect(mark.height).toBe(2 * mark.joint!.lineHeight);
    const xml = letterheadXml(head, (role) => runFont(FONT_PROFILES_BY_ID.windows, role, 'Times New Roman'));
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:jc w:val="distribute"/>');
    expect(markSize('中共××局党组文件')).toBe(84);
    expect(markSize('中共北京市朝阳区建外街道工作委员会文件')).toBeLessThan(84);
    const long = '中共北京市朝阳区建外街道工作委员会文件';
    expect(markSize(long) * 10 * [...long].length).toBeLessThanOrEqual(TEXT_WIDTH);
  });
});

describe('版记 and its page', () => {
  it('a long 抄送 wraps after the colon, never starting a line with a closing mark', () => {
    const cc = '市纪委监委，市委组织部，市委宣传部，市委统战部，市委政法委，市委网信办，市直机关工委，市发展改革委，市财政局';
    const c = layoutColophon({ cc, printedBy: '中共××局党组办公室', printedOn: '2026年1月5日' });
    const row = c.rows[0]!;
    expect(row.lines.length).toBeGreaterThan(1);
    expect(row.lines.join('')).toBe(ccText(cc));
    expect(row.lines.slice(1).every((l) => !/^[，。]/.test(l))).toBe(true);
    expect(row.height).toBe(row.lines.length * LINE_PITCH);
    expect(ccText('市纪委监委、')).toBe('抄送：市纪委监委。');
  });

  it('双面印刷 puts a blank page before the 版记 when the pages before it are even; the 版记 page and the blank page carry no number', () => {
    expect([needsBlankBeforeColophon(4, { duplex: true }), needsBlankBeforeColophon(5, { duplex: true }), needsBlankBeforeColophon(4, { duplex: false })]).toEqual([true, false, false]);
    const settings = resolveExportSettings({ colophon: true, duplex: true, ledger: false });
    // one page of text: the 版记 is page 2
    const short = paginateIssued(buildIssuedLayout(plan(), settings), settings);
    expect(short.map((p) => [p.part, p.numbered])).toEqual([
      ['plan', true],
      ['colophon', false],
    ]);
    // two pages of text: a blank page 3, the 版记 page 4
    const longer = { ...plan(), preamble: Array.from({ length: 12 }, () => '为抓好整改，制定本方案，各部门要认真对照，逐条落实到位，确保取得实效。') };
    const pages = paginateIssued(buildIssuedLayout(longer, settings), settings);
    expect(pages.map((p) => [p.part, p.numbered])).toEqual([
      ['plan', true],
      ['plan', true],
      ['blank', false],
      ['colophon', false],
    ]);
    expect(pages[3]!.rules.at(-1)!.top).toBe(TEXT_HEIGHT);
  });

  it('under a 版头 the first page holds the rows that fit below it', () => {
    const settings = resolveExportSettings({ letterhead: 'red', docNumber: '××党组发〔2026〕3号' });
    const layout = buildIssuedLayout(plan(), settings);
    const first = paginateIssued(layout, settings)[0]!;
    const body = first.lines.filter((l) => l.row >= 0);
    expect(body[0]!.top).toBe(layout.letterhead!.height);
    expect(body.every((l, i) => l.top === layout.letterhead!.height + i * LINE_PITCH)).toBe(true);
    expect(first.lines.filter((l) => l.row < 0).map((l) => l.runs[0]!.text)).toEqual(['中共××局党组文件', '××党组发〔2026〕3号']);
    expect(first.rules).toHaveLength(1);
  });
});
