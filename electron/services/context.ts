import type { z } from 'zod';
import type { Db } from './store/database.ts';
import type { Migration } from './store/migrations.ts';
import type { AppError } from '../../shared/errors.ts';
import type { Contract, MethodName, OutputOf } from '../../shared/api/contract.ts';
import type { ProgressListener } from '../../shared/api/task-progress.ts';

export interface ServicePaths {
  /** The workbook's data folder: database, evidence, backups */
  dataDir: string;
  /** Read-only resources: templates, phrases */
  resourcesDir: string;
}

/** The workbook's database as a whole: whether it is open, and replacing it (restoring a backup). */
export interface WorkbookControl {
  /** why the workbook could not be opened (damaged, newer version); null while it is open */
  readonly openError: AppError | null;
  /** the schema migrations this workbook is opened with */
  readonly migrations: readonly Migration[];
  /**
   * Runs `fn` while no other call runs. `fn` gets the open database (null when it could not be opened)
   * and `close()`, to be called before the database file is replaced; once `fn` is done a closed
   * workbook is opened again (check `openError` afterwards).
   */
  replace<T>(fn: (current: { db: Db | null; close(): void }) => Promise<T>): Promise<T>;
}

export interface ServiceContext extends ServicePaths {
  /** The workbook's database; throws the reason when it could not be opened. */
  db: Db;
  /** Set for the duration of one call whose caller wants progress events (long tasks report into it). */
  progress?: ProgressListener | undefined;
  /** Present in services made by createServices (absent in contexts a test assembles itself). */
  workbook?: WorkbookControl;
}

/** Implementations for some of the contract's methods; input arrives already validated. */
export type HandlerTable<K extends MethodName> = {
  [N in K]: (input: z.output<Contract[N]['input']>, ctx: ServiceContext) => OutputOf<N> | Promise<OutputOf<N>>;
};
