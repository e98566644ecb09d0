import { contract, isMethodName, type MethodName, type OutputOf } from '../../shared/api/contract.ts';
import { AppError } from '../../shared/errors.ts';
import { formatZodError } from '../../shared/api/validation.ts';
import { openDatabase, type Db } from './store/database.ts';
import { storageError } from './store/sqlite-errors.ts';
import { loadMigrations } from './store/migrations.ts';
import { DEFAULT_RESOURCES_DIR } from './paths.ts';
import type { ServiceContext, WorkbookControl } from './context.ts';
import type { ProgressListener } from '../../shared/api/task-progress.ts';
import { handlerFor } from './handler-tables.ts';
import { CallGate } from './call-gate.ts';

export interface CallOptions {
  /** Receives the progress events of a long task (import, export, package, verify) while it runs. */
  onProgress?: ProgressListener | undefined;
}

/** What a transport needs: a method name from outside, its input, and where progress goes. */
export interface ServiceCaller {
  callByName(name: string, input: unknown, options?: CallOptions): Promise<unknown>;
}

export interface Services extends ServiceCaller {
  /** Validates `input` against the contract, runs the handler, returns its result. */
  call<K extends MethodName>(name: K, input: unknown, options?: CallOptions): Promise<OutputOf<K>>;
  readonly context: ServiceContext;
  close(): void;
}

export interface ServiceOptions {
  dataDir: string;
  resourcesDir?: string;
  /** Folder of the numbered SQL migrations; the Electron shell passes the copy beside its bundle. */
  migrationsDir?: string;
  /**
   * Start even when the workbook cannot be opened (damaged, or made by a newer version): every call
   * that needs the database then fails with the reason, while the backups can still be listed and
   * restored (the app and the web host; `rectify restore`). Without it createServices rejects.
   */
  allowUnopened?: boolean;
}

/** Open failures the services can start without: restoring a backup is the way out of them. */
const UNOPENED_CODES = new Set(['db_corrupt', 'newer_database']);

export async function createServices(options: ServiceOptions): Promise<Services> {
  const { dataDir } = options;
  const migrations = options.migrationsDir ? loadMigrations(options.migrationsDir) : loadMigrations();
  let db: Db | null = null;
  let openError: AppError | null = null;

  async function open(): Promise<void> {
    try {
      db = await openDatabase(dataDir, { migrations });
      openError = null;
    } catch (err) {
      const error = storageError(err, dataDir) ?? err;
      if (!(error instanceof AppError) || !UNOPENED_CODES.has(error.code)) throw error;
      db = null;
      openError = error;
    }
  }

  try {
    await open();
  } catch (err) {
    throw storageError(err, dataDir) ?? err;
  }
  if (openError && !options.allowUnopened) throw openError;

  const gate = new CallGate();
  const workbook: WorkbookControl = {
    get openError() {
      return openError;
    },
    migrations,
    replace(fn) {
      return gate.exclusive(async () => {
        let closed = false;
        try {
          return await fn({
            db,
            close() {
              if (db && !closed) {
                db.close();
                db = null;
                closed = true;
              }
            },
          });
        } finally {
          if (closed || !db) {
            // Whatever happened, the services go on with the workbook as it now is on disk.
            await open().catch((err: unknown) => {
              db = null;
              openError = err instanceof AppError ? err : new AppError('io', `工作台无法打开：${err instanceof Error ? err.message : String(err)}`);
            });
          }
        }
      });
    },
  };
  const context: ServiceContext = {
    dataDir,
    resourcesDir: options.resourcesDir ?? DEFAULT_RESOURCES_DIR,
    workbook,
    get db(): Db {
      if (db) return db;
      throw openError ?? new AppError('internal', '工作台数据库没有打开');
    },
    // Tests put a connection of their own in (a read-only one, to see what the services make of it).
    set db(next: Db) {
      db = next;
      openError = null;
    },
  };

  async function call<K extends MethodName>(name: K, input: unknown, options: CallOptions = {}): Promise<OutputOf<K>> {
    const spec = contract[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw new AppError('bad_input', formatZodError(parsed.error), { method: name });
    return gate.run(async () => {
      try {
        const handler = await handlerFor(name);
        // A prototype copy, not a spread: `db` stays a live getter (a restore swaps the database).
        const ctx: ServiceContext = options.onProgress ? Object.assign(Object.create(context) as ServiceContext, { progress: options.onProgress }) : context;
        return (await handler(parsed.data, ctx)) as OutputOf<K>;
      } catch (err) {
        // SQLite's own failures (locked, full, read-only, damaged) become Chinese user errors with a code.
        throw storageError(err, context.dataDir) ?? err;
      }
    });
  }

  return {
    call,
    callByName(name, input, options) {
      if (!isMethodName(name)) return Promise.reject(new AppError('bad_input', `未知的操作：${name}`));
      return call(name, input, options);
    },
    context,
    close() {
      db?.close();
      db = null;
    },
  };
}
