import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BackupEntry } from '../../../shared/api/backup.ts';
import type { ProgressListener } from '../../../shared/api/task-progress.ts';
import { backupsDir } from '../store/backups.ts';
import { SET_DATABASE, SET_MANIFEST } from './folder-names.ts';
import { allLocations, isAvailable } from './locations.ts';
import { scanLocation } from './location-scan.ts';
import { entryFromLegacy, entryFromSet, resolveBackup, verifyBackup, withVerification, type ResolvedBackup } from './catalog.ts';

export interface BackupListing {
  backups: BackupEntry[];
  incomplete: number;
  unavailable: string[];
}

/** The backups of one folder: its sets (and in backups/ an earlier version's single-file copies). */
async function listFolder(dataDir: string, folder: string, local: boolean): Promise<{ resolved: ResolvedBackup[]; incomplete: number }> {
  const scan = await scanLocation(folder, { legacy: local });
  const resolved: ResolvedBackup[] = scan.sets.map((set) => ({
    entry: entryFromSet(dataDir, set, folder),
    set,
    databaseFile: path.join(set.dir, SET_DATABASE),
    siblings: scan.sets,
  }));
  for (const file of scan.legacy) resolved.push({ entry: entryFromLegacy(dataDir, file, folder), set: null, databaseFile: file.file, siblings: [] });
  return { resolved, incomplete: scan.incomplete.length };
}

/**
 * Every backup in every location (or in one folder the user picked: a USB drive, an exported
 * workbook, or a single set), newest first. Sets that never finished are only counted. With `verify`
 * each backup is checked again and its `verified`/`problems` say what was found.
 */
export async function listBackups(dataDir: string, options: { from?: string | undefined; verify?: boolean; progress?: ProgressListener | undefined } = {}): Promise<BackupListing> {
  const out: BackupListing = { backups: [], incomplete: 0, unavailable: [] };
  let found: ResolvedBackup[] = [];
  if (options.from) {
    const from = path.resolve(options.from);
    if ((await stat(path.join(from, SET_MANIFEST)).catch(() => null))?.isFile()) found = [await resolveBackup(dataDir, from)];
    else {
      const r = await listFolder(dataDir, from, from === path.resolve(backupsDir(dataDir)));
      found = r.resolved;
      out.incomplete += r.incomplete;
    }
  } else {
    for (const { folder, local } of allLocations(dataDir)) {
      if (!local && !(await isAvailable(folder))) {
        out.unavailable.push(folder);
        continue;
      }
      const r = await listFolder(dataDir, folder, local);
      found.push(...r.resolved);
      out.incomplete += r.incomplete;
    }
  }
  let checked = 0;
  for (const r of found) {
    if (options.verify) {
      options.progress?.({ task: 'verify', stage: '正在校验备份', done: checked, total: found.length });
      out.backups.push(withVerification(r.entry, await verifyBackup(r)));
      checked++;
    } else out.backups.push(r.entry);
  }
  if (options.verify) options.progress?.({ task: 'verify', stage: '正在校验备份', done: checked, total: found.length });
  out.backups.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.path.localeCompare(a.path));
  return out;
}
