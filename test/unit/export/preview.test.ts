import { describe, expect, it } from 'vitest';
import { breakLines, paginateBlocks, units } from '../../../electron/services/export/preview.ts';
import type { Block } from '../../../electron/services/export/blocks.ts';
import { CELL, TEXT_WIDTH } from '../../../electron/services/export/metrics.ts';

const han = (n: number) => '政治忠诚思想根基理论武装'.repeat(10).slice(0, n);
const lineTexts = (text: string, first = 0) =>
  breakLines(units([{ text, role: 'fang' }], 32, -5), TEXT_WIDTH, first).map((l) => l.units.map((u) => u.text).join(''));
const body = (text: string, extra: Partial<Block> = {}): Block => ({
  kind: 'body',
  runs: [{ text, role: 'fang' }],
  size: 32,
  align: 'both',
  firstLineChars: 200,
  ...extra,
});

describe('preview line breaking (22 × 28 metrics)', () => {
  it('puts 28 三号 characters on a full line, 26 after the two-character indent', () => {
    const lines = lineTexts(han(80), 2 * CELL);
    expect(lines.map((l) => l.length)).toEqual([26, 28, 26]);
  });

  it('never starts a line with a closing mark: a comma hangs, a closing quote pulls a character down', () => {
    const withComma = lineTexts(han(28) + '，' + han(5));
    expect(withComma[0]).toBe(han(28) + '，');
    const withQuote = lineTexts(han(27) + '“甲”' + han(5));
    expect(withQuote[0]!.length).toBe(27);
    expect(withQuote[1]!.startsWith('“甲”')).toBe(true);
  });

  it('keeps numbers whole', () => {
    const lines = lineTexts(han(26) + '2026年');
    expect(lines[0]).toBe(han(26));
    expect(lines[1]).toBe('2026年');
  });
});

describe('preview pages', () => {
  it('fills 22 rows per page', () => {
    const pages = paginateBlocks(Array.from({ length: 30 }, () => body(han(20))));
    expect(pages.map((p) => p.lines.length)).toEqual([22, 8]);
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
  });

  it('moves a stand-alone heading to the next page rather than ending a page with it', () => {
    const blocks = [...Array.from({ length: 21 }, () => body(han(20))), body('一、指导思想', { keepNext: true }), body(han(20))];
    const pages = paginateBlocks(blocks);
    expect(pages[0]!.lines).toHaveLength(21);
    expect(pages[1]!.lines[0]!.runs[0]!.text).toBe('一、指导思想');
  });

  it('keeps the last body line with the signature block', () => {
    const tail: Block[] = [
      { kind: 'blank', runs: [], size: 32, align: 'both', keepNext: true },
      { kind: 'signature', runs: [{ text: '中共XX党组', role: 'fang' }], size: 32, align: 'right', right: 630, keepNext: true },
      { kind: 'date', runs: [{ text: '2025年12月15日', role: 'fang' }], size: 32, align: 'right', right: 630 },
    ];
    const blocks = [...Array.from({ length: 19 }, () => body(han(20))), body(han(60), { keepNext: true }), ...tail];
    const pages = paginateBlocks(blocks);
    // 19 + 3 lines = 22 rows: the paragraph's last line, the blank, 署名 and date go on together
    expect(pages).toHaveLength(2);
    expect(pages[1]!.lines.map((l) => l.runs.map((r) => r.text).join(''))).toEqual([han(60).slice(54), '', '中共XX党组', '2025年12月15日']);
  });
});
