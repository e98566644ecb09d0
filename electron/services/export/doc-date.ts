// 成文日期 (GB/T 9704 §7.3.5.4): Arabic numerals, full year, no zero padding — 2025年12月15日.

const CN_DIGITS: Record<string, number> = { '〇': 0, '零': 0, '○': 0, 'Ｏ': 0, O: 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

function chineseYear(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    const d = CN_DIGITS[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

function chineseSmall(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  const tens = m[2] ? (m[1] ? (CN_DIGITS[m[1]] ?? 0) : 1) : 0;
  if (!m[2] && m[1]) return CN_DIGITS[m[1]] ?? null;
  return tens * 10 + (m[3] ? (CN_DIGITS[m[3]] ?? 0) : 0);
}

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The date in the standard's form, or null when it cannot be read as one calendar day. */
export function formatDocDate(raw: string): string | null {
  const text = raw.trim().replace(/\s+/g, '');
  let m = /^(\d{4})\s*[年.\-/．]\s*(\d{1,2})\s*[月.\-/．]\s*(\d{1,2})\s*日?$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? `${y}年${mo}月${d}日` : null;
  }
  m = /^([〇零○一二三四五六七八九ＯO]{4})年([一二三四五六七八九十\d]{1,3})月([一二三四五六七八九十\d]{1,3})日$/.exec(text);
  if (m) {
    const y = chineseYear(m[1]!);
    const mo = chineseSmall(m[2]!);
    const d = chineseSmall(m[3]!);
    if (y === null || mo === null || d === null) return null;
    return valid(y, mo, d) ? `${y}年${mo}月${d}日` : null;
  }
  return null;
}
