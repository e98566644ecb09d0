import { describe, expect, it } from 'vitest';
import { crossPlanDue, departmentMatches, monthEnd, nextDueDate, planProgress, selectDue, trackMeasure, type StoredMeasure } from '../../../shared/progress/workbench.ts';
import { nodePaths } from '../../../shared/progress/paths.ts';
import type { MeasureStatus } from '../../../shared/domain/status.ts';

const TODAY = '2026-03-10';
const ctx = { planDate: '2026-01-05', today: TODAY, immediateDays: 30 };

function m(id: string, deadline: string | null, status: MeasureStatus = 'not_started', department: string | null = '办公室', deadlineDate: string | null = null): StoredMeasure {
  return { id, path: id, heading: id, leader: null, department, deadline, deadlineDate, status };
}

const plan = { id: 'p', title: '方案' };
const tracked = (list: StoredMeasure[]) => list.map((x) => trackMeasure(x, plan, ctx));

describe('工作台的数字（与进度看板同一套规则）', () => {
  it('到期日：存储的日期优先，否则按完成时限推算；立行立改按方案日期加设置的天数并注明是推算的', () => {
    const [a, b, c, d] = tracked([m('a', '立行立改'), m('b', '2026年3月底前'), m('c', '长期坚持'), m('d', '2026年3月底前', 'in_progress', null, '2026-04-15')]);
    expect([a!.deadlineDate, a!.dueAssumed]).toEqual(['2026-02-04', true]);
    expect([b!.deadlineDate, b!.dueAssumed]).toEqual(['2026-03-31', false]);
    expect(c!.deadlineDate).toBeNull();
    expect(d!.deadlineDate).toBe('2026-04-15');
  });

  it('方案的完成率、逾期数和下一到期日：已完成与申请销号不算逾期，下一到期日只看今天及以后的未完成措施', () => {
    const list = tracked([
      m('late', '2026年2月1日前'),
      m('asked', '2026年2月1日前', 'close_requested'),
      m('done', '2026年3月11日前', 'done'),
      m('next', '2026年3月20日前', 'in_progress'),
      m('later', '2026年6月底前'),
    ]);
    expect(planProgress(list, TODAY)).toMatchObject({ total: 5, completed: 1, completionRate: 20, completionRateText: '20%', overdue: 1, nextDueDate: '2026-03-20' });
    expect(nextDueDate([], TODAY)).toBeNull();
    expect(planProgress([], TODAY)).toMatchObject({ total: 0, completionRate: 0, overdue: 0, nextDueDate: null });
  });

  it('责任部门的匹配：整个字段，或其中列出的一个部门；“未填写”匹配没有部门的措施', () => {
    expect(departmentMatches('办公室', '办公室')).toBe(true);
    expect(departmentMatches('办公室、人事科', '人事科')).toBe(true);
    expect(departmentMatches('党委办公室', '办公室')).toBe(false);
    expect(departmentMatches(' ', '未填写')).toBe(true);
    expect(departmentMatches(null, '办公室')).toBe(false);
  });

  it('本月最后一天；已逾期、7天内到期、本月到期三个清单', () => {
    expect(monthEnd('2026-02-10')).toBe('2026-02-28');
    expect(monthEnd('2028-02-01')).toBe('2028-02-29');
    expect(monthEnd('2026-12-31')).toBe('2026-12-31');
    const lists = crossPlanDue(tracked([m('late', '2026年3月1日前'), m('soon', '2026年3月12日前'), m('month', '2026年3月25日前'), m('april', '2026年4月2日前')]), TODAY);
    expect(lists.overdue.map((r) => [r.measureId, r.daysOverdue])).toEqual([['late', 9]]);
    expect(lists.dueSoon.map((r) => r.measureId)).toEqual(['soon']);
    expect(lists.dueThisMonth.map((r) => r.measureId)).toEqual(['soon', 'month']);
    expect(lists.byDepartment).toEqual([expect.objectContaining({ name: '办公室', total: 4, overdue: 1 })]);
  });

  it('selectDue：默认列出有日期的未完成措施，到期早的在前；没有日期的只在要求时列在最后', () => {
    const list = tracked([m('c', '2026年5月1日前'), m('u', '长期坚持'), m('a', '2026年3月1日前'), m('x', '2026年1月1日前', 'closed')]);
    expect(selectDue(list, {}, TODAY).map((r) => r.measureId)).toEqual(['a', 'c']);
    expect(selectDue(list, { includeUndated: true, includeDone: true }, TODAY).map((r) => r.measureId)).toEqual(['x', 'a', 'c', 'u']);
    expect(selectDue(list, { includeUndated: true, overdue: true }, TODAY).map((r) => r.measureId)).toEqual(['a']);
  });
});

describe('节点编号路径（搜索结果用）', () => {
  interface N {
    kind: 'section' | 'measure' | 'paragraph';
    style: { level?: number };
    children: N[];
    name: string;
  }
  const node = (kind: N['kind'], name: string, children: N[] = []): N => ({ kind, style: {}, children, name });

  it('章节也有路径，段落随其上级；顶层段落为空', () => {
    const roots = [node('paragraph', '前言'), node('section', '一', [node('section', '（一）', [node('measure', 'a'), node('paragraph', '说明')])])];
    const out = Object.fromEntries([...nodePaths(roots, { level3Numbering: 'restart' })].map(([n, p]) => [n.name, p]));
    expect(out).toEqual({ 前言: '', 一: '一', '（一）': '一-1', a: '一-1-1', 说明: '一-1' });
  });
});
