import { AppError } from '../../../shared/errors.ts';
import type { Db } from './db.ts';
import type { Migration } from './migrations.ts';

interface MigrateOptions {
  dataDir: string;
  migrations: Migration[];
  /** the file did not hold a database before this open: nothing to back up */
  isNew: boolean;
  newer: (found: number, latest: number) => AppError;
  /** Backs the database up before its schema changes (a before-migration backup set); absent: none. */
  backup?: ((db: Db, from: number, to: number) => Promise<void>) | undefined;
}

function version(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

interface ForeignKeyProblem {
  table: string;
  rowid: number | null;
  parent: string;
}

/**
 * Applies the pending migrations, each in its own write transaction, after a backup set of the
 * database in backups/ (kind before-migration). Foreign keys are off while a migration runs — a table rebuilt the SQLite way
 * (create new, copy, drop old, rename) must not cascade-delete the rows that point at the old table —
 * and `foreign_key_check` must find nothing before the migration commits; then they are on again.
 * Another process may be migrating the same file: the version is re-read inside the lock, so each
 * migration runs once.
 */
export async function runMigrations(db: Db, options: MigrateOptions): Promise<void> {
  const { migrations } = options;
  const latest = migrations.length;
  const current = version(db);
  if (current > latest) throw options.newer(current, latest);
  if (current === latest) return;
  if (!options.isNew && current > 0 && options.backup) {
    // A full backup before touching the schema: if anything goes wrong the user still has yesterday's work.
    await options.backup(db, current, latest);
  }
  for (const m of migrations.slice(current)) {
    // Only outside a transaction does SQLite accept this pragma.
    db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        const now = version(db);
        if (now >= m.version) return;
        if (now !== m.version - 1) throw new AppError('internal', `数据版本 ${now} 无法直接升级到 ${m.version}`);
        db.exec(m.sql);
        const problems = db.pragma('foreign_key_check') as ForeignKeyProblem[];
        if (problems.length > 0) {
          const first = problems[0]!;
          throw new AppError(
            'internal',
            `升级数据结构（第 ${m.version} 步：${m.name}）后有 ${problems.length} 处数据引用不一致（如表 ${first.table} 第 ${first.rowid ?? '?'} 行引用的 ${first.parent} 不存在），已撤销这一步，数据未改变。`,
            { problems: problems.slice(0, 20) },
          );
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      db.pragma('foreign_keys = ON');
    }
  }
}
