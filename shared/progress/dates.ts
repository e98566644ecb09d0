// Calendar-day arithmetic on ISO dates (YYYY-MM-DD) in UTC, so time zones and DST never shift a deadline.

export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

function toDays(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return toDays(b) - toDays(a);
}

export function addDays(iso: string, days: number): string {
  return new Date((toDays(iso) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** The local calendar date of `now` as YYYY-MM-DD (what the user calls "today"). */
export function localIsoDate(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** An ISO timestamp as the user's local date and time, e.g. 2026-01-15 09:30 (backups, reports). */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  return `${localIsoDate(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** 2026-01-15 → 2026年1月15日 (成文日期 style: Arabic numerals, no zero padding). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
