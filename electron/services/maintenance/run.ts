import type { MaintenanceResult } from '../../../shared/api/maintenance.ts';
import type { Db } from '../store/database.ts';
import { backupsDir } from '../store/backups.ts';
import { collectGarbage } from '../evidence/maintenance.ts';
import { autoBackup } from '../backup/auto.ts';
import { removeLeftovers } from './leftovers.ts';

export interface RunMaintenanceOptions {
  purgeRemovedDays?: number;
  now?: number;
  /** the day's automatic backup (off for `evidence.collectGarbage`, which only collects) */
  backup?: boolean;
}

/**
 * The maintenance step: the desktop app runs it at start, `rectify doctor --clean` on demand. Leftover
 * temporary files of interrupted writes go first, then evidence no longer needed by anything, then the
 * automatic backup of the day (a backup set in backups/ and in every connected backup location that
 * has none from today).
 */
export async function runMaintenance(ctx: { db: Db; dataDir: string }, options: RunMaintenanceOptions = {}): Promise<MaintenanceResult> {
  const now = options.now ?? Date.now();
  const leftovers = await removeLeftovers(ctx.dataDir, now);
  const gc = await collectGarbage(ctx, { now, ...(options.purgeRemovedDays === undefined ? {} : { purgeRemovedDays: options.purgeRemovedDays }) });
  let backup: string | null = null;
  if (options.backup !== false) {
    const run = await autoBackup(ctx, 'start', options.now === undefined ? {} : { now: () => new Date(now) });
    backup = run.results.find((r) => r.location === backupsDir(ctx.dataDir))?.path ?? null;
  }
  return { removedBlobs: gc.removedBlobs, freedBytes: gc.freedBytes + leftovers.freedBytes, removedTempFiles: leftovers.removed, backup };
}
