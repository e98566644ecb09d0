import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { Db, DriverName } from './db.ts';
import { openConnection } from './driver.ts';
import { loadMigrations, type Migration } from './migrations.ts';
import { runMigrations } from './migrate.ts';
import { backupsDir, damagedDatabaseError } from './backups.ts';
import { sqlitePrimaryCode } from './sqlite-errors.ts';

export type { Db, Statement } from './db.ts';

export const DB_FILE = 'workbook.sqlite';

export interface OpenOptions {
  migrations?: Migration[];
  /** Tests: a driver other than the process's */
  driver?: DriverName;
  /** A backup set before migrating (default on; off for a temporary copy that is only read, e.g. a plan restored from an older backup). */
  backupBeforeMigration?: boolean;
}

/** The before-migration backup: a backup set in backups/, like every other backup (loaded only when a migration is due). */
async function backupBeforeMigration(dataDir: string, db: Db, from: number, to: number): Promise<void> {
  const { writeBackupSet } = await import('../backup/writer.ts');
  await writeBackupSet({ db, dataDir, location: backupsDir(dataDir), kind: 'before-migration', note: `升级前_v${from}至v${to}`, createLocation: true });
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

interface FileState {
  kind: 'missing' | 'empty' | 'sqlite';
  /** user_version from the file header (authoritative only without a non-empty WAL beside it) */
  headerVersion: number | null;
}

/** Reads the 100-byte header without SQLite: a file that is not a database is refused before any open. */
function inspectFile(file: string, dataDir: string): FileState {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new AppError('io', `数据目录中的“${DB_FILE}”不是文件，无法打开。数据目录：${dataDir}`);
    size = st.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', headerVersion: null };
    throw err;
  }
  // SQLite treats an empty file as an empty database (e.g. a crash right after creating it).
  if (size === 0) return { kind: 'empty', headerVersion: null };
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) throw damagedDatabaseError(dataDir, '文件头不是 SQLite 数据库');
  let walHasFrames = false;
  try {
    walHasFrames = statSync(`${file}-wal`).size > 0;
  } catch {
    // no WAL: the header is the whole truth
  }
  return { kind: 'sqlite', headerVersion: walHasFrames ? null : header.readUInt32BE(60) };
}

function newerDatabase(found: number, latest: number): AppError {
  return new AppError(
    'newer_database',
    `数据文件由更新版本的整改方案工作台创建（数据版本 ${found}，本程序支持到 ${latest}），请升级程序后再打开。为保护数据，本程序不会修改它。`,
  );
}

/**
 * Looks at an existing database through a read-only connection: a newer schema or a failed
 * quick_check is refused here, before anything could write to it (not even the journal mode).
 */
function checkReadOnly(file: string, dataDir: string, latest: number, driver: DriverName | undefined): void {
  let db: Db | null = null;
  try {
    db = openConnection(file, { readonly: true, ...(driver ? { driver } : {}) });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) throw newerDatabase(version, latest);
    const rows = db.pragma('quick_check') as Record<string, unknown>[];
    const messages = rows.map((r) => String(Object.values(r)[0]));
    if (!(messages.length === 1 && messages[0] === 'ok')) {
      throw damagedDatabaseError(dataDir, `完整性检查发现 ${messages.length} 处错误`, messages.slice(0, 20).join('\n'));
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const primary = sqlitePrimaryCode(err);
    const detail = err instanceof Error ? err.message : String(err);
    if (primary === 11) throw damagedDatabaseError(dataDir, '数据库内容无法读取', detail);
    if (primary === 26) throw damagedDatabaseError(dataDir, '不是本程序可以读取的数据库文件', detail);
    throw err;
  } finally {
    db?.close();
  }
}

/**
 * Opens (creating if needed) the workbook database in `dataDir`. An existing file is first checked
 * read-only — header, schema version, quick_check — and only a database known to be ours and intact
 * is opened for writing: WAL with synchronous=FULL so a committed write survives a power cut, foreign
 * keys on, a 5 s busy timeout for writers to wait on each other, then pending migrations.
 */
export async function openDatabase(dataDir: string, options: OpenOptions = {}): Promise<Db> {
  const file = path.join(dataDir, DB_FILE);
  const migrations = options.migrations ?? loadMigrations();
  const latest = migrations.length;
  let state: FileState;
  try {
    mkdirSync(dataDir, { recursive: true });
    state = inspectFile(file, dataDir);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A folder that is a file, read-only media, no permission: the user's to fix, so say it plainly.
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new AppError('io', `无法打开数据目录“${dataDir}”（${code || (err as Error).message}）：请确认它是一个可写的文件夹，或用 --data 指定其他位置。`);
  }
  if (state.headerVersion !== null && state.headerVersion > latest) throw newerDatabase(state.headerVersion, latest);
  if (state.kind === 'sqlite') checkReadOnly(file, dataDir, latest, options.driver);

  let db: Db;
  try {
    db = openConnection(file, options.driver ? { driver: options.driver } : {});
  } catch (err) {
    const primary = sqlitePrimaryCode(err);
    if (primary === null) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      throw new AppError('io', `无法打开数据目录“${dataDir}”（${code || (err as Error).message}）：请确认它是一个可写的文件夹，或用 --data 指定其他位置。`);
    }
    throw err;
  }
  try {
    // The busy timeout first: switching a new file to WAL takes a lock another opener may hold.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    await runMigrations(db, {
      dataDir,
      migrations,
      isNew: state.kind !== 'sqlite',
      newer: newerDatabase,
      backup: options.backupBeforeMigration === false ? undefined : (open, from, to) => backupBeforeMigration(dataDir, open, from, to),
    });
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
