import { contract, isMethodName, type MethodName, type OutputOf } from '../../shared/api/contract.ts';
import { AppError } from '../../shared/errors.ts';
import { formatZodError } from '../../shared/api/validation.ts';
import { openDatabase } from './store/database.ts';
import { storageError } from './store/sqlite-errors.ts';
import { loadMigrations } from './store/migrations.ts';
import { DEFAULT_RESOURCES_DIR } from './paths.ts';
import type { HandlerTable, ServiceContext } from './context.ts';
import { planHandlers } from './plans/handlers.ts';
import { editorHandlers } from './outline/handlers.ts';
import { templateEditHandlers } from './templates/handlers.ts';
import { evidenceHandlers } from './evidence/handlers.ts';
import { progressHandlers } from './progress/handlers.ts';
import { importHandlers } from './import/handlers.ts';
import { exportHandlers } from './export/handlers.ts';
import { maintenanceHandlers } from './maintenance/handlers.ts';

/** Every contract method, implemented once. The type makes a missing handler a compile error. */
const handlers: HandlerTable<MethodName> = {
  ...planHandlers,
  ...editorHandlers,
  ...templateEditHandlers,
  ...evidenceHandlers,
  ...progressHandlers,
  ...importHandlers,
  ...exportHandlers,
  ...maintenanceHandlers,
};

export interface Services {
  /** Validates `input` against the contract, runs the handler, returns its result. */
  call<K extends MethodName>(name: K, input: unknown): Promise<OutputOf<K>>;
  /** For transports that receive a method name from outside. */
  callByName(name: string, input: unknown): Promise<unknown>;
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

  async function call<K extends MethodName>(name: K, input: unknown): Promise<OutputOf<K>> {
    const spec = contract[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw new AppError('bad_input', formatZodError(parsed.error), { method: name });
    const handler = handlers[name] as (input: unknown, ctx: ServiceContext) => unknown;
    try {
      return (await handler(parsed.data, context)) as OutputOf<K>;
    } catch (err) {
      // SQLite's own failures (locked, full, read-only, damaged) become Chinese user errors with a code.
      throw storageError(err, context.dataDir) ?? err;
    }
  }

  return {
    call,
    callByName(name, input) {
      if (!isMethodName(name)) return Promise.reject(new AppError('bad_input', `未知的操作：${name}`));
      return call(name, input);
    },
    context,
    close() {
      db.close();
    },
  };
}
