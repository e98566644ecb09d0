import { MEASURE_STATUSES, STATUS_LABELS, type MeasureStatus } from '../../shared/domain/status.ts';

/** Tag colours by status: green when completed, blue while moving, red when failed. */
export const STATUS_COLORS: Record<MeasureStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  ongoing: 'cyan',
  mostly_done: 'geekblue',
  done: 'success',
  close_requested: 'gold',
  closed: 'green',
  not_done: 'error',
  delayed: 'warning',
};

/** Bar colours for the dashboard charts (same meaning as the tags). */
export const STATUS_BAR_COLORS: Record<MeasureStatus, string> = {
  not_started: '#bfbfbf',
  in_progress: '#1677ff',
  ongoing: '#13c2c2',
  mostly_done: '#2f54eb',
  done: '#52c41a',
  close_requested: '#faad14',
  closed: '#237804',
  not_done: '#f5222d',
  delayed: '#fa8c16',
};

export const STATUS_OPTIONS = MEASURE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/** Today as the user's calendar date (YYYY-MM-DD). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** 2026-01-15T08:30:00.000Z → 2026-01-15 08:30 (local time) */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
