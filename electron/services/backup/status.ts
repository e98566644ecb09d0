import path from 'node:path';
import { STALE_BACKUP_DAYS, type BackupLocationStatus, type BackupStatus } from '../../../shared/api/backup.ts';
import { localDateTime } from '../../../shared/progress/dates.ts';
import type { ServiceContext } from '../context.ts';
import { allLocations, isAvailable, readSettings } from './locations.ts';
import { scanLocation } from './location-scan.ts';
import { countWorkbook } from './workbook-counts.ts';

const DAY_MS = 86_400_000;

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Each location's last good backup (from what is in it when connected, else from the record), and a warning when needed. */
export async function backupStatus(ctx: ServiceContext, now: Date = new Date()): Promise<BackupStatus> {
  const openError = ctx.workbook?.openError ?? null;
  const settings = readSettings(ctx.dataDir);
  const locations: BackupLocationStatus[] = [];
  let newestGood: BackupStatus['newestGood'] = null;
  for (const { folder, local } of allLocations(ctx.dataDir)) {
    const recorded = settings.outcomes[path.resolve(folder)];
    const available = local || (await isAvailable(folder));
    let lastSuccessAt = recorded?.lastSuccessAt ?? null;
    let lastSuccessPath = recorded?.lastSuccessPath ?? null;
    if (available) {
      const newest = (await scanLocation(folder)).sets.find((s) => s.manifest?.verification.ok);
      if (newest?.manifest) {
        const at = later(newest.manifest.createdAt, lastSuccessAt);
        if (at === newest.manifest.createdAt) lastSuccessPath = newest.dir;
        lastSuccessAt = at;
      } else if (local) {
        // The record outlived the sets (deleted by hand): only what is there counts for backups/.
        lastSuccessAt = null;
        lastSuccessPath = null;
      }
    }
    const problemAfterSuccess = recorded?.lastProblemAt && (!lastSuccessAt || Date.parse(recorded.lastProblemAt) > Date.parse(lastSuccessAt));
    locations.push({
      folder,
      local,
      available,
      lastSuccessAt,
      lastSuccessPath,
      lastProblem: problemAfterSuccess ? (recorded?.lastProblem ?? null) : null,
      lastProblemAt: problemAfterSuccess ? (recorded?.lastProblemAt ?? null) : null,
    });
    if (lastSuccessAt && lastSuccessPath && (!newestGood || Date.parse(lastSuccessAt) > Date.parse(newestGood.createdAt))) {
      newestGood = { path: lastSuccessPath, createdAt: lastSuccessAt };
    }
  }
  let warning: string | null = null;
  if (!openError) {
    if (newestGood) {
      const days = Math.floor((now.getTime() - Date.parse(newestGood.createdAt)) / DAY_MS);
      if (days >= STALE_BACKUP_DAYS) {
        warning = `最近一次成功的备份是 ${days} 天前（${localDateTime(newestGood.createdAt)}）。请在“设置 → 备份与恢复”中点击“立即备份”，并检查备份位置（如 U 盘）是否可用。`;
      }
    } else if (countWorkbook(ctx.db).plans > 0) {
      warning = '工作台还没有成功的备份。请在“设置 → 备份与恢复”中点击“立即备份”。';
    }
  }
  return {
    workbook: openError
      ? { state: openError.code === 'db_corrupt' ? 'damaged' : 'unopenable', message: openError.message }
      : { state: 'ok', message: null },
    locations,
    newestGood,
    warning,
  };
}
