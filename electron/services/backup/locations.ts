import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { realpath, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { backupsDir } from '../store/backups.ts';

/**
 * Where backups go: the workbook's own backups/ folder, always, and the folders the user added in
 * 设置 → 备份与恢复 (a USB drive, a network share), with the outcome of the last backup into each.
 * Kept in a small file of the data folder, not in the database: a restore must not forget the USB
 * drive, and the list must be readable when the database is damaged.
 */

export const LOCATIONS_FILE = 'backup-locations.json';

const OutcomeSchema = z.object({
  lastSuccessAt: z.string().nullable().default(null),
  lastSuccessPath: z.string().nullable().default(null),
  lastProblem: z.string().nullable().default(null),
  lastProblemAt: z.string().nullable().default(null),
});
export type LocationOutcome = z.infer<typeof OutcomeSchema>;

const SettingsSchema = z.object({
  locations: z.array(z.object({ folder: z.string(), addedAt: z.string() })).default([]),
  outcomes: z.record(z.string(), OutcomeSchema).default({}),
});
export type BackupSettings = z.infer<typeof SettingsSchema>;

function settingsFile(dataDir: string): string {
  return path.join(dataDir, LOCATIONS_FILE);
}

/** The settings; a missing or unreadable file is the defaults (only backups/). */
export function readSettings(dataDir: string): BackupSettings {
  try {
    const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(settingsFile(dataDir), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // no file yet
  }
  return { locations: [], outcomes: {} };
}

// Writes of this process one after another (two backups may finish together).
let queue: Promise<unknown> = Promise.resolve();

async function update(dataDir: string, change: (s: BackupSettings) => void): Promise<BackupSettings> {
  const run = queue.then(async () => {
    const settings = readSettings(dataDir);
    change(settings);
    await writeFileAtomic(settingsFile(dataDir), JSON.stringify(settings, null, 1), { dataDir });
    return settings;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Every location, the workbook's own backups/ first. */
export function allLocations(dataDir: string): { folder: string; local: boolean }[] {
  return [{ folder: backupsDir(dataDir), local: true }, ...readSettings(dataDir).locations.map((l) => ({ folder: l.folder, local: false }))];
}

export async function isAvailable(folder: string): Promise<boolean> {
  return (await stat(folder).catch(() => null))?.isDirectory() ?? false;
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function addLocation(dataDir: string, folder: string): Promise<void> {
  if (!path.isAbsolute(folder)) throw new AppError('bad_input', `请给出文件夹的完整路径：${folder}`);
  const st = await stat(folder).catch(() => null);
  if (!st?.isDirectory()) throw new AppError('not_found', `找不到文件夹「${folder}」：请确认 U 盘已插入或网络位置已连接。`);
  const real = await realpath(folder);
  const realData = await realpath(dataDir).catch(() => path.resolve(dataDir));
  if (inside(real, realData)) {
    throw new AppError('bad_input', '备份位置不能在数据目录之内（数据目录的 backups 文件夹已经自动备份）：请选择 U 盘或另一块磁盘上的文件夹。');
  }
  // Writable? A backup location that refuses files would only fail later, silently.
  const probe = path.join(folder, `.rectify-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, '');
  } catch {
    throw new AppError('io', `无法写入文件夹「${folder}」：它可能是只读的，或没有写入权限。请换一个文件夹。`);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
  await update(dataDir, (s) => {
    if (s.locations.some((l) => path.resolve(l.folder) === path.resolve(folder))) return;
    s.locations.push({ folder: path.resolve(folder), addedAt: new Date().toISOString() });
  });
}

export async function removeLocation(dataDir: string, folder: string): Promise<void> {
  const settings = readSettings(dataDir);
  if (!settings.locations.some((l) => path.resolve(l.folder) === path.resolve(folder))) {
    throw new AppError('not_found', `没有这个备份位置：${folder}`);
  }
  await update(dataDir, (s) => {
    s.locations = s.locations.filter((l) => path.resolve(l.folder) !== path.resolve(folder));
    delete s.outcomes[path.resolve(folder)];
  });
}

/** Notes how the last backup into `folder` went (shown on the page; a failure never stops anything else). */
export async function recordOutcome(dataDir: string, folder: string, outcome: { ok: true; path: string; at: string } | { ok: false; message: string; at: string }): Promise<void> {
  await update(dataDir, (s) => {
    const key = path.resolve(folder);
    const current = s.outcomes[key] ?? { lastSuccessAt: null, lastSuccessPath: null, lastProblem: null, lastProblemAt: null };
    if (outcome.ok) s.outcomes[key] = { ...current, lastSuccessAt: outcome.at, lastSuccessPath: outcome.path, lastProblem: null, lastProblemAt: null };
    else s.outcomes[key] = { ...current, lastProblem: outcome.message, lastProblemAt: outcome.at };
  }).catch(() => undefined);
}
