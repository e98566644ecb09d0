import { describe, expect, it } from 'vitest';
import { countByRule, oddDates, runChecks, type CheckablePlan } from '../../../shared/checks/rules.ts';
import { emptyMeasure, type MeasureFields } from '../../../shared/domain/document.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';

const measure = (id: string, heading: string, m: Partial<MeasureFields> = {}, body: string[] = []): StoredNode => ({
  id,
  kind: 'measure',
  heading,
  body,
  style: {},
  measure: { ...emptyMeasure(), department: '办公室', deadline: '2026年3月底前', ...m },
  problemKeys: [],
  children: [],
});
const section = (id: string, heading: string, children: StoredNode[] = [], body: string[] = []): StoredNode => ({
  id,
  kind: 'section',
  heading,
  body,
  style: {},
  measure: null,
  problemKeys: [],
  children,
});

function plan(over: Partial<CheckablePlan> = {}): CheckablePlan {
  return {
    title: 'XX市人大常委会领导班子2025年度民主生活会查摆问题整改方案',
    addressee: null,
    preamble: ['为切实抓好整改落实，特制定本方案。'],
    attachments: [],
    issuer: '中共XX市人大常委会党组',
    date: '2025年12月5日',
    problems: [],
    outline: [section('s1', '整改任务', [measure('m1', '深化理论武装'), measure('m2', '压实主体责任')])],
    ...over,
  };
}

describe('公文检查规则', () => {
  it('规范的方案没有任何问题', () => {
    const findings = runChecks(plan());
    expect(findings).toEqual([]);
    expect(Object.values(countByRule(findings)).every((n) => n === 0)).toBe(true);
  });

  it('未填写的占位符：标题、正文、措施字段、落款都能查出，并指向所在节点', () => {
    const findings = runChecks(
      plan({
        title: '{单位}整改方案',
        issuer: '{落款}',
        outline: [section('s1', '在{方面}方面', [measure('m1', '{整改措施}', { department: '{责任部门}' })])],
      }),
    ).filter((f) => f.rule === 'placeholder');
    expect(findings.map((f) => [f.nodeId, f.field, f.message])).toEqual([
      [null, 'title', '“{单位}”尚未填写'],
      ['s1', 'heading', '“{方面}”尚未填写'],
      ['m1', 'heading', '“{整改措施}”尚未填写'],
      ['m1', 'measure', '“{责任部门}”尚未填写'],
      [null, 'issuer', '“{落款}”尚未填写'],
    ]);
  });

  it('措施缺少责任部门或完成时限', () => {
    const findings = runChecks(plan({ outline: [section('s', '任务', [measure('a', '甲措施', { department: null }), measure('b', '乙措施', { deadline: ' ' })])] }));
    expect(findings.map((f) => [f.rule, f.nodeId])).toEqual([
      ['measure_no_department', 'a'],
      ['measure_no_deadline', 'b'],
    ]);
    expect(findings[0]!.message).toBe('措施“甲措施”缺少责任部门');
  });

  it('空章节：没有下级也没有正文；有正文的章节不算空', () => {
    const findings = runChecks(plan({ outline: [section('e', '组织保障'), section('f', '工作要求', [], ['压实责任。']), section('g', '任务', [measure('m', '甲')])] }));
    expect(findings.map((f) => [f.rule, f.nodeId])).toEqual([['empty_section', 'e']]);
  });

  it('标题末尾有标点、标题超过三行（每行20字）', () => {
    expect(runChecks(plan({ title: '关于整改工作的方案。' })).map((f) => f.rule)).toEqual(['title_punctuation']);
    expect(runChecks(plan({ title: '关于整改工作的方案（试行）' }))).toEqual([]);
    const long = '中共XX市人大常委会党组关于区委第二巡察组巡察反馈意见的整改落实方案暨巡察整改专题民主生活会查摆问题整改措施及责任分工清单';
    expect([...long].length).toBeGreaterThan(60);
    expect(runChecks(plan({ title: long })).map((f) => f.rule)).toEqual(['title_too_long']);
    expect(runChecks(plan({ title: '一'.repeat(60) }))).toEqual([]);
  });

  it('日期不是“2025年12月5日”形式：成文日期报错，正文中的日期提醒', () => {
    expect(runChecks(plan({ date: '2025-12-05' })).map((f) => [f.rule, f.field, f.severity])).toEqual([['date_format', 'date', 'error']]);
    expect(runChecks(plan({ date: '二〇二五年十二月五日' })).map((f) => f.rule)).toEqual(['date_format']);
    expect(runChecks(plan({ date: '2025年12月05日' })).map((f) => f.rule)).toEqual(['date_format']);
    const inBody = runChecks(plan({ preamble: ['会议于2025/11/3召开，2025年09月完成，2026年3月底前完成。'] }));
    expect(inBody.map((f) => [f.rule, f.field, f.index])).toEqual([
      ['date_format', 'preamble', 0],
      ['date_format', 'preamble', 0],
    ]);
    expect(oddDates('金额12.80万元，时间10:30，文号〔2025〕12号，2025年12月5日')).toEqual([]);
  });

  it('中文中的半角标点可一键修正；数字、时间、文号不算', () => {
    const findings = runChecks(
      plan({ outline: [section('s', '任务', [measure('m', '深化理论武装,筑牢思想根基', {}, ['每季度开展1次(含线上)研讨;金额12.80万元。'])])] }),
    );
    expect(findings.map((f) => [f.rule, f.nodeId, f.field, f.fixable])).toEqual([
      ['halfwidth_punctuation', 'm', 'heading', true],
      ['halfwidth_punctuation', 'm', 'body', true],
    ]);
    expect(findings[1]!.message).toContain('3处');
  });

  it('措施标题重复（忽略空白和句末标点），每条都列出', () => {
    const findings = runChecks(
      plan({ outline: [section('a', '一', [measure('m1', '压实主体责任。')]), section('b', '二', [measure('m2', '压实 主体责任'), measure('m3', '另一条')])] }),
    );
    expect(findings.map((f) => [f.rule, f.nodeId])).toEqual([
      ['duplicate_measure_heading', 'm1'],
      ['duplicate_measure_heading', 'm2'],
    ]);
  });
});

