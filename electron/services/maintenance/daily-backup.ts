import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../store/database.ts';
import { backupsDir, listBackups, writeBackup } from '../store/backups.ts';
import { localIsoDate } from '../../../shared/progress/dates.ts';

/**
 * One copy of the database a day in backups/ (online backup: the workbook stays usable meanwhile), so a
 * damaged database can be replaced by yesterday's. Only a database that passed the quick_check on
 * opening is copied; the newest `DAILY_KEPT` daily copies are kept, copies made before schema upgrades
 * are never removed here.
 */

export const DAILY_PREFIX = 'daily-';
export const DAILY_KEPT = 7;
const DAY_MS = 86_400_000;

export async function makeDailyBackup(db: Db, dataDir: string, now = Date.now()): Promise<string | null> {
  const existing = listBackups(dataDir);
  const newest = existing[0];
  if (newest && now - Date.parse(newest.modifiedAt) < DAY_MS) return null;
  const dir = backupsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${DAILY_PREFIX}${localIsoDate(new Date(now))}.sqlite`);
  await writeBackup(db, target);
  const dailies = listBackups(dataDir).filter((b) => path.basename(b.file).startsWith(DAILY_PREFIX));
  for (const old of dailies.slice(DAILY_KEPT)) await rm(old.file, { force: true }).catch(() => undefined);
  return target;
}
