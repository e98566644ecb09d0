import type { MethodName } from '../../shared/api/contract.ts';
import type { ContractTable } from '../../shared/api/define.ts';
import { plansContract } from '../../shared/api/plans.ts';
import { editorContract } from '../../shared/api/editor.ts';
import { templateEditContract } from '../../shared/api/template-edit.ts';
import { evidenceContract } from '../../shared/api/evidence.ts';
import { progressContract } from '../../shared/api/progress.ts';
import { importContract } from '../../shared/api/import.ts';
import { exportContract } from '../../shared/api/export.ts';
import { maintenanceContract } from '../../shared/api/maintenance.ts';
import { workbenchContract } from '../../shared/api/workbench.ts';
import { searchContract } from '../../shared/api/search.ts';
import { formsContract } from '../../shared/api/forms.ts';
import { exchangeContract } from '../../shared/api/exchange.ts';
import { backupContract } from '../../shared/api/backup.ts';
import type { HandlerTable } from './context.ts';

/**
 * Every contract table with the loader of the handler table that implements it. A domain's handlers
 * (and the libraries they use: docx, exceljs, the importers) are loaded on the first call into that
 * domain, so `rectify list` never pays for the exporter. The types make a missing handler, and a
 * contract table without a loader, a compile error.
 */
function domain<T extends ContractTable>(table: T, load: () => Promise<HandlerTable<keyof T & MethodName>>) {
  return { table, load: load as () => Promise<Record<string, unknown>> };
}

const DOMAINS = [
  domain(plansContract, async () => (await import('./plans/handlers.ts')).planHandlers),
  domain(editorContract, async () => (await import('./outline/handlers.ts')).editorHandlers),
  domain(templateEditContract, async () => (await import('./templates/handlers.ts')).templateEditHandlers),
  domain(evidenceContract, async () => (await import('./evidence/handlers.ts')).evidenceHandlers),
  domain(progressContract, async () => (await import('./progress/handlers.ts')).progressHandlers),
  domain(importContract, async () => (await import('./import/handlers.ts')).importHandlers),
  domain(exportContract, async () => (await import('./export/handlers.ts')).exportHandlers),
  domain(maintenanceContract, async () => (await import('./maintenance/handlers.ts')).maintenanceHandlers),
  domain(workbenchContract, async () => (await import('./workbench/handlers.ts')).workbenchHandlers),
  domain(searchContract, async () => (await import('./search/handlers.ts')).searchHandlers),
  domain(formsContract, async () => (await import('./forms/handlers.ts')).formsHandlers),
  domain(exchangeContract, async () => (await import('./exchange/handlers.ts')).exchangeHandlers),
  domain(backupContract, async () => (await import('./backup/handlers.ts')).backupHandlers),
];

type KeysOf<T> = T extends unknown ? keyof T : never;
type Covered = KeysOf<(typeof DOMAINS)[number]['table']>;
// Fails to compile when contract.ts merges a table that has no loader here.
const everyMethodHasADomain: [MethodName] extends [Covered] ? true : never = true;
void everyMethodHasADomain;

const loaderOf = new Map<string, () => Promise<Record<string, unknown>>>();
for (const d of DOMAINS) for (const name of Object.keys(d.table)) loaderOf.set(name, d.load);

/** The handler of one contract method, loading its domain's table the first time. */
export async function handlerFor(name: MethodName): Promise<(input: unknown, ctx: unknown) => unknown> {
  const load = loaderOf.get(name);
  if (!load) throw new Error(`契约方法没有实现：${name}`);
  return (await load())[name] as (input: unknown, ctx: unknown) => unknown;
}
