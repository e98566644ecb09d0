import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { localDateTime } from '../../../shared/progress/dates.ts';
import { parseSetFolderName } from '../backup/folder-names.ts';
import { readManifestSync } from '../backup/manifest.ts';

/**
 * The `backups/` folder of a workbook, as the store's error messages need it: every message that
 * tells the user to restore names the same, newest good backup. (Backups themselves are written,
 * listed and restored by electron/services/backup/.)
 */

export const BACKUPS_DIR = 'backups';

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, BACKUPS_DIR);
}

export interface NewestBackup {
  path: string;
  createdAt: string;
  /** set: a backup set folder; file: one database file of an earlier version */
  format: 'set' | 'file';
}

/** The newest good backup in backups/ (a verified set, or an earlier version's single-file copy); null when none. */
export function newestLocalBackup(dataDir: string): NewestBackup | null {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  let best: (NewestBackup & { ms: number }) | null = null;
  for (const name of names) {
    const full = path.join(dir, name);
    let candidate: (NewestBackup & { ms: number }) | null = null;
    if (parseSetFolderName(name)) {
      const read = readManifestSync(full);
      if (!read.ok || !read.manifest.verification.ok) continue;
      candidate = { path: full, createdAt: read.manifest.createdAt, format: 'set', ms: Date.parse(read.manifest.createdAt) };
    } else if (name.endsWith('.sqlite')) {
      try {
        const st = statSync(full);
        if (!st.isFile()) continue;
        candidate = { path: full, createdAt: st.mtime.toISOString(), format: 'file', ms: st.mtimeMs };
      } catch {
        continue;
      }
    }
    if (candidate && (!best || candidate.ms > best.ms || (candidate.ms === best.ms && candidate.path > best.path))) best = candidate;
  }
  if (!best) return null;
  const { ms: _ms, ...newest } = best;
  return newest;
}

/** How to get the work back from the newest backup, step by step, in the user's words. */
export function restoreAdvice(dataDir: string): string {
  const newest = newestLocalBackup(dataDir);
  if (!newest) {
    return (
      `数据目录的 backups 文件夹中没有备份。如果把工作台备份到过 U 盘或其他文件夹，请打开整改方案工作台的“设置 → 备份与恢复”，` +
      `用“从其他位置恢复”选择那个文件夹。否则请不要删除或覆盖 workbook.sqlite，先把整个数据目录复制一份保存，` +
      `再请技术人员用 SQLite 工具（.recover 命令）抢救其中的数据。数据目录：${dataDir}`
    );
  }
  const when = localDateTime(newest.createdAt);
  if (newest.format === 'set') {
    return (
      `最新的备份是 ${newest.path}（${when}）。恢复方法：打开整改方案工作台，在“设置 → 备份与恢复”中选择这个备份并点击“恢复”；` +
      `或关闭程序后在命令行运行 rectify restore "${newest.path}" --yes。损坏的数据文件会先移到 backups 文件夹中保存，不会删除。` +
      `备份之后的修改需要重新录入。数据目录：${dataDir}`
    );
  }
  return (
    `最新的备份是 ${newest.path}（${when}）。恢复方法：运行 rectify restore "${newest.path}" --yes；或手工恢复：` +
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
