import { describe, expect, it } from 'vitest';
import { splitTitleLines, titleWidth } from '../../../shared/text/title-lines.ts';

function expectShape(lines: string[]): void {
  const w = lines.map(titleWidth);
  const trapezoid = w.every((x, i) => i === 0 || x >= w[i - 1]!);
  const peak = w.indexOf(Math.max(...w));
  const diamond = w.every((x, i) => i === 0 || (i <= peak ? x >= w[i - 1]! : x <= w[i - 1]!));
  expect(trapezoid || diamond, `shape of ${lines.join(' / ')}`).toBe(true);
}

describe('title line splitting (GB/T 9704 §7.3.1)', () => {
  it('keeps a short title on one line and drops its final punctuation', () => {
    expect(splitTitleLines('关于整改工作的通知')).toEqual(['关于整改工作的通知']);
    expect(splitTitleLines('整改方案。')).toEqual(['整改方案']);
  });

  it('splits into lines of at most 20 characters, the text unchanged', () => {
    const titles = [
      '市人大领导班子2025年度民主生活会查摆问题整改方案',
      '中共XX市人大常委会党组2025年度民主生活会查摆问题整改方案',
      '中共XX区财政局党组关于区委第三巡察组巡察反馈意见的整改落实方案',
      'XX市人民政府办公室关于2024年度预算执行审计发现问题的整改方案',
      '中共XX市委办公室关于学习贯彻习近平新时代中国特色社会主义思想主题教育检视问题整改方案',
    ];
    for (const t of titles) {
      const lines = splitTitleLines(t);
      expect(lines.join('')).toBe(t);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(titleWidth(l)).toBeLessThanOrEqual(20);
      expectShape(lines);
    }
  });

  it('arranges two lines as a trapezoid (upper line shorter) breaking at a natural point', () => {
    expect(splitTitleLines('中共XX市人大常委会党组2025年度民主生活会查摆问题整改方案')).toEqual([
      '中共XX市人大常委会党组',
      '2025年度民主生活会查摆问题整改方案',
    ]);
    expect(splitTitleLines('关于2025年度机关党建工作考核反馈问题的整改方案')).toEqual(['关于2025年度', '机关党建工作考核反馈问题的整改方案']);
  });

  it('never breaks numbers, 《》 names or known terms', () => {
    const cases = [
      '关于落实《党政机关厉行节约反对浪费条例》问题整改情况的报告',
      'XX县2025年第3季度巡察反馈问题整改落实工作方案',
      '中共XX市委办公室关于学习贯彻习近平新时代中国特色社会主义思想主题教育检视问题整改方案',
    ];
    for (const t of cases) {
      const lines = splitTitleLines(t);
      expect(lines.join('')).toBe(t);
      const joints = lines.slice(1).map((l, i) => lines[i]!.slice(-1) + l[0]);
      for (const j of joints) expect(j).not.toMatch(/^[0-9][0-9年季度]|^《|》$/);
      for (const l of lines) {
        expect((l.match(/《/g) ?? []).length).toBe((l.match(/》/g) ?? []).length);
        expect(l).not.toMatch(/^\d|^季度|^年/);
      }
      expect(lines.some((l) => l.includes('习近平新时代中国特色社会主义思想')) || !t.includes('习近平')).toBe(true);
      expect(lines.every((l) => !/^的/.test(l))).toBe(true);
    }
  });
});
