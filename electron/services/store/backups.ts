import { readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { localDateTime } from '../../../shared/progress/dates.ts';
import type { Db } from './db.ts';
import { openConnection } from './driver.ts';

/**
 * The `backups/` folder of a workbook: full copies of the database (before every schema upgrade, and
 * the daily copy of the start-up maintenance). Named here so every message that tells the user to
 * restore one names the same, newest copy.
 */

export const BACKUPS_DIR = 'backups';

export interface BackupFile {
  file: string;
  size: number;
  modifiedAt: string;
}

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, BACKUPS_DIR);
}

/**
 * An online copy of `db` at `target`, written under a temporary name (a copy cut short never looks like
 * a good backup) and made self-contained (rollback journal, no -wal/-shm beside it), so that restoring is
 * copying one file.
 */
export async function writeBackup(db: Db, target: string): Promise<void> {
  const partial = `${target}.${process.pid}.part`;
  try {
    await db.backup(partial);
    // The switch needs the copy to itself; a driver may still be letting go of it just after the backup.
    for (let attempt = 0; ; attempt++) {
      const copy = openConnection(partial, { driver: db.driver });
      let mode: unknown;
      try {
        mode = copy.pragma('journal_mode = DELETE', { simple: true });
      } finally {
        copy.close();
      }
      if (mode === 'delete' || attempt >= 50) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { force: true }).catch(() => undefined);
    await rm(`${partial}-wal`, { force: true }).catch(() => undefined);
    await rm(`${partial}-shm`, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Every backup, newest first; an unreadable or missing folder is an empty list. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: (BackupFile & { ms: number })[] = [];
  for (const name of names) {
    if (!name.endsWith('.sqlite')) continue;
    try {
      const st = statSync(path.join(dir, name));
      if (!st.isFile()) continue;
      out.push({ file: path.join(dir, name), size: st.size, modifiedAt: st.mtime.toISOString(), ms: st.mtimeMs });
    } catch {
      // vanished meanwhile
    }
  }
  return out.sort((a, b) => b.ms - a.ms || b.file.localeCompare(a.file)).map(({ ms: _ms, ...b }) => b);
}

/** How to get the work back from the newest backup, step by step, in the user's words. */
export function restoreAdvice(dataDir: string): string {
  const newest = listBackups(dataDir)[0];
  if (!newest) {
    return (
      `数据目录的 backups 文件夹中没有备份。请不要删除或覆盖 workbook.sqlite，先把整个数据目录复制一份保存，` +
      `再请技术人员用 SQLite 工具（.recover 命令）抢救其中的数据。数据目录：${dataDir}`
    );
  }
  return (
    `最新的备份是 ${newest.file}（${localDateTime(newest.modifiedAt)}）。恢复方法：` +
    `① 关闭整改方案工作台和正在运行的 rectify 命令；` +
    `② 把数据目录中的 workbook.sqlite 以及同名的 workbook.sqlite-wal、workbook.sqlite-shm 移到别处保存（不要删除）；` +
    `③ 把这个备份复制到数据目录，改名为 workbook.sqlite；④ 重新打开程序。备份之后的修改需要重新录入。数据目录：${dataDir}`
  );
}

/**
 * The error for a database that cannot be read as ours: nothing is written to it. `reason` is for the
 * user (Chinese); `detail` keeps SQLite's own words for a technician (error details, not the message).
 */
export function damagedDatabaseError(dataDir: string, reason: string, detail?: string): AppError {
  return new AppError('db_corrupt', `数据文件已损坏（${reason}），为保护数据，程序没有写入它。${restoreAdvice(dataDir)}`, { detail: detail ?? reason });
}