describe('公文检查：发文设置', () => {
  const issuance = (over: Partial<NonNullable<CheckablePlan['issuance']>> = {}): NonNullable<CheckablePlan['issuance']> => ({
    docType: 'none',
    docNumber: null,
    addressee: null,
    ...over,
  });

  it('发文字号：年份写全并用六角括号，不加“第”，不编虚位；指明在哪里修改', () => {
    expect(runChecks(plan({ issuance: issuance({ docNumber: '××党组发〔2026〕3号' }) }))).toEqual([]);
    const findings = runChecks(plan({ issuance: issuance({ docNumber: '××党组发[26]第03号' }) }));
    expect(findings.map((f) => [f.rule, f.severity, f.field, f.nodeId])).toEqual([['doc_number_format', 'error', 'issuance', null]]);
    expect(findings[0]!.message).toBe(
      '发文字号年份应使用六角括号〔〕；年份应写全四位（如〔2026〕）；序号前不加“第”；序号不编虚位（写3号，不写03号）（在“导出 Word → 发文设置”中修改）',
    );
    expect(findings[0]!.excerpt).toBe('××党组发[26]第03号');
  });

  it('上行文（报告、请示）只主送一个上级机关：方案的主送机关或发文设置中的主送', () => {
    const report = (addressee: string | null, own: string | null = null) => runChecks(plan({ addressee, issuance: issuance({ docType: 'report', addressee: own }) }));
    expect(report('中共××市委')).toEqual([]);
    expect(report('中共××市委、市纪委').map((f) => [f.rule, f.severity, f.field])).toEqual([['upward_addressee', 'error', 'addressee']]);
    expect(report('各处室、各直属单位', '中共××市委')).toEqual([]);
    expect(report(null, '市委，市政府').map((f) => [f.rule, f.field])).toEqual([['upward_addressee', 'issuance']]);
    expect(report(null)[0]).toMatchObject({ rule: 'upward_addressee', severity: 'warning', message: '报告应主送一个上级机关，尚未填写主送机关' });
    const request = runChecks(plan({ addressee: '各县（市、区）委', issuance: issuance({ docType: 'request' }) }));
    expect(request[0]!.message).toBe('请示是上行文，只能主送一个上级机关，其他机关可以抄送');
    // a notice goes down to many: no such rule
    expect(runChecks(plan({ addressee: '机关各处室、各直属单位', issuance: issuance({ docType: 'notice' }) }))).toEqual([]);
  });
});
