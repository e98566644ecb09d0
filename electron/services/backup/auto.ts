import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { BackupKind, BackupResult, BackupRun } from '../../../shared/api/backup.ts';
import type { ProgressListener } from '../../../shared/api/task-progress.ts';
import type { Db } from '../store/db.ts';
import { backupsDir } from '../store/backups.ts';
import { allLocations, isAvailable, recordOutcome } from './locations.ts';
import { scanLocation } from './location-scan.ts';
import { rotateLocation } from './rotation.ts';
import { writeBackupSet } from './writer.ts';

/**
 * Backups nobody has to think about: on the first start of each day and when the app closes after
 * changes, a set in backups/ and in every backup location that is connected; rotated afterwards; a
 * location that is full or missing is skipped with the reason noted for the 备份与恢复 page.
 * 立即备份 (`backup.now`) writes to the same places on demand.
 */

export interface BackupContext {
  db: Db;
  dataDir: string;
  progress?: ProgressListener | undefined;
}

export interface RunOptions {
  now?: () => Date;
  freeSpace?: (folder: string) => Promise<number>;
}

// Changes made through a connection since its last backup (SQLite counts them per connection).
const backedUpAt = new WeakMap<Db, number>();

function totalChanges(db: Db): number {
  return Number((db.prepare('SELECT total_changes() AS n').get() as { n: number | bigint }).n);
}

/** Whether this connection has written anything since it was opened or last backed up. */
export function changedSinceBackup(db: Db): boolean {
  return totalChanges(db) > (backedUpAt.get(db) ?? 0);
}

function errorMessage(err: unknown): string {
  return err instanceof AppError ? err.message : `备份失败：${err instanceof Error ? err.message : String(err)}`;
}

/** One backup into one location, its outcome noted (and the location rotated after an automatic one). */
async function backupInto(
  ctx: BackupContext,
  location: string,
  kind: BackupKind,
  note: string | undefined,
  options: RunOptions & { createLocation?: boolean; selfContained?: boolean; record?: boolean },
): Promise<BackupResult> {
  const at = (options.now ?? (() => new Date()))();
  const changes = totalChanges(ctx.db);
  try {
    const result = await writeBackupSet({
      db: ctx.db,
      dataDir: ctx.dataDir,
      location,
      kind,
      note,
      createLocation: options.createLocation ?? false,
      selfContained: options.selfContained ?? false,
      progress: ctx.progress,
      ...(options.now ? { now: options.now } : {}),
      ...(options.freeSpace ? { freeSpace: options.freeSpace } : {}),
    });
    backedUpAt.set(ctx.db, Math.max(backedUpAt.get(ctx.db) ?? 0, changes));
    if (options.record !== false) await recordOutcome(ctx.dataDir, location, { ok: true, path: result.path, at: result.createdAt });
    if (kind === 'auto') await rotateLocation(location, at).catch(() => undefined);
    return result;
  } catch (err) {
    if (options.record !== false) await recordOutcome(ctx.dataDir, location, { ok: false, message: errorMessage(err), at: at.toISOString() });
    throw err;
  }
}

/** `rectify backup` and 导出工作台: one set, into backups/ or into a folder given (which then holds every file itself). */
export async function backupOnce(ctx: BackupContext, options: RunOptions & { folder?: string | undefined; note?: string | undefined } = {}): Promise<BackupResult> {
  if (options.folder) {
    const folder = path.resolve(options.folder);
    const configured = allLocations(ctx.dataDir).some((l) => path.resolve(l.folder) === folder);
    return backupInto(ctx, folder, 'manual', options.note, { ...options, createLocation: true, selfContained: !configured, record: configured });
  }
  return backupInto(ctx, backupsDir(ctx.dataDir), 'manual', options.note, { ...options, createLocation: true });
}

/** 立即备份 (manual) or an automatic backup into every location; a location that fails is reported, the others still get theirs. */
async function backupEverywhere(ctx: BackupContext, kind: BackupKind, note: string | undefined, options: RunOptions & { due?: (location: string) => Promise<boolean> }): Promise<BackupRun> {
  const run: BackupRun = { results: [], skipped: [] };
  for (const { folder, local } of allLocations(ctx.dataDir)) {
    if (!local && !(await isAvailable(folder))) {
      const message = `备份位置「${folder}」现在无法访问（U 盘未插入或网络位置未连接），这次没有备份到那里。`;
      run.skipped.push({ location: folder, message });
      await recordOutcome(ctx.dataDir, folder, { ok: false, message, at: (options.now ?? (() => new Date()))().toISOString() });
      continue;
    }
    if (options.due && !(await options.due(folder))) continue;
    try {
      run.results.push(await backupInto(ctx, folder, kind, note, { ...options, createLocation: local }));
    } catch (err) {
      run.skipped.push({ location: folder, message: errorMessage(err) });
    }
  }
  return run;
}

export function backupNow(ctx: BackupContext, note: string | undefined, options: RunOptions = {}): Promise<BackupRun> {
  return backupEverywhere(ctx, 'manual', note, options);
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Whether a location already has a backup made today (any kind: the user's own counts too). */
async function backedUpToday(location: string, now: Date, local: boolean): Promise<boolean> {
  const scan = await scanLocation(location, { legacy: local });
  if (scan.sets.some((s) => s.manifest?.verification.ok && sameLocalDay(new Date(s.manifest.createdAt), now))) return true;
  return scan.legacy.some((f) => f.kind === 'auto' && sameLocalDay(f.at, now));
}

/**
 * The automatic backup. `start`: the first start of the day — each location that has no backup from
 * today gets one. `close`: the app is closing — a backup everywhere, but only if this connection
 * changed something since its last backup.
 */
export async function autoBackup(ctx: BackupContext, reason: 'start' | 'close', options: RunOptions = {}): Promise<BackupRun> {
  if (reason === 'close' && !changedSinceBackup(ctx.db)) return { results: [], skipped: [] };
  const now = (options.now ?? (() => new Date()))();
  const localDir = path.resolve(backupsDir(ctx.dataDir));
  return backupEverywhere(ctx, 'auto', '自动', {
    ...options,
    ...(reason === 'start' ? { due: async (folder: string) => !(await backedUpToday(folder, now, path.resolve(folder) === localDir)) } : {}),
  });
}
