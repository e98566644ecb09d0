import type { MaintenanceResult } from '../../../shared/api/maintenance.ts';
import type { Db } from '../store/database.ts';
import { collectGarbage } from '../evidence/maintenance.ts';
import { removeLeftovers } from './leftovers.ts';
import { makeDailyBackup } from './daily-backup.ts';

export interface RunMaintenanceOptions {
  purgeRemovedDays?: number;
  now?: number;
  /** the daily backup (off for `evidence.collectGarbage`, which only collects) */
  backup?: boolean;
}

/**
 * The maintenance step: the desktop app runs it at start, `rectify doctor --clean` on demand. Leftover
 * temporary files of interrupted writes go first, then evidence no longer needed by anything, then the
 * daily backup.
 */
export async function runMaintenance(ctx: { db: Db; dataDir: string }, options: RunMaintenanceOptions = {}): Promise<MaintenanceResult> {
  const now = options.now ?? Date.now();
  const leftovers = await removeLeftovers(ctx.dataDir, now);
  const gc = await collectGarbage(ctx, { now, ...(options.purgeRemovedDays === undefined ? {} : { purgeRemovedDays: options.purgeRemovedDays }) });
  const backup = options.backup === false ? null : await makeDailyBackup(ctx.db, ctx.dataDir, now);
  return { removedBlobs: gc.removedBlobs, freedBytes: gc.freedBytes + leftovers.freedBytes, removedTempFiles: leftovers.removed, backup };
}
