import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, vi } from 'vitest';
import type { Api } from '../../../shared/api/contract.ts';
import type { RpcEnvelope } from '../../../shared/api/bridge.ts';
import { AppError, toWireError } from '../../../shared/errors.ts';
import { emptyDocument, emptyMeasure, type DocNode } from '../../../shared/domain/document.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { DB_FILE } from '../../../electron/services/store/database.ts';
import { createApi } from '../../../renderer/api/create-api.ts';
import { createPlanStore, type PlanStore } from '../../../renderer/editor/plan-store.ts';
import { openJournal, type EditJournal, type KeyValueStorage } from '../../../renderer/editor/edit-journal.ts';
export { MemoryStorage } from '../../helpers/memory-storage.ts';
import { findNode } from '../../../renderer/editor/outline-ops.ts';
import { tempDir } from '../../helpers/temp.ts';

/**
 * The editor's real save queue over the real services, with the faults a user meets between them:
 * the transport works like the page's (JSON both ways, errors as wire errors) and can be cut.
 */

/** What the "service process" does with the next calls. */
export type ServiceMode =
  | 'up'
  // the host is gone: the page's fetch fails at once
  | 'down'
  // the host takes the request and never answers (blocked, or killed with the connection left open)
  | 'hang'
  // the service stores the write, then dies before answering (the next calls find it down)
  | 'dies-after-write';

export interface ServiceSide {
  services: Services;
  mode: ServiceMode;
  dataDir: string;
  /** Calls that reached the services, by method */
  calls: string[];
}

/** A fresh data folder with the services started on it and one plan to edit. */
export async function startServiceSide(): Promise<ServiceSide & { planId: string; measureId: string }> {
  const dataDir = tempDir('rectify-save-path-');
  const services = await createServices({ dataDir });
  const measure = (heading: string): DocNode => ({ kind: 'measure', heading, body: [], style: {}, measure: emptyMeasure(), problemKeys: [], children: [] });
  const doc = emptyDocument('关于某局2025年度民主生活会查摆问题的整改方案', 'minzhu-shenghuohui');
  doc.sections = [{ kind: 'section', heading: '整改任务', body: [], style: {}, measure: null, problemKeys: [], children: [measure('健全学习制度。'), measure('开展专题研讨。')] }];
  const plan = await services.call('plans.createFromDocument', { document: doc });
  const stored = await services.call('plans.get', { id: plan.id });
  return { services, mode: 'up', dataDir, calls: [], planId: plan.id, measureId: stored.outline[0]!.children[0]!.id };
}

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The page's api over the service side, through a transport that can fail the way HTTP/IPC fail. */
export function pageApi(side: ServiceSide): Api {
  return createApi(async (method, input): Promise<RpcEnvelope> => {
    if (side.mode === 'down') throw new AppError('io', '无法连接到工作台服务，请确认程序仍在运行');
    if (side.mode === 'hang') return new Promise<RpcEnvelope>(() => undefined);
    side.calls.push(method);
    let envelope: RpcEnvelope;
    try {
      envelope = { ok: true, result: await side.services.callByName(method, wire(input)) };
    } catch (err) {
      envelope = { ok: false, error: toWireError(err) };
    }
    if (side.mode === 'dies-after-write' && envelope.ok && method !== 'plans.get' && method !== 'history.state') {
      side.mode = 'down';
      throw new AppError('io', '与工作台服务的连接中断，请确认程序仍在运行');
    }
    return wire(envelope);
  });
}

/** A page with the editor open on the plan: the real store, its journal in `storage`, quick retries. */
export async function openEditor(side: ServiceSide, planId: string, storage: KeyValueStorage): Promise<{ store: PlanStore; journal: EditJournal }> {
  const plan = await pageApi(side).send('plans.get', { id: planId });
  const journal = openJournal(storage, planId);
  const store = createPlanStore(pageApi(side), plan, { journal, retryDelaysMs: [50, 100, 200] });
  return { store, journal };
}

export function headingIn(store: PlanStore, nodeId: string): string | undefined {
  return findNode(store.get().outline, nodeId)?.heading;
}

export async function storedNode(side: ServiceSide, planId: string, nodeId: string) {
  const plan = await side.services.call('plans.get', { id: planId });
  return findNode(plan.outline, nodeId);
}

export const until = (fn: () => void | Promise<void>, timeout = 40_000): Promise<void> => vi.waitFor(fn, { timeout, interval: 25 });

/** The store says the text is not stored and why; it is still on screen. */
export async function expectUnsaved(store: PlanStore, code: string): Promise<void> {
  await until(() => expect(store.get().issue?.code).toBe(code));
  expect(['offline', 'error']).toContain(store.get().saveState);
  expect(store.dirty()).toBe(true);
  expect(store.atRisk()).toBe(true);
}

export async function expectSaved(store: PlanStore): Promise<void> {
  await until(() => expect(store.get().saveState).toBe('saved'));
  expect(store.get().issue).toBeNull();
  expect(store.dirty()).toBe(false);
}

/** Another program's connection to the same database file. */
export function otherConnection(dataDir: string, options: Database.Options = {}): Database.Database {
  return new Database(path.join(dataDir, DB_FILE), options);
}
