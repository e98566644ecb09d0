import type { z } from 'zod';
import type { ContractTable } from './define.ts';
import './validation.ts';
import type { ProgressListener } from './task-progress.ts';
import { plansContract } from './plans.ts';
import { editorContract } from './editor.ts';
import { templateEditContract } from './template-edit.ts';
import { evidenceContract } from './evidence.ts';
import { progressContract } from './progress.ts';
import { importContract } from './import.ts';
import { exportContract } from './export.ts';
import { maintenanceContract } from './maintenance.ts';
import { workbenchContract } from './workbench.ts';
import { searchContract } from './search.ts';
import { formsContract } from './forms.ts';
import { exchangeContract } from './exchange.ts';
import { backupContract } from './backup.ts';

/**
 * The whole RPC surface: one table per domain, merged. The service layer implements it, and the
 * renderer, the CLI and the web host call it — nothing else crosses a process boundary.
 */
export const contract = {
  ...plansContract,
  ...editorContract,
  ...templateEditContract,
  ...evidenceContract,
  ...progressContract,
  ...importContract,
  ...exportContract,
  ...maintenanceContract,
  ...workbenchContract,
  ...searchContract,
  ...formsContract,
  ...exchangeContract,
  ...backupContract,
} as const satisfies ContractTable;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = z.output<Contract[K]['output']>;

export interface SendOptions {
  /** Progress events of a long task (import, export, package, verify) while it runs; the desktop app only. */
  onProgress?: ProgressListener;
}

/** What every transport offers the renderer: one typed `send`. */
export interface Api {
  send<K extends MethodName>(name: K, input: InputOf<K>, options?: SendOptions): Promise<OutputOf<K>>;
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
