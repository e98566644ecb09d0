// Splitting a 公文 title into lines (GB/T 9704-2012 §7.3.1): at most 20 二号 characters per line, the
// lines arranged as a trapezoid (upper line shorter) or a diamond, never breaking a word, a name, a
// 《…》 or a number. There is no Chinese word segmenter here, so the split scores every candidate
// arrangement: known good break points (before 关于, after the issuer, after 的 …) cost nothing,
// breaking inside known terms or protected spans costs a lot, any other break costs a little.

/** Width in 二号 character cells: ASCII letters, digits and marks are half a cell. */
export function titleWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 && ch !== '—' && ch !== '…' ? 0.5 : 1;
  return w;
}

export const TITLE_MAX_CHARS = 20;

const isHalf = (ch: string): boolean => ch.charCodeAt(0) < 0x2e80 && ch !== '—' && ch !== '…';

/**
 * The width a line really takes when set, in character cells: capitals are wider than half a cell,
 * and word processors put about 3/16 of a cell between Hanzi and digits or Latin letters. A line
 * measured with titleWidth alone can overflow (中共XX…党组2025年度 wraps its last character).
 */
function setAdvance(ch: string): number {
  if (!isHalf(ch)) return 1;
  return /[A-Z]/.test(ch) ? 0.72 : 0.5;
}
const AUTOSPACE = 3 / 16;

/** Marks a title does not end with (the 2000 公文处理办法 wording, followed in practice). */
const FINAL_PUNCTUATION = /[。．.，,；;：:！!？?、\s]+$/u;

export function stripTitleFinalPunctuation(title: string): string {
  return title.replace(FINAL_PUNCTUATION, '');
}

/** Terms that must stay on one line. Longer first so the widest term wins. */
const TERMS = [
  '习近平新时代中国特色社会主义思想',
  '中国特色社会主义',
  '人民代表大会',
  '人民政府',
  '机关党建',
  '巡察组',
  '巡视组',
  '习近平新时代',
  '人大常委会',
  '民主生活会',
  '组织生活会',
  '领导班子',
  '常委会',
  '委员会',
  '办公室',
  '办公厅',
  '查摆问题',
  '检视问题',
  '反馈意见',
  '反馈问题',
  '主题教育',
  '学习教育',
  '整改落实',
  '整改方案',
  '实施方案',
  '工作方案',
  '整改清单',
  '整改措施',
  '落实情况',
  '进展情况',
  '审计发现',
  '专题',
  '年度',
  '党组',
  '党委',
  '党支部',
  '问题',
  '整改',
  '方案',
  '巡视',
  '巡察',
  '反馈',
  '意见',
  '关于',
  '政府',
  '机关',
  '工作',
  '情况',
  '报告',
  '通知',
  '清单',
  '落实',
];

/** Bonus (negative cost) for breaking *before* these. */
const BREAK_BEFORE = ['关于', '整改方案', '整改落实方案', '实施方案', '工作方案', '整改清单', '整改措施', '查摆问题', '检视问题', '的整改', '的报告', '的通知'];
/** Bonus for breaking *after* these (issuer suffixes, 年度, 的). */
const BREAK_AFTER = ['党组', '党委', '常委会', '委员会', '领导班子', '办公室', '办公厅', '年度', '的', '民主生活会', '组织生活会'];

interface Span {
  start: number;
  end: number; // exclusive
  cost: number;
  /** A 《…》 too long for one line: it has to break, preferably where the text allows (cost added on top) */
  soft?: boolean;
}

function protectedSpans(chars: string[], max = TITLE_MAX_CHARS): Span[] {
  const spans: Span[] = [];
  const text = chars.join('');
  const pairs: [string, string][] = [
    ['《', '》'],
    ['“', '”'],
    ['（', '）'],
    ['(', ')'],
    ['〔', '〕'],
    ['"', '"'],
  ];
  for (const [open, close] of pairs) {
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] !== open) continue;
      const j = chars.indexOf(close, i + 1);
      if (j <= i) continue;
      const long = titleWidth(chars.slice(i, j + 1).join('')) > max;
      spans.push(long ? { start: i, end: j + 1, cost: 100, soft: true } : { start: i, end: j + 1, cost: 1000 });
    }
  }
  // Numbers with their unit (2025年度, 第3, 12个) and Latin words.
  const re = /第?[0-9０-９]+(?:[.．][0-9]+)?[年月日号届次个条项批]?度?|第[一二三四五六七八九十百零]+(?:巡察组|巡视组|督查组|届|次|批|轮|组)?|[A-Za-z][A-Za-z0-9-]*/gu;
  for (const m of text.matchAll(re)) {
    const start = [...text.slice(0, m.index)].length;
    spans.push({ start, end: start + [...m[0]].length, cost: 1000 });
  }
  for (const term of TERMS) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(term, from);
      if (at < 0) break;
      const start = [...text.slice(0, at)].length;
      spans.push({ start, end: start + [...term].length, cost: 40 });
      from = at + 1;
    }
  }
  return spans;
}

