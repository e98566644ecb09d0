// Family 1 of issue 13: web-page furniture before the document is dropped (listed, never silently), and
// the title is found behind it; the real 一、 sections stay top-level.
import { describe, expect, it } from 'vitest';
import { webFurnitureReason } from '../../../../shared/importer/web-furniture.ts';
import { WEB_PAGES } from '../family-texts.ts';
import { outline, parse } from './parse.ts';

describe('web-page furniture (family 1)', () => {
  it.each([
    ['当前位置：首页 >> 政务公开 >> 政策文件', '当前位置导航'],
    ['首页 > 新闻中心 > 部门动态', '当前位置导航'],
    ['首页→政务公开→规划计划', '当前位置导航'],
    ['-> 要闻 -> 通知公告', '当前位置导航'],
    ['字体大小：大 中 小', '字号切换'],
    ['【字号：大 中 小】', '字号切换'],
    ['关怀版 无障碍', '关怀版/无障碍切换'],
    ['【打印】【关闭】', '打印/关闭/分享按钮'],
    ['朗读 分享 收藏', '打印/关闭/分享按钮'],
    ['索引号：11500000MB1234567X/2025-00088', '信息公开目录'],
    ['发布机构：XX县农业农村局', '信息公开目录'],
    ['| 信息索引号 | 000012345/2025-00123 | 主题分类 | 综合政务 |', '信息公开目录表格'],
    ['|---|---|---|---|', '表格分隔线'],
    ['发布时间：2025-06-10 来源：市政府办公室 访问量：1234', '发布信息'],
    ['2025-06-10 09:30 来源：XX日报', '发布信息'],
    ['主办单位：XX市人民政府办公室 网站标识码：1234000001', '网站页脚'],
  ])('drops “%s” as %s', (line, reason) => {
    expect(webFurnitureReason(line)).toBe(reason);
  });

  it('drops a Word/HTML metadata table row by its cells', () => {
    expect(webFurnitureReason('信息索引号\t0001/2025\t生成日期\t2025-06-10', ['信息索引号', '0001/2025', '生成日期', '2025-06-10'])).toBe('信息公开目录表格');
    expect(webFurnitureReason('序号\t问题\t整改措施', ['序号', '问题', '整改措施'])).toBeNull();
  });

  it.each([
    '分享会经验做法，打印成册发至各支部。',
    '一、关于“当前位置”栏目信息更新不及时的问题',
    '来源于群众反映的问题，要逐件核实，限期办结，并将结果向群众反馈。发布时间：按要求在门户网站公开。',
    '组织干部学习《条例》，由机关党委负责。',
    '打印机、复印机等办公设备未登记入账。',
    '个人申请→支部审核→党委审批',
    '满意度>90%',
  ])('keeps content that merely mentions such words: %s', (line) => {
    expect(webFurnitureReason(line)).toBeNull();
  });

  it('finds the title behind the furniture, keeps 主送 and the real 一、 sections top-level', () => {
    const { json, dropped, warnings } = parse(WEB_PAGES[0]!.text);
    expect(json.title).toBe('XX市人民政府办公室关于进一步压减审批时限的整改方案');
    expect(json.addressee).toBe('各县（市、区）人民政府，市政府各部门');
    expect(json.preamble).toEqual(['为切实抓好营商环境专项督查反馈问题整改，制定本方案。']);
    expect(outline(json.sections)).toEqual(['一、总体要求', '二、整改任务', '  1.压减审批时限', '  2.规范涉企检查', '三、保障措施']);
    // Every furniture line is listed, never dropped silently — the repeated page title too.
    const debris = dropped.filter((d) => d.reason === 'debris').map((d) => d.text);
    expect(debris).toContain('当前位置：首页 >> 政务公开 >> 政策文件');
    expect(debris).toContain('| 发布机构 | XX市人民政府办公室 | 生成日期 | 2025-06-10 |');
    expect(debris).toContain('扫一扫在手机打开当前页');
    expect(debris.filter((d) => d === 'XX市人民政府办公室关于进一步压减审批时限的整改方案')).toHaveLength(1);
    for (const d of debris) expect(warnings.some((w) => w.includes(d))).toBe(true);
  });

  it('takes the document title, not the browser page title with its column and site names', () => {
    const { json } = parse(WEB_PAGES[1]!.text);
    expect(json.title).toBe('关于巡察反馈问题整改落实情况的通报');
    expect(json.addressee).toBe('局属各单位');
    expect(json.sections.map((s) => s.marker + s.heading)).toEqual(['一、整改工作开展情况', '二、反馈问题整改落实情况']);
  });

  it('drops site and column names standing above the title when the page shows furniture', () => {
    const { json, dropped } = parse(WEB_PAGES[2]!.text);
    expect(json.title).toBe('XX省审计厅关于省直单位预算执行审计发现问题整改情况的报告');
    expect(dropped.map((d) => d.text)).toEqual(expect.arrayContaining(['XX省审计厅', '审计公告', '首页 > 审计公告 > 整改情况']));
    expect(json.preamble).toEqual(['根据省人大常委会审议意见，现将有关整改情况报告如下。']);
  });

  it('drops a metadata block listed as “• 标签：” lines with the values below them, not taking it for the 主送', () => {
    const { json, dropped } = parse(WEB_PAGES[3]!.text);
    expect(json.title).toBe('XX市司法局关于法治督察反馈问题的整改方案');
    expect(json.addressee).toBe('局机关各处室');
    expect(dropped.map((d) => d.text)).toEqual(expect.arrayContaining(['• 信息索引号：', '000012345/2025-00123', '• 发布机构：', 'XX市司法局', '2025-07-01']));
    expect(json.sections.map((s) => s.heading)).toEqual(['整改任务', '保障措施']);
  });

  it('keeps a 版头 above the title as preamble when the text has no web furniture', () => {
    const { json, dropped } = parse('中共XX局委员会文件\nXX党发〔2025〕12号\n中共XX局委员会关于巡察反馈意见的整改方案\n为抓好整改，制定本方案。\n一、整改任务\n1.健全制度。\n');
    expect(json.title).toBe('中共XX局委员会关于巡察反馈意见的整改方案');
    expect(json.preamble.slice(0, 2)).toEqual(['中共XX局委员会文件', 'XX党发〔2025〕12号']);
    expect(dropped).toEqual([]);
  });

  it('explains each dropped line and the title in the notes, and brings a line back when the user restores it', () => {
    const text = WEB_PAGES[0]!.text;
    const first = parse(text);
    const crumb = first.notes.find((n) => n.kind === 'dropped' && n.line.startsWith('当前位置'))!;
    expect(crumb).toMatchObject({ correctable: true });
    expect(crumb.reason).toContain('当前位置导航');
    expect(first.notes.find((n) => n.kind === 'title')!.reason).toMatch(/以“方案”结尾/);
    const again = parse(text, { corrections: { restore: [crumb.line] } });
    expect(again.dropped.map((d) => d.text)).not.toContain(crumb.line);
    expect(JSON.stringify(again.document)).toContain('当前位置：首页');
  });
});
