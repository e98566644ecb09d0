// Family 9 of issue 13: numbers inside quoted slogans and book titles are names, not summary counts.
import { describe, expect, it } from 'vitest';
import { maskQuotedPhrases } from '../../../../shared/importer/quoted-phrases.ts';
import { SLOGANS } from '../family-texts.ts';
import { parse } from './parse.ts';

describe('slogans with numbers (family 9)', () => {
  it.each(SLOGANS.map((s) => [s.name, s.text]))('%s gives no count warning', (_name, text) => {
    expect(parse(text).warnings.filter((w) => w.startsWith('核对数字'))).toEqual([]);
  });

  it('still checks a real count outside quotation marks', () => {
    const text = 'XX市整改方案\n市政府落实“十项措施”，共制定整改措施3项。\n一、整改任务\n1.压缩开办企业时间。\n2.优化登记流程。\n';
    expect(parse(text).warnings.some((w) => w.includes('整改措施3项'))).toBe(true);
  });

  it('masks quoted and book-title phrases without moving the rest', () => {
    const masked = maskQuotedPhrases('落实“十项措施”和《二十条》，共3项');
    expect(masked).toHaveLength('落实“十项措施”和《二十条》，共3项'.length);
    expect(masked).not.toContain('十项');
    expect(masked.endsWith('共3项')).toBe(true);
  });
});
