// Family 8 of issue 13: a report's 题注, 报告人 and 称谓 are front matter — kept at the head of the
// preamble with a warning — never the title, the 主送机关 or sections.
import { describe, expect, it } from 'vitest';
import { REPORT_FRONTS } from '../family-texts.ts';
import { parse } from './parse.ts';

describe('report front matter (family 8)', () => {
  it('keeps a dash 题注, the speaker and the 称谓 in the preamble', () => {
    const { json, notes, warnings } = parse(REPORT_FRONTS[0]!.text);
    expect(json.title).toBe('关于2025年度审计查出问题整改情况的报告');
    expect(json.addressee).toBeNull();
    expect(json.preamble.slice(0, 3)).toEqual([
      '——2026年3月20日在XX市第十七届人民代表大会常务委员会第二十一次会议上',
      'XX市审计局局长\u3000刘某某',
      '主任、各位副主任、秘书长、各位委员：',
    ]);
    expect(json.sections.map((s) => s.marker + s.heading)).toEqual(['一、整改工作的部署推进情况', '二、审计查出问题的整改情况']);
    expect(notes.filter((n) => n.kind === 'front-matter').map((n) => n.reason.slice(0, 5))).toEqual(['报告的题注', '报告的报告', '报告的称谓']);
    expect(warnings.some((w) => w.includes('题注'))).toBe(true);
  });

  it('keeps a bracketed 题注 with the speaker and 各位代表：', () => {
    const { json } = parse(REPORT_FRONTS[1]!.text);
    expect(json.title).toBe('XX县人民政府工作报告整改落实情况的报告');
    expect(json.addressee).toBeNull();
    expect(json.preamble.slice(0, 3)).toEqual(['（2026年1月12日在XX县第十九届人民代表大会第五次会议上）', '县人民政府副县长 陈某', '各位代表：']);
    expect(json.sections).toHaveLength(2);
  });

  it('does not take a short heading for a speaker without a 题注 or 称谓 beside it', () => {
    const { json, notes } = parse('XX局整改方案\n办公室主任 王某\n为抓好整改，制定本方案。\n一、整改任务\n1.健全制度。\n');
    expect(notes.filter((n) => n.kind === 'front-matter')).toEqual([]);
    expect(json.preamble).toEqual(['办公室主任 王某', '为抓好整改，制定本方案。']);
  });
});
