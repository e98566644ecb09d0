import { contract, isMethodName, type MethodName, type OutputOf } from '../../shared/api/contract.ts';
import { AppError } from '../../shared/errors.ts';
import { formatZodError } from '../../shared/api/validation.ts';
import { openDatabase } from './store/database.ts';
import { storageError } from './store/sqlite-errors.ts';
import { loadMigrations } from './store/migrations.ts';
import { DEFAULT_RESOURCES_DIR } from './paths.ts';
import type { ServiceContext } from './context.ts';
import type { ProgressListener } from '../../shared/api/task-progress.ts';
import { handlerFor } from './handler-tables.ts';

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
}

export async function createServices(options: ServiceOptions): Promise<Services> {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(options.dataDir, options.migrationsDir ? { migrations: loadMigrations(options.migrationsDir) } : {});
  } catch (err) {
    throw storageError(err, options.dataDir) ?? err;
  }
  const context: ServiceContext = { db, dataDir: options.dataDir, resourcesDir: options.resourcesDir ?? DEFAULT_RESOURCES_DIR };

  async function call<K extends MethodName>(name: K, input: unknown, options: CallOptions = {}): Promise<OutputOf<K>> {
    const spec = contract[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw new AppError('bad_input', formatZodError(parsed.error), { method: name });
    try {
      const handler = await handlerFor(name);
      return (await handler(parsed.data, options.onProgress ? { ...context, progress: options.onProgress } : context)) as OutputOf<K>;
    } catch (err) {
      // SQLite's own failures (locked, full, read-only, damaged) become Chinese user errors with a code.
      throw storageError(err, context.dataDir) ?? err;
    }
  }

  return {
    call,
    callByName(name, input, options) {
      if (!isMethodName(name)) return Promise.reject(new AppError('bad_input', `未知的操作：${name}`));
      return call(name, input, options);
    },
    context,
    close() {
      db.close();
    },
  };
}
