// When a measure is due, as far as its 完成时限 says (issue: "deadlines that can be computed are").
// The wording stays verbatim in the document; this only derives the date that 逾期 / 即将到期 are
// computed from, everywhere (home page, dashboard, ledger, tracker, .xlsx). One pure function, so every
// view agrees.
import { classifyDeadline } from './deadline-classify.ts';
import type { DeadlineKind } from './deadline.ts';

export interface DueContext {
  /** The plan's own date (成文日期 or, failing that, the day it was created), ISO; anchors 立行立改 and 会后N日 */
  planDate: string | null;
  /** The local calendar date, ISO: anchors recurring deadlines (每季度末 → the next quarter end) */
  today: string;
  /** 立行立改 counts as due this many days after the plan's date (a setting; 30 by default) */
  immediateDays: number;
}

export const DEFAULT_IMMEDIATE_DAYS = 30;

export interface DueDate {
  /** ISO date, or null when the text names none (长期坚持, 其他) */
  date: string | null;
  /** True when the date is a convention rather than written in the text (立行立改 + N days, 会后3个工作日) */
  assumed: boolean;
  kind: DeadlineKind;
}

function parseIso(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y ?? 1970, m: m ?? 1, d: d ?? 1 };
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function addDays(date: string, days: number): string {
  const { y, m, d } = parseIso(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const { y, m, d } = parseIso(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, lastDay(ny, nm)));
}

