import type { Api, InputOf, MethodName, OutputOf } from '../../shared/api/contract.ts';
import type { PlanDetail, StoredNode } from '../../shared/api/plans.ts';
import type { HeaderPatch, NodePatch } from '../../shared/api/editor.ts';
import { AppError } from '../../shared/errors.ts';
import { applyPatch, mergePatch, replaceNode, type Outline } from './outline-ops.ts';

/**
 * The plan being edited, outside React: text edits wait here (debounced) and every write goes through
 * one queue, in order, each carrying the version the previous write produced. Components subscribe
 * with useSyncExternalStore and read only what they show, so a keystroke never re-renders the tree.
 */

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'error';

export interface EditorSnapshot {
  plan: PlanDetail;
  outline: Outline;
  version: number;
  /** Bumps when the plan is reloaded from the service (undo, restore, conflict): field editors remount */
  generation: number;
  saveState: SaveState;
  savedAt: string | null;
  canUndo: boolean;
  canRedo: boolean;
  /** A write was refused because another window changed the plan; the user must choose */
  conflict: boolean;
  error: string | null;
}

/** A write method of the editor contract: it takes planId + expectedVersion. */
type WriteName = {
  [K in MethodName]: InputOf<K> extends { planId: string; expectedVersion: number } ? K : never;
}[MethodName];

type WriteInput<K extends WriteName> = Omit<InputOf<K>, 'planId' | 'expectedVersion'>;

