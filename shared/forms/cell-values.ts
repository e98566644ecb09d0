import type { MeasureStatus } from '../domain/status.ts';
import { MEASURE_STATUSES, STATUS_LABELS } from '../domain/status.ts';
import { statusFromText } from '../domain/status-words.ts';
import { isIsoDate } from '../progress/dates.ts';

/**
 * What a department typed into a returned form, read the way Excel, WPS and LibreOffice save it: a date
 * as a serial number or as text in any common spelling, a status chosen from the list or typed in
 * other words (正在整改, 已整改到位 …).
 */

/** A cell's value as read from the sheet: text, a number (dates are serials), a boolean, or nothing. */
export type CellValue = string | number | boolean | null;

export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  return String(value).replace(/\r\n?/g, '\n').trim();
}

function iso(y: number, m: number, d: number): string | null {
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!isIsoDate(text)) return null;
  // 2026-02-30 parses in JavaScript as March 2: only a day that exists counts.
  const back = new Date(`${text}T00:00:00Z`);
  return back.getUTCMonth() + 1 === m && back.getUTCDate() === d ? text : null;
}

/** An Excel serial day number as an ISO date (the 1900 system counts a 29 February 1900 that never was). */
export function excelSerialDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial);
  const base = date1904 ? Date.UTC(1904, 0, 1) : days >= 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}

const FULL_WIDTH = /[０-９]/g;

/**
 * A reported date: a serial, or text such as 2026-04-15, 2026/4/15, 2026.4.15, 2026年4月15日, 20260415,
 * 4月15日 (the year of `referenceYear`). `bad` when something is written that is not a date.
 */
export function parseReportedDate(value: CellValue | undefined, referenceYear: number, date1904 = false): { date: string | null; bad: boolean } {
  if (typeof value === 'number') {
    const date = excelSerialDate(value, date1904);
    return { date, bad: date === null };
  }
  const text = cellText(value ?? null).replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
  if (text === '') return { date: null, bad: false };
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T.*|号)?$/.exec(text);
  if (m) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return { date, bad: date === null };
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return { date, bad: date === null };
  }
  m = /^(\d{1,2})[月/.-](\d{1,2})[日号]?$/.exec(text);
  if (m) {
    const date = iso(referenceYear, Number(m[1]), Number(m[2]));
    return { date, bad: date === null };
  }
  // A serial saved as text (a cell formatted as text in WPS).
  if (/^\d{5}(?:\.\d+)?$/.test(text)) {
    const date = excelSerialDate(Number(text), date1904);
    return { date, bad: date === null };
  }
  return { date: null, bad: true };
}

/**
 * A reported status: the list's label, the enum, or the words offices write (正在整改, 整改到位, 待销号 …).
 * `bad` when something is written that names no status.
 */
export function parseReportedStatus(value: CellValue | undefined): { status: MeasureStatus | null; bad: boolean } {
  const text = cellText(value ?? null).replace(/\s+/g, '');
  if (text === '') return { status: null, bad: false };
  for (const s of MEASURE_STATUSES) if (text === s || text === STATUS_LABELS[s]) return { status: s, bad: false };
  const status = statusFromText(text);
  return { status, bad: status === null };
}
