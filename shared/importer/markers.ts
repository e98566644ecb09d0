// Numbering markers at the start of a line, in all the forms real documents use (domain.md §7.3, §8 items 1–4, 18).
// Input lines are already punctuation-normalised, but half-width forms are accepted anyway.

export interface LineMarker {
  /** 1..5 = 一、 （一） 1. （1） ① */
  level: 1 | 2 | 3 | 4 | 5;
  /** The number the marker prints */
  n: number;
  /** The marker as written in the source */
  raw: string;
  /** The text after the marker */
  rest: string;
  /** "问题1：" style: a numbered problem */
  problem?: boolean;
  /** "3.1项…": the item number glued to a quantity; only valid when it is the expected next number */
  loose?: boolean;
}

import { GLUED_UNITS } from './glued-number.ts';

const CN_NUM = '[一二三四五六七八九十百零〇两]+';
const CN_VALUE: Record<string, number> = { '零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105. */
export function parseChineseNumeral(s: string): number | null {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const v = CN_VALUE[ch];
      if (v === undefined) return null;
      current = v;
    }
    seen = true;
  }
  return seen ? total + current : null;
}

const H1 = new RegExp(`^(${CN_NUM})\\s*[、，,.．]\\s*(.*)$`);
const H2 = new RegExp(`^[（(]\\s*(${CN_NUM})\\s*[）)]\\s*[、.．]?\\s*(.*)$`);
const H2_SYMBOL = /^([㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩])\s*(.*)$/;
const H3 = /^(\d{1,3})\s*(?:[.．、]|\s)(?!\d)\s*(\S.*)$/;
const H3_LOOSE = new RegExp(`^(\\d{1,3})[.．](\\d+(?:\\.\\d+)?(?:${GLUED_UNITS}).*)$`);
const H4 = /^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*(.*)$/;
const H4_HALF = /^(\d{1,3})[)）]\s*(.*)$/;
const H5 = /^([①-⑳])\s*(.*)$/;
const PROBLEM = /^问题\s*(\d{1,3})\s*[：:]\s*(.*)$/;

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PAREN_CN = '㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩';

/** Finds the numbering marker a line starts with, or null. */
export function detectMarker(line: string): LineMarker | null {
  let m: RegExpExecArray | null;
  if ((m = H2.exec(line))) {
    const n = parseChineseNumeral(m[1]!);
    if (n !== null && n > 0) return { level: 2, n, raw: line.slice(0, line.length - m[2]!.length), rest: m[2]! };
  }
  if ((m = H2_SYMBOL.exec(line))) {
    return { level: 2, n: PAREN_CN.indexOf(m[1]!) + 1, raw: m[1]!, rest: m[2]! };
  }
  if ((m = H1.exec(line))) {
    const n = parseChineseNumeral(m[1]!);
    const sep = /^\S+?\s*([、，,.．])/.exec(line)?.[1] ?? '';
    // "一，" is a sloppy 一、 but "十分，…" is prose: a comma counts only after a single numeral.
    const sepOk = sep !== '，' && sep !== ',' ? true : m[1]!.length === 1;
    if (n !== null && n > 0 && m[2]!.length > 0 && sepOk) {
      return { level: 1, n, raw: line.slice(0, line.length - m[2]!.length), rest: m[2]! };
    }
  }
  if ((m = PROBLEM.exec(line))) {
    return { level: 3, n: Number(m[1]), raw: line.slice(0, line.length - m[2]!.length), rest: m[2]!, problem: true };
  }
  if ((m = H4.exec(line))) {
    return { level: 4, n: Number(m[1]), raw: line.slice(0, line.length - m[2]!.length), rest: m[2]! };
  }
  if ((m = H3_LOOSE.exec(line))) {
    return { level: 3, n: Number(m[1]), raw: line.slice(0, line.length - m[2]!.length), rest: m[2]!, loose: true };
  }
  if ((m = H3.exec(line))) {
    const n = Number(m[1]);
    const rest = m[2]!;
    // "2026 年" / "3 个方面" after a space is a quantity, not a marker.
    const spaceSeparated = !/^\d{1,3}\s*[.．、]/.test(line);
    if (spaceSeparated && /^(?:年|月|日|个|项|条|名|次|人|万|元|%|余|多)/.test(rest)) return null;
    if (n > 0) return { level: 3, n, raw: line.slice(0, line.length - rest.length), rest };
  }
  if ((m = H4_HALF.exec(line))) {
    return { level: 4, n: Number(m[1]), raw: line.slice(0, line.length - m[2]!.length), rest: m[2]! };
  }
  if ((m = H5.exec(line))) {
    return { level: 5, n: CIRCLED.indexOf(m[1]!) + 1, raw: m[1]!, rest: m[2]! };
  }
  return null;
}

/** True when a ①-line is really an inline enumeration (①…；②…) that stays one paragraph. */
export function isInlineEnumeration(line: string): boolean {
  return /^[①-⑳]/.test(line) && /[①-⑳]/.test(line.slice(1));
}
