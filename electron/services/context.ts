import type { z } from 'zod';
import type { Db } from './store/database.ts';
import type { Contract, MethodName, OutputOf } from '../../shared/api/contract.ts';

export interface ServicePaths {
  /** The workbook's data folder: database, evidence, backups */
  dataDir: string;
  /** Read-only resources: templates, phrases */
  resourcesDir: string;
}

export interface ServiceContext extends ServicePaths {
  db: Db;
}

/** Implementations for some of the contract's methods; input arrives already validated. */
export type HandlerTable<K extends MethodName> = {
  [N in K]: (input: z.output<Contract[N]['input']>, ctx: ServiceContext) => OutputOf<N> | Promise<OutputOf<N>>;
};
