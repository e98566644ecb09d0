import { describe, expect, it } from 'vitest';
import { bracketed, containsAll, findMatches, makeSnippet, queryTerms } from '../../../shared/search/snippet.ts';

describe('搜索结果的摘录与标注', () => {
  it('找出每个词的每一处，重叠的合并；英文不分大小写', () => {
    expect(findMatches('认真开展批评和自我批评', ['批评'])).toEqual([
      [4, 6],
      [9, 11],
    ]);
    expect(findMatches('以钉钉子精神', ['钉', '钉子'])).toEqual([[1, 4]]);
    expect(findMatches('完善OA流程和oa台账', ['Oa'])).toEqual([
      [2, 4],
      [7, 9],
    ]);
    expect(containsAll('完善OA流程', ['oa', '流程'])).toBe(true);
    expect(containsAll('完善OA流程', ['oa', '台账'])).toBe(false);
  });

  it('摘录在一行内，从第一处匹配前若干字开始，截断处加省略号，标注位置随之移动', () => {
    const text = `${'前'.repeat(40)}\n落实第一议题制度${'后'.repeat(100)}`;
    const s = makeSnippet(text, ['第一议题'])!;
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(s.snippet).not.toContain('\n');
    expect(s.highlights).toHaveLength(1);
    const [start, end] = s.highlights[0]!;
    expect(s.snippet.slice(start, end)).toBe('第一议题');
    expect(bracketed(s)).toContain('落实【第一议题】制度');
    expect(makeSnippet('短文本', ['短'])).toEqual({ snippet: '短文本', highlights: [[0, 1]] });
    expect(makeSnippet('没有', ['议题'])).toBeNull();
  });

  it('查询按空格分词，去掉重复', () => {
    expect(queryTerms('  巡察  整改 巡察 ')).toEqual(['巡察', '整改']);
    expect(queryTerms('   ')).toEqual([]);
  });
});
