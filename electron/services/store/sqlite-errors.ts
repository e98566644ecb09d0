import { AppError, type AppErrorCode } from '../../../shared/errors.ts';
import { restoreAdvice } from './backups.ts';

/**
 * SQLite's failures as the user meets them. Both drivers report them differently — better-sqlite3 as
 * `code: 'SQLITE_BUSY'` (extended codes such as `SQLITE_IOERR_SHORT_READ` too), node:sqlite as
 * `errcode: 5` (possibly extended: the primary code is the low byte) — so both are reduced to the primary
 * result code and mapped to an AppError whose message says what happened and what to do, naming the folder.
 */

const PRIMARY_BY_NAME: Record<string, number> = {
  SQLITE_PERM: 3,
  SQLITE_BUSY: 5,
  SQLITE_LOCKED: 6,
  SQLITE_READONLY: 8,
  SQLITE_IOERR: 10,
  SQLITE_CORRUPT: 11,
  SQLITE_FULL: 13,
  SQLITE_CANTOPEN: 14,
  SQLITE_NOTADB: 26,
};

/** The primary SQLite result code of a driver error, or null when `err` is not one. */
export function sqlitePrimaryCode(err: unknown): number | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, errcode } = err as { code?: unknown; errcode?: unknown };
  if (typeof errcode === 'number') return errcode & 0xff;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    // SQLITE_IOERR_SHORT_READ → SQLITE_IOERR; unknown names keep their own meaning (generic error).
    for (const [name, primary] of Object.entries(PRIMARY_BY_NAME)) if (code === name || code.startsWith(name + '_')) return primary;
    return 1;
  }
  return null;
}

function message(code: AppErrorCode, dataDir: string): string {
  switch (code) {
    case 'db_busy':
      return `数据文件正被其他程序占用（另一个整改方案工作台窗口或 rectify 命令正在写入），请稍候再试。数据目录：${dataDir}`;
    case 'disk_full':
      return `磁盘已满，数据无法写入。请清理数据目录所在磁盘的空间后再试。数据目录：${dataDir}`;
    case 'db_readonly':
      return `数据文件只读或没有写入权限，修改无法保存。请检查数据目录及其中 workbook.sqlite 的属性和权限（或磁盘是否为只读）。数据目录：${dataDir}`;
    case 'db_corrupt':
      return `数据文件已损坏，无法读写。请不要继续使用，先运行“rectify doctor”检查。${restoreAdvice(dataDir)}`;
    default:
      return `读写数据文件时出错，磁盘或存储设备可能有问题，请检查后再试。数据目录：${dataDir}`;
  }
}

/**
 * The AppError for a SQLite (or file-system) failure of the workbook's storage; `null` when `err` is
 * something else (a bug, or already an AppError), which the caller reports as it is.
 */
export function storageError(err: unknown, dataDir: string): AppError | null {
  if (err instanceof AppError) return null;
  const primary = sqlitePrimaryCode(err);
  let code: AppErrorCode | null = null;
  switch (primary) {
    case 5:
    case 6:
      code = 'db_busy';
      break;
    case 13:
      code = 'disk_full';
      break;
    case 3:
    case 8:
    case 14:
      code = 'db_readonly';
      break;
    case 11:
    case 26:
      code = 'db_corrupt';
      break;
    case 10:
      code = 'io';
      break;
    default:
      break;
  }
  if (code === null && typeof err === 'object' && err !== null) {
    // The evidence store and exports write files too: the same words for the same causes.
    const errno = (err as { code?: unknown }).code;
    if (errno === 'ENOSPC' || errno === 'EDQUOT') code = 'disk_full';
    else if (errno === 'EROFS') code = 'db_readonly';
  }
  if (code === null) return null;
  const detail = err instanceof Error ? err.message : String(err);
  return new AppError(code, message(code, dataDir), { cause: detail });
}