function breakCosts(chars: string[]): number[] {
  // cost[i] = cost of a break between chars[i-1] and chars[i], for 1 ≤ i < n
  const n = chars.length;
  const cost = new Array<number>(n + 1).fill(3);
  const soft = new Array<number>(n + 1).fill(0);
  for (const span of protectedSpans(chars)) {
    for (let i = span.start + 1; i < span.end; i++) {
      if (span.soft) soft[i] = Math.max(soft[i] ?? 0, span.cost);
      else cost[i] = Math.max(cost[i] ?? 0, span.cost);
    }
  }
  const text = chars.join('');
  const at = (s: string): number[] => {
    const out: number[] = [];
    let from = 0;
    for (;;) {
      const k = text.indexOf(s, from);
      if (k < 0) return out;
      out.push([...text.slice(0, k)].length);
      from = k + 1;
    }
  };
  for (const s of BREAK_BEFORE) for (const i of at(s)) if (i > 0 && (cost[i] ?? 0) < 40) cost[i] = Math.min(cost[i] ?? 0, s.startsWith('的') ? 1 : 0);
  for (const s of BREAK_AFTER) {
    for (const i of at(s)) {
      const j = i + [...s].length;
      if (j < n && (cost[j] ?? 0) < 40) cost[j] = Math.min(cost[j] ?? 0, s === '的' ? 1 : 0);
    }
  }
  // A line never starts with 的/和/与 or a closing mark, nor ends with an opening mark.
  for (let i = 1; i < n; i++) {
    if (/[的和与及、，。）》”]/u.test(chars[i] ?? '')) cost[i] = (cost[i] ?? 0) + 30;
    if (/[（《“〔]/u.test(chars[i - 1] ?? '')) cost[i] = (cost[i] ?? 0) + 1000;
  }
  return cost.map((c, i) => c + (soft[i] ?? 0));
}

function shapeCost(widths: number[]): number {
  const k = widths.length;
  if (k === 1) return 0;
  const avg = widths.reduce((a, b) => a + b, 0) / k;
  let cost = widths.reduce((a, w) => a + Math.abs(w - avg), 0) * 0.15;
  const isTrapezoid = widths.every((w, i) => i === 0 || w >= widths[i - 1]!);
  let peak = 0;
  widths.forEach((w, i) => {
    if (w > widths[peak]!) peak = i;
  });
  const isDiamond =
    k >= 3 &&
    widths.every((w, i) => i === 0 || i > peak || w >= widths[i - 1]!) &&
    widths.every((w, i) => i <= peak || w <= widths[i - 1]!);
  if (!isTrapezoid && !isDiamond) cost += 6;
  return cost;
}

/**
 * Splits a title into centred lines of at most `max` character cells, trapezoid- or diamond-shaped,
 * breaking only where the text allows. A title that fits stays on one line.
 */
export function splitTitleLines(title: string, max = TITLE_MAX_CHARS): string[] {
  const clean = stripTitleFinalPunctuation(title.replace(/\s+/gu, ''));
  const chars = [...clean];
  if (chars.length === 0) return [];
  const costs = breakCosts(chars);
  const prefix: number[] = [0];
  for (const ch of chars) prefix.push(prefix[prefix.length - 1]! + titleWidth(ch));
  // Set width of chars[from, end): advances plus the Hanzi/Latin gaps inside the line.
  const advance: number[] = [0];
  const gaps: number[] = [0];
  chars.forEach((ch, i) => {
    advance.push(advance[i]! + setAdvance(ch));
    const gap = i > 0 && isHalf(ch) !== isHalf(chars[i - 1]!) && !/[\p{P}\s]/u.test(ch) && !/[\p{P}\s]/u.test(chars[i - 1]!) ? AUTOSPACE : 0;
    gaps.push(gaps[i]! + gap);
  });
  const fits = (from: number, end: number): boolean => advance[end]! - advance[from]! + (gaps[end]! - gaps[from + 1]!) <= max;
  if (fits(0, chars.length)) return [clean];
  const total = prefix[chars.length]!;
  const minLines = Math.ceil(total / max);
  let best: { score: number; breaks: number[] } | null = null;
  for (let k = minLines; k <= minLines + 1 && k <= chars.length; k++) {
    const breaks: number[] = [];
    const search = (from: number, linesLeft: number, acc: number): void => {
      if (best && acc >= best.score) return;
      if (linesLeft === 1) {
        if (!fits(from, chars.length)) return;
        const ends = [...breaks, chars.length];
        const widths = ends.map((e, i) => prefix[e]! - prefix[i === 0 ? 0 : ends[i - 1]!]!);
        // An extra line is only worth it when it avoids a bad break.
        const score = acc + shapeCost(widths) + (k > minLines ? 8 : 0);
        if (!best || score < best.score) best = { score, breaks: [...breaks] };
        return;
      }
      for (let end = from + 1; end < chars.length; end++) {
        if (!fits(from, end)) break;
        // The rest must still fit in the remaining lines.
        if (prefix[chars.length]! - prefix[end]! > max * (linesLeft - 1)) continue;
        breaks.push(end);
        search(end, linesLeft - 1, acc + (costs[end] ?? 0));
        breaks.pop();
      }
    };
    search(0, k, 0);
  }
  const found = best as { score: number; breaks: number[] } | null;
  if (!found) return [clean];
  const out: string[] = [];
  let start = 0;
  for (const b of [...found.breaks, chars.length]) {
    out.push(chars.slice(start, b).join(''));
    start = b;
  }
  return out;
}
