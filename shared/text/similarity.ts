/**
 * How alike two measure texts are, for the duplicate check when departments propose measures
 * (domain.md §8 item 29: the same measure under two problems, from merged submissions). Punctuation,
 * spaces and numbering do not count; the score is the Dice coefficient of character bigrams, so
 * "每月开展一次集中学习" and "每月开展1次集中学习。" come out close, and unrelated sentences near zero.
 */

const IGNORED = /[\s\p{P}\p{S}]/gu;

/** The text as compared: no spaces, punctuation or symbols; full-width digits and letters folded. */
export function comparableText(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(IGNORED, '')
    .toLowerCase();
}

function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** 1 for the same text (after comparableText), 0 for nothing in common. */
export function textSimilarity(a: string, b: string): number {
  const x = comparableText(a);
  const y = comparableText(b);
  if (x === y) return x === '' ? 0 : 1;
  if ([...x].length < 2 || [...y].length < 2) return 0;
  const bx = bigrams(x);
  const by = bigrams(y);
  let common = 0;
  for (const [g, n] of bx) common += Math.min(n, by.get(g) ?? 0);
  let total = 0;
  for (const n of bx.values()) total += n;
  for (const n of by.values()) total += n;
  return (2 * common) / total;
}

/** Texts at least this alike are offered as the same measure. */
export const NEAR_DUPLICATE = 0.8;
