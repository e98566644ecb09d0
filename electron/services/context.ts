import type { z } from 'zod';
import type { Db } from './store/database.ts';
import type { Contract, MethodName, OutputOf } from '../../shared/api/contract.ts';
import type { ProgressListener } from '../../shared/api/task-progress.ts';

export interface ServicePaths {
  /** The workbook's data folder: database, evidence, backups */
  dataDir: string;
  /** Read-only resources: templates, phrases */
  resourcesDir: string;
}

export interface ServiceContext extends ServicePaths {
  db: Db;
  /** Set for the duration of one call whose caller wants progress events (long tasks report into it). */
  progress?: ProgressListener | undefined;
}

/** Implementations for some of the contract's methods; input arrives already validated. */
export type HandlerTable<K extends MethodName> = {
  [N in K]: (input: z.output<Contract[N]['input']>, ctx: ServiceContext) => OutputOf<N> | Promise<OutputOf<N>>;
};
