// Classifies a 完成时限 as written (domain.md §5.1). The wording itself is stored and exported verbatim;
// the kind and the resolved date are only for sorting, filters and overdue warnings.
import type { DeadlineKind } from './deadline.ts';

export interface DeadlineClassification {
  kind: DeadlineKind;
  /** ISO date (YYYY-MM-DD) the deadline resolves to (the last milestone for phased deadlines); null when none */
  date: string | null;
  /** "…并长期坚持": a dated or immediate item that also continues afterwards */
  alsoLongTerm: boolean;
}

const IMMEDIATE = /立行立改|即知即改|立查立改|即查即改|立即整改|马上就改|边巡边改|边查边改|立改立行|即改即办|立即(?:执行|落实|启动)/;
const LONG_TERM = /长期坚持|长期推进|长期执行|持续推进|持续整改|常态化(?:推进|开展|坚持)?|常抓不懈|久久为功|长效常治|持续落实|长期/;
const PERIODIC = /每(?:一)?(?:年|半年|季度|季|月|周|旬|天|日)(?:度)?(?:末|底|初|前)?|定期/;
const RELATIVE = /(?:会后|反馈后|印发后|通知后|收到[^，,。；;]{0,8}后|发现后|之日起|[^，,。；;]{0,8}后)\s*[0-9０-９一二三四五六七八九十两]+\s*(?:个)?(?:工作日|日|天|周|星期|个月|月)(?:内|以内)?/;
const PHASED_WORDS = /分阶段|分步推进|分步实施|阶段性完成/;

const CN_DIGITS: Record<string, number> = { '〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

/** "２０２６" "2026" "二〇二六" "十二" "三十一" → number. */
function toNumber(raw: string): number | null {
  const ascii = raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (/^[〇○零一二三四五六七八九两]{2,4}$/.test(raw) && !raw.includes('十')) {
    // Year written digit by digit: 二〇二六
    let n = 0;
    for (const ch of raw) n = n * 10 + (CN_DIGITS[ch] ?? 0);
    return n;
  }
  const m = /^([一二三四五六七八九两])?(十)?([一二三四五六七八九])?$/.exec(raw);
  if (m && raw.length > 0) {
    const [, tens, ten, ones] = m;
    if (!ten) return tens ? (CN_DIGITS[tens] ?? null) : null;
    return (tens ? (CN_DIGITS[tens] ?? 1) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
  }
  return null;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month) || year < 1900 || year > 2200) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUM = '[0-9０-９〇○零一二三四五六七八九十两]';
const QUARTER: Record<string, number> = { '一': 1, '二': 2, '三': 3, '四': 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * Every date mentioned in the text, in order. A mention without a year inherits the previous mention's
 * year (11月30日前…，12月底前…), else `referenceYear`.
 */
function findDates(text: string, referenceYear: number | undefined): { dates: string[]; count: number } {
  const re = new RegExp(
    `(?:(${NUM}{4})\\s*年\\s*)?` + // year
      `(?:(${NUM}{1,3})\\s*月\\s*(?:(${NUM}{1,3})\\s*[日号]|(底|末|中旬|上旬|下旬|初|中))?` + // month [+ day | part]
      `|(年底|年末|底|末|年内|内|上半年|下半年|第?[一二三四1-4]季度末?|前|全年))?`,
    'g',
  );
  const dates: string[] = [];
  let count = 0;
  let year = referenceYear;
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    const [, y, mo, d, mpart, ypart] = m;
    if (!y && !mo) continue;
    if (y && !mo && !ypart) {
      // "2026年" alone counts only when it stands as a deadline ("2026年完成"), not "2026年度学习计划".
      const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 1);
      if (after === '度') continue;
    }
    if (y) {
      const parsed = toNumber(y);
      if (parsed === null || parsed < 1900) continue;
      year = parsed;
    }
    count++;
    if (year === undefined) continue;
    let date: string | null;
    if (mo) {
      const month = toNumber(mo);
      if (month === null) continue;
      if (d) date = iso(year, month, toNumber(d) ?? 0);
      else if (mpart === '上旬' || mpart === '初') date = iso(year, month, 10);
      else if (mpart === '中旬' || mpart === '中') date = iso(year, month, 20);
      else date = iso(year, month, month >= 1 && month <= 12 ? lastDayOfMonth(year, month) : 0);
    } else if (ypart === '上半年') date = iso(year, 6, 30);
    else if (ypart && ypart.includes('季度')) {
      const q = QUARTER[ypart.replace(/^第|季度末?$/g, '')] ?? 4;
      date = iso(year, q * 3, lastDayOfMonth(year, q * 3));
    } else date = iso(year, 12, 31);
    if (date) dates.push(date);
  }
  return { dates, count };
}

/** Classifies a deadline as written, e.g. 2026年3月底前 → { kind: 'date', date: '2026-03-31' }. */
export function classifyDeadline(raw: string, referenceYear?: number): DeadlineClassification {
  const text = raw.trim();
  if (text === '') return { kind: 'other', date: null, alsoLongTerm: false };
  const { dates, count } = findDates(text, referenceYear);
  const longTerm = LONG_TERM.test(text);
  const last = dates.length > 0 ? dates.reduce((a, b) => (a > b ? a : b)) : null;
  // A range (2026年1月至3月) is one deadline, its end; separate milestones (…前完成清查，…前完成账务处理) are phases.
  const isRange = count === 2 && /[—–\-－~～至到]/.test(text) && !/[，,；;]/.test(text);
  if (count >= 2 && !isRange) return { kind: 'phased', date: last, alsoLongTerm: longTerm };
  if (count >= 1) {
    if (IMMEDIATE.test(text)) return { kind: 'immediate', date: last, alsoLongTerm: longTerm };
    return { kind: 'date', date: last, alsoLongTerm: longTerm };
  }
  if (IMMEDIATE.test(text)) return { kind: 'immediate', date: null, alsoLongTerm: longTerm };
  if (RELATIVE.test(text)) return { kind: 'relative', date: null, alsoLongTerm: longTerm };
  if (PERIODIC.test(text)) return { kind: 'periodic', date: null, alsoLongTerm: longTerm };
  if (longTerm) return { kind: 'long_term', date: null, alsoLongTerm: true };
  if (PHASED_WORDS.test(text)) return { kind: 'phased', date: null, alsoLongTerm: false };
  return { kind: 'other', date: null, alsoLongTerm: false };
}
