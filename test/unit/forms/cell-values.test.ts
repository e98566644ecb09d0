// What a department writes into a returned form, read as Excel, WPS and LibreOffice save it; the names
// and dates the forms are issued with; the duplicate check of proposed measures.
import { describe, expect, it } from 'vitest';
import { excelSerialDate, parseReportedDate, parseReportedStatus } from '../../../shared/forms/cell-values.ts';
import { defaultDueDate, formFileName, planShortName, splitDepartments } from '../../../shared/forms/names.ts';
import { NEAR_DUPLICATE, textSimilarity } from '../../../shared/text/similarity.ts';

describe('填报表中的日期', () => {
  it('Excel 序列号（1900 与 1904 日期系统）', () => {
    expect(excelSerialDate(46096)).toBe('2026-03-15');
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(46096 - 1462, true)).toBe('2026-03-15');
    expect(parseReportedDate(46096, 2026)).toEqual({ date: '2026-03-15', bad: false });
  });

  it('文字写法：2026-04-15、2026/4/15、2026.4.15、2026年4月15日、20260415、4月15日（取下发年份）、全角数字', () => {
    for (const text of ['2026-04-15', '2026/4/15', '2026.4.15', '2026年4月15日', '20260415', '4月15日', '４月１５日', '2026年4月15号', ' 2026-4-15 ']) {
      expect(parseReportedDate(text, 2026), text).toEqual({ date: '2026-04-15', bad: false });
    }
    expect(parseReportedDate('46096', 2026)).toEqual({ date: '2026-03-15', bad: false });
  });

  it('空白不是错误；不是日期、不存在的日期是错误', () => {
    expect(parseReportedDate('', 2026)).toEqual({ date: null, bad: false });
    expect(parseReportedDate(null, 2026)).toEqual({ date: null, bad: false });
    expect(parseReportedDate('下周', 2026)).toEqual({ date: null, bad: true });
    expect(parseReportedDate('2026-02-30', 2026)).toEqual({ date: null, bad: true });
    expect(parseReportedDate('13月1日', 2026)).toEqual({ date: null, bad: true });
  });
});

describe('填报表中的状态', () => {
  it('下拉列表的状态、英文状态值和常见说法', () => {
    expect(parseReportedStatus('已完成')).toEqual({ status: 'done', bad: false });
    expect(parseReportedStatus('in_progress')).toEqual({ status: 'in_progress', bad: false });
    const words: [string, string][] = [
      ['已整改到位', 'done'],
      ['正在整改', 'in_progress'],
      ['持续推进', 'ongoing'],
      ['基本完成', 'mostly_done'],
      ['待销号', 'close_requested'],
      ['未完成', 'not_done'],
      ['申请延期', 'delayed'],
      ['未启动', 'not_started'],
    ];
    for (const [w, s] of words) expect(parseReportedStatus(w).status, w).toBe(s);
  });

  it('空白不是错误；认不出的说法是错误', () => {
    expect(parseReportedStatus('  ')).toEqual({ status: null, bad: false });
    expect(parseReportedStatus('差不多了')).toEqual({ status: null, bad: true });
  });
});

describe('填报表的文件名与截止日期', () => {
  it('方案简称去掉“关于”之前的发文机关和“整改方案”前的“的”', () => {
    expect(planShortName('中共某某局党组关于2025年度民主生活会查摆问题的整改方案')).toBe('2025年度民主生活会查摆问题整改方案');
    expect(planShortName('关于巡察反馈问题的整改方案')).toBe('巡察反馈问题整改方案');
    expect(planShortName('整改方案')).toBe('整改方案');
    expect(formFileName('办公室/综合科', '关于巡察反馈问题的整改方案', 'progress', '2026-04-20')).toBe('办公室_综合科_巡察反馈问题整改方案_进展填报表_20260420.xlsx');
  });

  it('默认截止日期为每月20日：离本月20日不足10天时为下月20日', () => {
    expect(defaultDueDate('2026-04-01')).toBe('2026-04-20');
    expect(defaultDueDate('2026-04-10')).toBe('2026-04-20');
    expect(defaultDueDate('2026-04-11')).toBe('2026-05-20');
    expect(defaultDueDate('2026-12-25')).toBe('2027-01-20');
  });

  it('一项措施的责任部门可以有几个', () => {
    expect(splitDepartments('财务科、办公室')).toEqual(['财务科', '办公室']);
    expect(splitDepartments(null)).toEqual([]);
  });
});

describe('相同或几乎相同的措施', () => {
  it('标点、空格和数字写法不同仍算相同；不同的措施相差很远', () => {
    expect(textSimilarity('每月开展一次集中学习。', '每月开展一次集中学习')).toBe(1);
    expect(textSimilarity('每月召开一次党组理论学习中心组学习会。会前印发学习材料。', '每月召开一次党组理论学习中心组学习会，会前印发学习材料')).toBe(1);
    expect(textSimilarity('建立健全学习制度，每月开展1次集中学习', '建立健全学习制度，每月开展一次集中学习')).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
    expect(textSimilarity('修订公务接待管理办法', '开展青年干部读书班')).toBeLessThan(0.2);
    expect(textSimilarity('', '')).toBe(0);
  });
});