/** Working days (Monday–Friday) after `date`; public holidays are not known offline, so this is an estimate. */
function addWorkingDays(date: string, days: number): string {
  let current = date;
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    const weekday = new Date(`${current}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return current;
}

const CN: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function smallNumber(raw: string): number | null {
  const ascii = raw.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(raw);
  if (!m || raw === '') return null;
  if (!m[2]) return m[1] ? (CN[m[1]] ?? null) : null;
  return (m[1] ? (CN[m[1]] ?? 1) : 1) * 10 + (m[3] ? (CN[m[3]] ?? 0) : 0);
}

/** The first recurring boundary on or after today: 每季度末, 每月底, 每月20日前, 每半年, 每年底. */
function nextRecurring(text: string, today: string): string | null {
  const { y, m, d } = parseIso(today);
  const monthly = /每(?:个)?月(?:的)?\s*([0-9０-９一二三四五六七八九十]{1,3})\s*[日号]/.exec(text);
  if (monthly) {
    const day = smallNumber(monthly[1] ?? '');
    if (day === null || day < 1 || day > 31) return null;
    const thisMonth = iso(y, m, Math.min(day, lastDay(y, m)));
    if (thisMonth >= today) return thisMonth;
    const next = addMonths(iso(y, m, 1), 1);
    const n = parseIso(next);
    return iso(n.y, n.m, Math.min(day, lastDay(n.y, n.m)));
  }
  if (/每(?:个)?月/.test(text)) return iso(y, m, lastDay(y, m));
  if (/每(?:个)?季度?/.test(text)) {
    const qEnd = Math.ceil(m / 3) * 3;
    return iso(y, qEnd, lastDay(y, qEnd));
  }
  if (/每半年/.test(text)) return m <= 6 ? iso(y, 6, 30) : iso(y, 12, 31);
  if (/每(?:一)?年/.test(text)) return iso(y, 12, 31);
  if (/每(?:一)?周|每星期/.test(text)) {
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    return addDays(today, (5 - weekday + 7) % 7); // this week's Friday (today when it is Friday)
  }
  void d;
  return null;
}

/** 第一季度, 上半年, 年底前 written without a year: that period of the plan's year. */
function yearlessPeriod(text: string, year: number): string | null {
  const quarter = /第?([一二三四1-4１-４])季度/.exec(text);
  if (quarter) {
    const q = smallNumber(quarter[1] ?? '') ?? 4;
    return iso(year, q * 3, lastDay(year, q * 3));
  }
  if (/上半年/.test(text)) return iso(year, 6, 30);
  if (/下半年|年底|年末|年内/.test(text)) return iso(year, 12, 31);
  return null;
}

/** 会后3个工作日内, 反馈后1个月内, 收到通知后15日内: counted from the plan's date. */
function relativeDue(text: string, planDate: string | null): string | null {
  if (planDate === null) return null;
  const m = /([0-9０-９一二两三四五六七八九十]+)\s*(?:个)?(工作日|日|天|周|星期|个月|月)/.exec(text);
  if (!m) return null;
  const n = smallNumber(m[1] ?? '');
  if (n === null) return null;
  switch (m[2]) {
    case '工作日':
      return addWorkingDays(planDate, n);
    case '周':
    case '星期':
      return addDays(planDate, n * 7);
    case '个月':
    case '月':
      return addMonths(planDate, n);
    default:
      return addDays(planDate, n);
  }
}

/**
 * The due date a 完成时限 as written resolves to. Written dates (2026年3月底前, 第一季度 → the plan
 * year's 03-31, 上半年 → 06-30) are read as they stand; 立行立改 is the plan's date + `immediateDays`
 * (assumed); 每季度末 and other recurring deadlines are their next boundary on or after today; 会后N个
 * 工作日内 counts from the plan's date (assumed); 长期坚持 and unreadable text have none.
 */
export function resolveDueDate(raw: string | null, ctx: DueContext): DueDate {
  const text = (raw ?? '').trim();
  if (text === '') return { date: null, assumed: false, kind: 'other' };
  const planYear = ctx.planDate ? parseIso(ctx.planDate).y : undefined;
  const c = classifyDeadline(text, planYear);
  if (c.date !== null) return { date: c.date, assumed: false, kind: c.kind };
  const yearPart = planYear === undefined ? null : yearlessPeriod(text, planYear);
  if (yearPart !== null && c.kind !== 'periodic') return { date: yearPart, assumed: false, kind: 'date' };
  switch (c.kind) {
    case 'immediate':
      return ctx.planDate ? { date: addDays(ctx.planDate, ctx.immediateDays), assumed: true, kind: c.kind } : { date: null, assumed: false, kind: c.kind };
    case 'periodic':
      return { date: nextRecurring(text, ctx.today), assumed: false, kind: c.kind };
    case 'relative': {
      const date = relativeDue(text, ctx.planDate);
      return { date, assumed: date !== null, kind: c.kind };
    }
    default:
      return { date: null, assumed: false, kind: c.kind };
  }
}

/**
 * A measure's due date: a date stored with the measure (written in its 完成时限, or set by the user when
 * the deadline was changed) wins; otherwise what the wording resolves to.
 */
export function measureDueDate(m: { deadline: string | null; deadlineDate: string | null }, ctx: DueContext): DueDate {
  if (m.deadlineDate) {
    const kind = m.deadline ? classifyDeadline(m.deadline, ctx.planDate ? parseIso(ctx.planDate).y : undefined).kind : 'date';
    return { date: m.deadlineDate, assumed: false, kind };
  }
  return resolveDueDate(m.deadline, ctx);
}

/**
 * The plan's date for DueContext: its 成文日期 when it reads as a calendar day (2026年1月5日,
 * 二〇二六年一月五日, 2026-01-05), else the day it was created (an ISO timestamp).
 */
export function planAnchorDate(documentDate: string | null, createdAt: string | null): string | null {
  const text = (documentDate ?? '').replace(/\s+/g, '');
  const arabic = /^(\d{4})[年.\-/．](\d{1,2})[月.\-/．](\d{1,2})日?$/.exec(text);
  if (arabic) return iso(Number(arabic[1]), Number(arabic[2]), Number(arabic[3]));
  const chinese = /^([〇零○一二三四五六七八九]{4})年([一二三十]?[一二三四五六七八九十]?)月([一二三十]?[一二三四五六七八九十]?)日$/.exec(text);
  if (chinese) {
    const digits: Record<string, number> = { 〇: 0, 零: 0, '○': 0, ...CN };
    const y = [...(chinese[1] ?? '')].reduce((n, ch) => n * 10 + (digits[ch] ?? 0), 0);
    const mo = smallNumber(chinese[2] ?? '');
    const d = smallNumber(chinese[3] ?? '');
    if (mo !== null && d !== null) return iso(y, mo, d);
  }
  if (createdAt && /^\d{4}-\d{2}-\d{2}/.test(createdAt)) return createdAt.slice(0, 10);
  return null;
}
