import { describe, expect, it } from 'vitest';
import { chineseNumeral, computeMarkers, effectiveLevel, markerFor, walkNumbered } from '../../../shared/numbering.ts';

interface N {
  name: string;
  kind: 'section' | 'measure' | 'paragraph';
  style: { level?: number };
  children: N[];
}
const node = (name: string, children: N[] = [], kind: N['kind'] = 'section', level?: number): N => ({
  name,
  kind,
  style: level === undefined ? {} : { level },
  children,
});
const markers = (roots: N[], level3Numbering: 'restart' | 'continuous' = 'restart') => {
  const out: string[] = [];
  walkNumbered(roots, { level3Numbering }, (n, marker) => out.push(`${marker}${n.name}`));
  return out;
};

describe('中文序号', () => {
  it('一至十、十一、二十、二十一、九十九、一百零五按公文习惯书写', () => {
    expect([1, 2, 9, 10, 11, 12, 19, 20, 21, 30, 99].map(chineseNumeral)).toEqual([
      '一', '二', '九', '十', '十一', '十二', '十九', '二十', '二十一', '三十', '九十九',
    ]);
    expect([100, 101, 105, 110, 115, 120, 999].map(chineseNumeral)).toEqual(['一百', '一百零一', '一百零五', '一百一十', '一百一十五', '一百二十', '九百九十九']);
  });

  it('各级序号：一、（一）1.（1）①，第二十一项起圈码改用(21)', () => {
    expect(markerFor(1, 11)).toBe('十一、');
    expect(markerFor(2, 20)).toBe('（二十）');
    expect(markerFor(3, 12)).toBe('12.');
    expect(markerFor(4, 3)).toBe('（3）');
    expect(markerFor(5, 1)).toBe('①');
    expect(markerFor(5, 20)).toBe('⑳');
    expect(markerFor(5, 21)).toBe('(21)');
    expect(markerFor(0, 5)).toBe('');
  });
});

describe('大纲编号规则', () => {
  it('按层级自动编号，插入节点后其后各项顺延', () => {
    const measures = [node('甲', [], 'measure'), node('乙', [], 'measure')];
    const roots = [node('指导思想'), node('整改任务', [node('方面一', measures), node('方面二', [node('丙', [], 'measure')])])];
    expect(markers(roots)).toEqual(['一、指导思想', '二、整改任务', '（一）方面一', '1.甲', '2.乙', '（二）方面二', '1.丙']);
    roots.splice(1, 0, node('整改目标'));
    expect(markers(roots).slice(0, 3)).toEqual(['一、指导思想', '二、整改目标', '三、整改任务']);
  });

  it('1. 各部分重新编号（restart）或全文连续编号（continuous）', () => {
    const roots = [
      node('一', [node('甲', [node('a', [], 'measure'), node('b', [], 'measure')]), node('乙', [node('c', [], 'measure')])]),
      node('二', [node('丙', [node('d', [], 'measure')])]),
    ];
    expect(markers(roots, 'restart').filter((m) => /^\d/.test(m))).toEqual(['1.a', '2.b', '1.c', '1.d']);
    expect(markers(roots, 'continuous').filter((m) => /^\d/.test(m))).toEqual(['1.a', '2.b', '3.c', '4.d']);
  });

  it('跳级：一、下直接写 1.（显式三级）时照样 1、2、3 连续，不留空号', () => {
    const roots = [node('整改措施', [node('甲', [], 'measure', 3), node('乙', [], 'measure', 3), node('丙', [], 'measure', 3)])];
    expect(markers(roots)).toEqual(['一、整改措施', '1.甲', '2.乙', '3.丙']);
  });

  it('同一父节点下不同层级各自计数', () => {
    const roots = [node('总', [node('分一', [], 'section', 2), node('甲', [], 'measure', 3), node('分二', [], 'section', 2), node('乙', [], 'measure', 3)])];
    expect(markers(roots)).toEqual(['一、总', '（一）分一', '1.甲', '（二）分二', '2.乙']);
  });

  it('段落和不编号标题（level 0）不占序号', () => {
    const roots = [node('甲'), node('说明', [], 'paragraph'), node('小标题', [], 'section', 0), node('乙')];
    expect(markers(roots)).toEqual(['一、甲', '说明', '小标题', '二、乙']);
    expect(effectiveLevel({ kind: 'paragraph', style: { level: 2 } }, 0)).toBe(0);
  });

  it('超过五层的节点按第五级编号；十一项以上正确', () => {
    const deep = node('1', [node('2', [node('3', [node('4', [node('5', [node('6')])])])])]);
    expect(markers([deep])).toEqual(['一、1', '（一）2', '1.3', '（1）4', '①5', '①6']);
    const many = Array.from({ length: 21 }, (_, i) => node(`第${i + 1}`));
    const m = computeMarkers(many, { level3Numbering: 'restart' });
    expect(m.get(many[10]!)).toBe('十一、');
    expect(m.get(many[19]!)).toBe('二十、');
    expect(m.get(many[20]!)).toBe('二十一、');
  });
});
