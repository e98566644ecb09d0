import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { loadMigrations, type Migration } from './migrations.ts';

export type Db = Database.Database;

export const DB_FILE = 'workbook.sqlite';

export interface OpenOptions {
  migrations?: Migration[];
}

/**
 * Opens (creating if needed) the workbook database in `dataDir`: WAL with synchronous=FULL so a
 * committed write survives a power cut, foreign keys on, and migrations applied.
 */
export async function openDatabase(dataDir: string, options: OpenOptions = {}): Promise<Db> {
  const file = path.join(dataDir, DB_FILE);
  let db: Db;
  let isNew: boolean;
  try {
    mkdirSync(dataDir, { recursive: true });
    isNew = !existsSync(file);
    db = new Database(file);
  } catch (err) {
    // A folder that is a file, read-only media, no permission: the user's to fix, so say it plainly.
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new AppError('io', `无法打开数据目录“${dataDir}”（${code || (err as Error).message}）：请确认它是一个可写的文件夹，或用 --data 指定其他位置。`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    await migrate(db, dataDir, options.migrations ?? loadMigrations(), isNew);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

async function migrate(db: Db, dataDir: string, migrations: Migration[], isNew: boolean): Promise<void> {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new AppError(
      'newer_database',
      `数据文件由更新版本的整改方案工作台创建（数据版本 ${current}，本程序支持到 ${latest}），请升级程序后再打开。为保护数据，本程序不会修改它。`,
    );
  }
  if (current === latest) return;
  if (!isNew && current > 0) {
    // A full copy before touching the schema: if anything goes wrong the user still has yesterday's work.
    const backupDir = path.join(dataDir, 'backups');
    mkdirSync(backupDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await db.backup(path.join(backupDir, `before-migration-v${current}-to-v${latest}-${stamp}.sqlite`));
  }
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
