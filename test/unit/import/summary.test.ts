// Summary counts in prose (domain.md §8 item 24) cross-checked against the recognised items.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognisePlan } from '../../../shared/importer/recognise.ts';
import { findSummaryClaims } from '../../../shared/importer/summary.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const counted = (text: string) => recognisePlan(text).warnings.filter((w) => w.startsWith('核对数字'));

const PLAN = (summary: string) => `XX局关于巡察反馈问题的整改方案
${summary}
一、整改任务
（一）决策方面
1.修订议事规则。明确决策程序。
（责任部门：办公室；完成时限：2026年3月底前）
2.建立决策台账。逐项记录。
（责任部门：办公室；完成时限：长期坚持）
（二）选人用人方面
3.开展专项检查。全面自查。
（责任部门：人事科；完成时限：立行立改）
（三）作风方面
4.精简会议文件。严控数量。
（责任部门：办公室；完成时限：2026年6月底前）
二、工作要求
按时完成。
`;

describe('summary counts', () => {
  it('reads the counts of the usual sentences, in Arabic and Chinese numerals', () => {
    const claims = findSummaryClaims([{ text: '共查摆问题4个方面12条，制定整改措施二十八项，目前已完成24项，完成率85.7%。', anyClause: true }]);
    expect([claims.aspects?.n, claims.problems?.n, claims.measures?.n, claims.done?.n, claims.rate?.n]).toEqual([4, 12, 28, 24, 85.7]);
    const other = findSummaryClaims([{ text: '针对反馈的3个方面15个问题，研究制定了42条具体措施，已整改到位36项。', anyClause: true }]);
    expect([other.aspects?.n, other.problems?.n, other.measures?.n, other.done?.n]).toEqual([3, 15, 42, 36]);
  });

  it('does not read ordinals, amounts or parts as counts', () => {
    const claims = findSummaryClaims([{ text: '第3项措施涉及资金12.80万元；其中班子问题5条。', anyClause: true }]);
    expect(claims).toEqual({});
  });

  it('warns when the stated number of measures differs from the recognised ones, and not when it matches', () => {
    expect(counted(PLAN('共查摆问题3个方面6条，制定整改措施4项。'))).toEqual([]);
    expect(counted(PLAN('共查摆问题3个方面6条，制定整改措施四项。'))).toEqual([]);
    const w = counted(PLAN('共查摆问题3个方面6条，制定整改措施5项。'));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('整改措施5项');
    expect(w[0]).toContain('识别到4项整改措施');
  });

  it('checks the number of 方面 against the groups of measures', () => {
    expect(counted(PLAN('共查摆问题3个方面6条。'))).toEqual([]);
    const w = counted(PLAN('共查摆问题5个方面6条。'));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('5个方面');
  });

  it('checks the number of problems where the text lists them one by one', () => {
    const text = (n: string) =>
      `XX局关于考核反馈问题的整改方案\n我局在考核中共被指出问题${n}个。\n一、问题清单\n问题1：学习记录不规范。\n【整改措施】统一记录格式。\n【责任单位】办公室\n问题2：换届提醒不及时。\n【整改措施】建立预警台账。\n【责任单位】机关党委\n`;
    expect(counted(text('2'))).toEqual([]);
    const w = counted(text('3'));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('问题共3条');
    expect(w[0]).toContain('2条');
  });

  it('checks 已完成 and 完成率 against the statuses and against each other', () => {
    const report = (summary: string) =>
      `XX局关于巡察整改进展情况的报告\n${summary}\n一、整改进展\n1.修订议事规则。整改情况：已完成。\n2.建立决策台账。整改情况：已完成。\n3.开展专项检查。整改情况：已完成。\n4.精简会议文件。整改情况：持续推进。\n`;
    expect(counted(report('共制定整改措施4项，已完成3项，完成率75%。'))).toEqual([]);
    const done = counted(report('共制定整改措施4项，已完成2项，完成率50%。'));
    expect(done).toHaveLength(1);
    expect(done[0]).toContain('已完成2项');
    expect(done[0]).toContain('已完成3项');
    const rate = counted(report('共制定整改措施4项，已完成3项，完成率80%。'));
    expect(rate).toHaveLength(1);
    expect(rate[0]).toContain('75.0%');
  });

  it('reads totals in a top-level section’s own text, but only stated as totals', () => {
    const plan = PLAN('').replace('一、整改任务\n', '一、整改任务\n经梳理，共形成整改措施6项。\n');
    expect(counted(plan)).toHaveLength(1);
    expect(counted(PLAN('').replace('一、整改任务\n', '一、整改任务\n每个支部落实整改措施2项。\n'))).toEqual([]);
  });

  it('over the fixtures flags only the synthetic 主题教育 plan, whose 14 problems are listed as 9', () => {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))) {
      const w = counted(readFileSync(path.join(FIXTURES, file), 'utf8'));
      if (file.startsWith('synthetic-03')) {
        expect(w).toHaveLength(1);
        expect(w[0]).toContain('问题共14条');
        expect(w[0]).toContain('9条');
      } else expect(w, file).toEqual([]);
    }
  });
});