interface QueuedWrite {
  label: string;
  send: (version: number) => Promise<{ version: number; canUndo?: boolean; canRedo?: boolean; updatedAt?: string }>;
  apply: (result: never) => void;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface PlanStore {
  get(): EditorSnapshot;
  subscribe(listener: () => void): () => void;
  /** A text/field edit: kept locally and saved within a second */
  editNode(nodeId: string, patch: NodePatch): void;
  editHeader(patch: HeaderPatch): void;
  /** Sends pending edits now; resolves when everything queued so far is stored */
  flush(): Promise<void>;
  /** True while edits are waiting or being sent */
  dirty(): boolean;
  /** Queues a write; `apply` updates the local copy with the service's answer */
  write<K extends WriteName>(name: K, input: WriteInput<K>, apply?: (result: OutputOf<K>) => void): Promise<OutputOf<K>>;
  /** Queues a write that is not keyed by planId (revisions.restore): `send` gets the expected version */
  run<T extends { version: number }>(label: string, send: (version: number) => Promise<T>): Promise<T>;
  /** Changes the local outline at once (optimistic structure edits) */
  setOutline(fn: (outline: Outline) => Outline): void;
  /** Reads the plan again (after undo, restore, fix-all, or to take the other window's version) */
  reload(): Promise<void>;
  undo(): Promise<string | null>;
  redo(): Promise<string | null>;
  /** Back in this window: when nothing is waiting here and the plan moved on elsewhere, show that */
  refreshIfStale(): Promise<void>;
  /** Conflict choices */
  resolveConflict(choice: 'theirs' | 'mine'): Promise<void>;
  dispose(): void;
}

const DEBOUNCE_MS = 500;

// Not imported from the api client: the store is plain logic, testable without a page.
function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
const RETRY_MS = 3000;

export function createPlanStore(api: Api, initial: PlanDetail, options: { onError?: (message: string) => void } = {}): PlanStore {
  const planId = initial.id;
  let snapshot: EditorSnapshot = {
    plan: initial,
    outline: initial.outline,
    version: initial.version,
    generation: 0,
    saveState: 'saved',
    savedAt: initial.updatedAt,
    canUndo: false,
    canRedo: false,
    conflict: false,
    error: null,
  };
  const listeners = new Set<() => void>();
  const pendingNodes = new Map<string, NodePatch>();
  let pendingHeader: HeaderPatch | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const queue: QueuedWrite[] = [];
  let running = false;
  let paused = false;
  let disposed = false;
  let idleWaiters: (() => void)[] = [];
  // Edited nodes' local copies are refreshed on a short timer so the tree follows typing closely
  // without re-rendering on every keystroke.
  const localPatches = new Map<string, NodePatch>();
  let localTimer: ReturnType<typeof setTimeout> | null = null;

  const applyLocal = (): void => {
    if (localTimer) {
      clearTimeout(localTimer);
      localTimer = null;
    }
    if (localPatches.size === 0) return;
    let outline = snapshot.outline;
    for (const [id, patch] of localPatches) outline = replaceNode(outline, id, (n) => applyPatch(n, patch));
    localPatches.clear();
    set({ outline });
  };

  const set = (patch: Partial<EditorSnapshot>): void => {
    snapshot = { ...snapshot, ...patch };
    for (const l of listeners) l();
  };

  const isIdle = (): boolean => queue.length === 0 && !running && pendingNodes.size === 0 && pendingHeader === null;

  const settleIdle = (): void => {
    if (queue.length > 0 || running) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const pump = async (): Promise<void> => {
    if (running || paused || disposed) return;
    running = true;
    try {
      while (queue.length > 0 && !paused) {
        const job = queue[0]!;
        set({ saveState: 'saving' });
        try {
          const result = await job.send(snapshot.version);
          queue.shift();
          set({
            version: result.version,
            canUndo: result.canUndo ?? snapshot.canUndo,
            canRedo: result.canRedo ?? snapshot.canRedo,
            savedAt: result.updatedAt ?? snapshot.savedAt,
            error: null,
          });
          job.apply(result as never);
          job.resolve(result);
        } catch (err) {
          const code = err instanceof AppError ? err.code : 'internal';
          if (code === 'conflict') {
            // Stop here: nothing more is sent until the user chooses whose version wins.
            paused = true;
            set({ conflict: true, saveState: 'error' });
            break;
          }
          if (code === 'io') {
            // The service is unreachable: keep the edits and try again shortly.
            set({ saveState: 'offline', error: errorMessage(err) });
            paused = true;
            retryTimer = setTimeout(() => {
              paused = false;
              void pump();
            }, RETRY_MS);
            break;
          }
          // Refused (bad input, missing node …): drop this write, tell the user, show what is stored.
          queue.shift();
          job.reject(err);
          const message = errorMessage(err);
          set({ error: message });
          options.onError?.(`${job.label}未能保存：${message}`);
          void reloadNow();
        }
      }
    } finally {
      running = false;
      if (queue.length === 0 && !paused) {
        set({ saveState: pendingNodes.size > 0 || pendingHeader ? 'pending' : 'saved' });
      }
      settleIdle();
    }
  };

  function enqueue<T>(label: string, send: (version: number) => Promise<T>, apply: (result: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({
        label,
        send: send as QueuedWrite['send'],
        apply: apply as QueuedWrite['apply'],
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      void pump();
    });
  }

  const write: PlanStore['write'] = (name, input, apply) =>
    enqueue(
      '修改',
      (version) => api.send(name, { ...input, planId, expectedVersion: version } as InputOf<typeof name>),
      (result) => apply?.(result as never),
    );

  /** Moves debounced edits into the queue. */
  const drainPending = (): void => {
    applyLocal();
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (pendingHeader) {
      const patch = pendingHeader;
      pendingHeader = null;
      void enqueue(
        '方案信息',
        (version) => api.send('plans.updateHeader', { planId, expectedVersion: version, patch }),
        () => undefined,
      ).catch(() => undefined);
    }
    for (const [nodeId, patch] of pendingNodes) {
      void enqueue(
        '内容',
        (version) => api.send('outline.updateNode', { planId, expectedVersion: version, nodeId, patch }),
        (result) => {
          // Keep local text (the user may have typed on); take the service's classification of 完成时限.
          if (result.node?.measure && patch.measure?.deadline !== undefined) {
            const m = result.node.measure;
            set({
              outline: replaceNode(snapshot.outline, nodeId, (n) =>
                n.measure ? { ...n, measure: { ...n.measure, deadlineKind: m.deadlineKind, deadlineDate: m.deadlineDate } } : n,
              ),
            });
          }
        },
      ).catch(() => undefined);
    }
    pendingNodes.clear();
  };

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    if (snapshot.saveState === 'saved') set({ saveState: 'pending' });
    timer = setTimeout(() => {
      timer = null;
      drainPending();
    }, DEBOUNCE_MS);
  };

  const waitIdle = (): Promise<void> =>
    new Promise((resolve) => {
      if (queue.length === 0 && !running) resolve();
      else idleWaiters.push(resolve);
    });

  const flush = async (): Promise<void> => {
    drainPending();
    void pump();
    await waitIdle();
  };

  let reloading: Promise<void> | null = null;
  const reloadNow = (): Promise<void> => {
    reloading ??= (async () => {
      try {
        const [plan, history] = await Promise.all([api.send('plans.get', { id: planId }), api.send('history.state', { planId }).catch(() => null)]);
        set({
          plan,
          outline: plan.outline,
          version: plan.version,
          generation: snapshot.generation + 1,
          savedAt: plan.updatedAt,
          canUndo: history?.canUndo ?? snapshot.canUndo,
          canRedo: history?.canRedo ?? snapshot.canRedo,
        });
      } finally {
        reloading = null;
      }
    })();
    return reloading;
  };

  const step = async (which: 'history.undo' | 'history.redo'): Promise<string | null> => {
    await flush();
    if (snapshot.conflict) return null;
    const result = await enqueue(
      which === 'history.undo' ? '撤销' : '重做',
      (version) => api.send(which, { planId, expectedVersion: version }),
      () => undefined,
    );
    await reloadNow();
    return result.label;
  };

  // Initial undo state (the history lives in the database and survives reloads).
  void api
    .send('history.state', { planId })
    .then((h) => set({ canUndo: h.canUndo, canRedo: h.canRedo }))
    .catch(() => undefined);

  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    editNode(nodeId, patch) {
      pendingNodes.set(nodeId, mergePatch(pendingNodes.get(nodeId), patch));
      // The tree shows the new text after the debounce, not per keystroke.
      localPatches.set(nodeId, mergePatch(localPatches.get(nodeId), patch));
      schedule();
      localTimer ??= setTimeout(applyLocal, 250);
    },
    editHeader(patch) {
      pendingHeader = { ...pendingHeader, ...patch };
      const doc = { ...snapshot.plan.document };
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) (doc as Record<string, unknown>)[key] = value;
      set({ plan: { ...snapshot.plan, document: doc, title: patch.title ?? snapshot.plan.title } });
      schedule();
    },
    flush,
    dirty: () => !isIdle(),
    write,
    run: (label, send) => enqueue(label, send, () => undefined),
    setOutline(fn) {
      set({ outline: fn(snapshot.outline) as StoredNode[] });
    },
    reload: async () => {
      await flush();
      await reloadNow();
    },
    async refreshIfStale() {
      if (!isIdle() || snapshot.conflict || disposed) return;
      const current = await api.send('plans.get', { id: planId }).catch(() => null);
      // Re-check: the user may have typed while the plan was read.
      if (!current || current.version === snapshot.version || !isIdle() || snapshot.conflict) return;
      set({ plan: current, outline: current.outline, version: current.version, generation: snapshot.generation + 1, savedAt: current.updatedAt });
    },
    undo: () => step('history.undo'),
    redo: () => step('history.redo'),
    async resolveConflict(choice) {
      if (choice === 'theirs') {
        // Their version wins: forget what was waiting and show the stored plan.
        for (const job of queue.splice(0)) job.reject(new AppError('conflict', '已放弃本窗口未保存的修改'));
        pendingNodes.clear();
        localPatches.clear();
        pendingHeader = null;
        paused = false;
        set({ conflict: false, saveState: 'saved' });
        await reloadNow();
        settleIdle();
        return;
      }
      // Mine wins: write my edits on top of the current version, then show the result.
      const current = await api.send('plans.get', { id: planId });
      paused = false;
      set({ conflict: false, version: current.version });
      await flush();
      if (!snapshot.conflict) await reloadNow();
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      if (retryTimer) clearTimeout(retryTimer);
      if (localTimer) clearTimeout(localTimer);
      listeners.clear();
    },
  };
}

/** Why an export cannot wait for the editor: the user must first choose whose version wins. */
export const CONFLICT_BEFORE_EXPORT = '方案已在其他窗口中被修改，本窗口的修改尚未保存：请先在“编辑”页选择保留哪一方的修改，再导出。';

/**
 * Everything typed so far, stored: for callers that then read the stored plan (exports, checks,
 * the tracking tabs). Resolves when the save queue is empty; rejects with CONFLICT_BEFORE_EXPORT
 * when another window's change stops the queue (flush alone would wait until the user chooses).
 * While the service is unreachable it keeps waiting: the queue retries on its own.
 */
export function saveAllEdits(store: PlanStore): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const conflicted = (): boolean => {
      if (!store.get().conflict) return false;
      stop();
      reject(new AppError('conflict', CONFLICT_BEFORE_EXPORT));
      return true;
    };
    const unsubscribe = store.subscribe(() => void conflicted());
    let done = false;
    function stop(): void {
      done = true;
      unsubscribe();
    }
    if (conflicted()) return;
    store.flush().then(
      () => {
        if (done || conflicted()) return;
        stop();
        resolve();
      },
      (err: unknown) => {
        if (done) return;
        stop();
        reject(err);
      },
    );
  });
}
