// Punctuation normalisation to GB/T 15834 for Chinese running text.
// Pasted text (web pages, WPS, PDFs) carries half-width , ; : ( ) ? ! between Chinese characters and
// "1、" markers; an official document needs full-width marks. Numbers (12.80万元, 12,800), times
// (10:30), document numbers (〔2025〕), URLs and Latin text must stay exactly as they are.

export interface PunctuationResult {
  text: string;
  /** How many marks were changed. */
  changes: number;
}

const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

/** A character that makes its neighbourhood "Chinese text": ideographs, CJK and full-width punctuation, curly quotes. */
export function isChineseContext(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x3400 && c <= 0x9fff) || // CJK ideographs (incl. extension A)
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x2ffff) ||
    (c >= 0x3001 && c <= 0x303f) || // 、。〈〉《》「」【】〔〕 …
    (c >= 0xff01 && c <= 0xff60 && !(c >= 0xff10 && c <= 0xff19) && !(c >= 0xff21 && c <= 0xff3a) && !(c >= 0xff41 && c <= 0xff5a)) ||
    c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || // “ ” ‘ ’
    c === 0x2026 || c === 0x2014 || // … —
    (c >= 0x2460 && c <= 0x2473) || // ①…⑳
    (c >= 0x3220 && c <= 0x3229) // ㈠…㈩
  );
}

const CHINESE_NUMERALS = /^[一二三四五六七八九十百零〇两]+$/;

function prevNonSpace(s: string, i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const ch = s[j]!;
    if (ch !== ' ' && ch !== '\t' && ch !== '\u00a0') return ch;
  }
  return undefined;
}

function nextNonSpace(s: string, i: number): string | undefined {
  for (let j = i + 1; j < s.length; j++) {
    const ch = s[j]!;
    if (ch !== ' ' && ch !== '\t' && ch !== '\u00a0') return ch;
  }
  return undefined;
}

/** Normalises one line (no line breaks inside). */
function normalizeLine(line: string): PunctuationResult {
  if (line.length === 0) return { text: line, changes: 0 };
  const s = line;
  // UTF-16 indices are fine: every mark we touch is a BMP character.
  const out = s.split('');
  let changes = 0;

  // 1. Parentheses as pairs, so "(含借调、挂职干部)" and "(1)" become full-width together,
  //    and a mixed "（一)" is repaired on the half that is wrong.
  const stack: number[] = [];
  const pairs: Array<[number, number]> = [];
  const unmatched: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '(' || ch === '（') stack.push(i);
    else if (ch === ')' || ch === '）') {
      const open = stack.pop();
      if (open === undefined) unmatched.push(i);
      else pairs.push([open, i]);
    }
  }
  unmatched.push(...stack);
  for (const [open, close] of pairs) {
    const halfOpen = s[open] === '(';
    const halfClose = s[close] === ')';
    if (!halfOpen && !halfClose) continue;
    const inner = s.slice(open + 1, close);
    let chinese = false;
    if (!halfOpen || !halfClose) chinese = true; // one half is already full-width
    else if (Array.from(inner).some((ch) => isChineseContext(ch))) chinese = true;
    else if (CHINESE_NUMERALS.test(inner)) chinese = true;
    else if (isChineseContext(prevNonSpace(s, open)) || isChineseContext(nextNonSpace(s, close))) chinese = true;
    if (!chinese) continue;
    if (halfOpen) {
      out[open] = '（';
      changes++;
    }
    if (halfClose) {
      out[close] = '）';
      changes++;
    }
  }
  for (const i of unmatched) {
    const ch = s[i];
    if (ch !== '(' && ch !== ')') continue;
    if (isChineseContext(prevNonSpace(s, i)) || isChineseContext(nextNonSpace(s, i))) {
      out[i] = FULL_WIDTH[ch]!;
      changes++;
    }
  }

  // 2. , ; : ? ! next to Chinese text. A mark between two digits (12,800  10:30) is a number, never touched.
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== ',' && ch !== ';' && ch !== ':' && ch !== '?' && ch !== '!') continue;
    const before = s[i - 1];
    const after = s[i + 1];
    if (before !== undefined && after !== undefined && /[0-9]/.test(before) && /[0-9]/.test(after)) continue;
    // "http://", "a:b" — Latin on both sides stays Latin.
    const prev = prevNonSpace(s, i);
    const next = nextNonSpace(s, i);
    if (!isChineseContext(prev) && !isChineseContext(next)) continue;
    out[i] = FULL_WIDTH[ch]!;
    changes++;
    // A full-width mark carries its own spacing: drop the ASCII spaces typed after the half-width one.
    if (isChineseContext(next)) {
      for (let j = i + 1; j < s.length && s[j] === ' '; j++) out[j] = '';
    }
  }

  let text = out.join('');

  // 3. Serial numbers: "1、" → "1." where it is a marker (line start or after a sentence/clause mark),
  //    not in "第1、2条" or "1、2、3" lists of numbers.
  text = text.replace(/(^|[\s；;：:。！？，（(])(\d{1,3})、(?!\d)/g, (_m, pre: string, n: string) => {
    changes++;
    return `${pre}${n}.`;
  });
  // A full-width dot after a serial number at the line start: "1．" → "1." (not "1．5").
  text = text.replace(/^(\s*)(\d{1,3})．(?!\d)/, (_m, pre: string, n: string) => {
    changes++;
    return `${pre}${n}.`;
  });
  return { text, changes };
}

/** Normalises punctuation in Chinese text to GB/T 15834; line breaks are kept as they are. */
export function normalizePunctuation(text: string): PunctuationResult {
  let changes = 0;
  const parts = text.split(/(\r\n|\r|\n)/);
  for (let i = 0; i < parts.length; i += 2) {
    const r = normalizeLine(parts[i]!);
    parts[i] = r.text;
    changes += r.changes;
  }
  return { text: parts.join(''), changes };
}
