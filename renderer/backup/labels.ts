import { BACKUP_KIND_LABELS, type BackupEntry } from '../../shared/api/backup.ts';
import { formatDateTime } from '../progress/labels.ts';

export { formatDateTime };

export function kindLabel(b: BackupEntry): string {
  return b.format === 'file' ? `${BACKUP_KIND_LABELS[b.kind]}（早期版本）` : BACKUP_KIND_LABELS[b.kind];
}

/** 3 分钟前 / 5 小时前 / 2 天前 */
export function ageText(iso: string, now: number = Date.now()): string {
  const ms = Math.max(0, now - Date.parse(iso));
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
}

/** The location as the user knows it. */
export function locationLabel(b: { local: boolean; location: string }): string {
  return b.local ? '本机（数据目录）' : b.location;
}

/** The newest backup that can be restored (the one preselected after a damaged start). */
export function newestGood(backups: readonly BackupEntry[]): BackupEntry | null {
  return backups.find((b) => b.problems.length === 0 && b.verified) ?? backups.find((b) => b.problems.length === 0) ?? null;
}
