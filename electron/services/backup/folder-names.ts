import { safeFileName } from '../../../shared/progress/evidence-names.ts';

/**
 * Names of backup set folders: 备份_YYYYMMDD_HHMMSS[_说明], in the user's local time, so a secretary
 * browsing the USB drive reads when each one was made and (from the note) why.
 */

export const SET_PREFIX = '备份_';
/** Inside every set: the database copy and the manifest. */
export const SET_DATABASE = 'workbook.sqlite';
export const SET_MANIFEST = 'manifest.json';
/** Inside every set: evidence files named by their SHA-256. */
export const SET_EVIDENCE = 'evidence';

const NAME_RE = /^备份_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:_(.+))?$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The note as it may appear in a folder name: no characters any OS refuses, at most 40 characters. */
export function cleanNote(note: string | undefined): string {
  const trimmed = (note ?? '').trim();
  if (trimmed === '') return '';
  return safeFileName(trimmed, '').replace(/\s+/g, ' ').slice(0, 40);
}

export function setFolderName(at: Date, note?: string): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}_${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const clean = cleanNote(note);
  return `${SET_PREFIX}${stamp}${clean ? `_${clean}` : ''}`;
}

/** The local time and note a set folder's name gives; null for any other name. */
export function parseSetFolderName(name: string): { at: Date; note: string } | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(at.getTime()) || at.getMonth() !== mo - 1) return null;
  return { at, note: m[7] ?? '' };
}
