import { describe, expect, it } from 'vitest';
import { markerSegment, measurePaths, parseChineseNumeral } from '../../../shared/progress/paths.ts';
import { completionRate, formatRate, reportCounts } from '../../../shared/progress/counts.ts';
import { chineseNumeral } from '../../../shared/numbering.ts';
import type { MeasureStatus } from '../../../shared/domain/status.ts';

interface N {
  kind: 'section' | 'measure' | 'paragraph';
  style: { level?: number };
  children: N[];
  name: string;
}
const sec = (name: string, children: N[], level?: number): N => ({ kind: 'section', style: level === undefined ? {} : { level }, children, name });
const mea = (name: string, level?: number): N => ({ kind: 'measure', style: level === undefined ? {} : { level }, children: [], name });
const par = (name: string): N => ({ kind: 'paragraph', style: {}, children: [], name });

function paths(roots: N[], level3Numbering: 'restart' | 'continuous' = 'restart'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [node, info] of measurePaths(roots, { level3Numbering })) out[node.name] = info.path;
  return out;
}

describe('措施编号路径', () => {
  it('中文数字与阿拉伯数字互逆', () => {
    for (const n of [1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 999]) expect(parseChineseNumeral(chineseNumeral(n))).toBe(n);
    expect(parseChineseNumeral('甲')).toBeNull();
  });

  it('各级序号对应的路径段', () => {
    expect(markerSegment('三、', 1)).toBe('三');
    expect(markerSegment('（十二）', 2)).toBe('12');
    expect(markerSegment('7.', 3)).toBe('7');
    expect(markerSegment('（3）', 4)).toBe('3');
    expect(markerSegment('⑤', 5)).toBe('5');
    expect(markerSegment('', 0)).toBeNull();
  });

  it('一、>（一）> 1. 得到 一-1-2；跳级、无编号标题和段落不占位', () => {
    const roots = [
      par('前言'),
      sec('一', [sec('（一）', [mea('a'), mea('b')]), sec('（二）', [mea('c')])]),
      sec('二', [mea('d', 3), mea('e', 3)]),
      sec('无编号', [mea('f', 3)], 0),
    ];
    expect(paths(roots)).toEqual({ a: '一-1-1', b: '一-1-2', c: '一-2-1', d: '二-1', e: '二-2', f: '1' });
  });

  it('1. 全文连续编号时路径随之连续；完全没有编号的措施用 #序号', () => {
    const roots = [sec('一', [sec('（一）', [mea('a'), mea('b')]), sec('（二）', [mea('c')])])];
    expect(paths(roots, 'continuous')).toEqual({ a: '一-1-1', b: '一-1-2', c: '一-2-3' });
    expect(paths([mea('x', 0), mea('y', 0)])).toEqual({ x: '#1', y: '#2' });
  });
});

describe('完成率与统计', () => {
  it('两位小数或不带小数', () => {
    expect(formatRate(completionRate(19, 25))).toBe('76%');
    expect(formatRate(completionRate(688, 697))).toBe('98.71%');
    expect(formatRate(completionRate(987, 1000))).toBe('98.70%');
    expect(formatRate(completionRate(1, 3))).toBe('33.33%');
    expect(formatRate(completionRate(2, 3))).toBe('66.67%');
    expect(completionRate(0, 0)).toBe(0);
    expect(formatRate(completionRate(5, 5))).toBe('100%');
  });

  it('已完成 = 已完成 + 已销号；其余按长期坚持、正在推进、未完成分组，合计等于措施数', () => {
    const statuses: MeasureStatus[] = ['done', 'closed', 'close_requested', 'ongoing', 'in_progress', 'mostly_done', 'not_started', 'not_done', 'delayed'];
    const c = reportCounts(statuses.map((status, i) => ({ status, problem: { key: `p${i % 4}` } })));
    expect(c).toMatchObject({ problems: 4, measures: 9, completed: 2, closed: 1, ongoing: 1, inProgress: 4, notDone: 2, completionRate: 22.22 });
    expect(c.completed + c.ongoing + c.inProgress + c.notDone).toBe(c.measures);
    expect(Object.values(c.byStatus).reduce((a, b) => a + b, 0)).toBe(9);
  });
});
