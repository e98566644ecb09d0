// Issue 13 "Done when": `rectify parse FILE --json` gives the plan's own title, sections and fields for
// each family's examples — run through the real CLI as a user runs it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLOSINGS,
  COVER_NOTICES,
  GLUED_NUMBERS,
  INLINE_FIELDS,
  OWNERS,
  REPORT_FRONTS,
  SLOGANS,
  UNNUMBERED,
  WEB_PAGES,
  type FamilyText,
} from '../../unit/import/family-texts.ts';
import type { ParseJson, ParseNodeJson } from '../../../shared/importer/project.ts';
import { tempDir } from '../../helpers/temp.ts';
import { runCli, write } from './helpers.ts';

function parseCli(family: FamilyText): ParseJson {
  const file = write(path.join(tempDir(), 'plan.txt'), family.text);
  const run = runCli(['parse', file, '--json', '--data', tempDir()]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ParseJson;
}

const top = (json: ParseJson) => json.sections.map((s) => s.marker + s.heading);
const leaves = (nodes: ParseNodeJson[]): ParseNodeJson[] => nodes.flatMap((n) => (n.children.length === 0 ? [n] : leaves(n.children)));

describe('rectify parse --json over the issue-13 families', () => {
  it('1 web furniture: the title behind it and the real 一、 sections at the top', () => {
    const json = parseCli(WEB_PAGES[0]!);
    expect(json.title).toBe('XX市人民政府办公室关于进一步压减审批时限的整改方案');
    expect(top(json)).toEqual(['一、总体要求', '二、整改任务', '三、保障措施']);
    expect(json.warnings.some((w) => w.includes('当前位置'))).toBe(true);
  });
  it('2 cover notice: the plan is the document, the notice is kept', () => {
    const json = parseCli(COVER_NOTICES[0]!);
    expect(json.title).toBe('XX县落实巡视反馈意见整改工作方案');
    expect(json.notice).toMatchObject({ issuer: '中共XX县委办公室', date: '2025年9月2日' });
    expect(top(json)).toEqual(['一、整改目标', '二、整改任务', '三、工作要求']);
    expect(leaves(json.sections).find((n) => n.heading === '健全意识形态工作责任清单')!.measure).toMatchObject({ department: '县委宣传部', deadline: '2025年10月底前' });
  });
  it('3 inline fields', () => {
    const json = parseCli(INLINE_FIELDS[0]!);
    expect(leaves(json.sections)[0]!.measure).toEqual({ leader: '副秘书长 王某', department: '办公室、研究室', person: null, deadline: '2026年6月30日前', status: null });
  });
  it('4 glued item numbers', () => {
    const json = parseCli(GLUED_NUMBERS[0]!);
    expect(leaves(json.sections).map((n) => n.marker)).toEqual(['1.', '2.', '3.', '4.', '5.']);
  });
  it('5 closing formula', () => {
    const json = parseCli(CLOSINGS[0]!);
    expect(json.closing).toEqual(['特此报告。']);
    expect(top(json)).toEqual(['一、整改情况', '二、下一步打算']);
  });
  it('6 unnumbered headings', () => {
    const json = parseCli(UNNUMBERED[0]!);
    expect(json.sections.map((s) => s.heading)).toHaveLength(4);
    expect(json.sections[0]!.heading).toBe('坚持思想引领“铸魂”，筑牢干部队伍信念根基');
  });
  it('7 no owner from 专人', () => {
    const json = parseCli(OWNERS[0]!);
    expect(leaves(json.sections)[0]!.measure!.department).toBeNull();
  });
  it('8 report front matter', () => {
    const json = parseCli(REPORT_FRONTS[0]!);
    expect(json.title).toBe('关于2025年度审计查出问题整改情况的报告');
    expect(json.addressee).toBeNull();
    expect(top(json)).toEqual(['一、整改工作的部署推进情况', '二、审计查出问题的整改情况']);
  });
  it('1+2 a saved government web page (.html): metadata table, breadcrumbs and buttons dropped, the plan behind its notice', () => {
    const html = `<!DOCTYPE html><html><head><title>关于印发《XX市营商环境问题整改方案》的通知_政策文件_XX市人民政府</title></head><body>
<div>当前位置：<a>首页</a> &gt;&gt; <a>政务公开</a> &gt;&gt; <a>政策文件</a></div><div>字体大小：<a>大</a> <a>中</a> <a>小</a></div>
<table><tr><td>索引号：</td><td>000012345/2025-00123</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>XX市人民政府办公室</td><td>生成日期：</td><td>2025-06-10</td></tr></table>
<h1>XX市人民政府办公室关于印发《XX市营商环境问题整改方案》的通知</h1><p>各县（市、区）人民政府，市政府各部门：</p>
<p>现将《XX市营商环境问题整改方案》印发给你们，请认真贯彻落实。</p><p>XX市人民政府办公室</p><p>2025年6月9日</p>
<p>XX市营商环境问题整改方案</p><p>一、整改任务</p><p>1.压减审批时限。牵头单位：市政务服务局；完成时限：2025年9月底前。</p>
<p>二、保障措施</p><p>加强督促检查。</p><div>【打印本页】【关闭窗口】</div></body></html>`;
    const file = write(path.join(tempDir(), '通知.html'), html);
    const run = runCli(['parse', file, '--json', '--data', tempDir()]);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as ParseJson;
    expect(json.title).toBe('XX市营商环境问题整改方案');
    expect(json.notice).toMatchObject({ addressee: '各县（市、区）人民政府，市政府各部门', date: '2025年6月9日' });
    expect(top(json)).toEqual(['一、整改任务', '二、保障措施']);
    expect(leaves(json.sections)[0]!.measure).toMatchObject({ department: '市政务服务局', deadline: '2025年9月底前' });
    expect(json.warnings.filter((w) => w.startsWith('已去除网页杂项'))).toHaveLength(5);
  });
  it('9 slogans are not counts', () => {
    const json = parseCli(SLOGANS[0]!);
    expect(json.warnings.filter((w) => w.startsWith('核对数字'))).toEqual([]);
  });
});
