import type { Api, InputOf, MethodName, OutputOf } from '../../shared/api/contract.ts';
import type { PlanDetail, StoredNode } from '../../shared/api/plans.ts';
import type { HeaderPatch, NodePatch } from '../../shared/api/editor.ts';
import { AppError, type AppErrorCode } from '../../shared/errors.ts';
import { applyPatch, mergePatch, replaceNode, type Outline } from './outline-ops.ts';
import type { EditJournal, JournalEdit } from './edit-journal.ts';
import { unapplied, type TextEdit } from './text-edits.ts';
import { failureKind, retryDelay, RETRY_DELAYS_MS, saveNotice, STALLED_MESSAGE, STALLED_MS } from './save-notice.ts';

/**
 * The plan being edited, outside React: text edits wait here (debounced) and every write goes through
 * one queue, in order, each carrying the version the previous write produced. Components subscribe
 * with useSyncExternalStore and read only what they show, so a keystroke never re-renders the tree.
 *
 * Nothing typed is dropped: a write that fails because of the storage or the transport stays at the
 * head of the queue and is retried (with back-off, and at once when asked); a write the service refuses
 * keeps its text in `refused` until the user has seen it; every unconfirmed edit is also in the local
 * journal, and the stored version is never shown over text that is not stored yet.
 */

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'error';

/** Why the queue stopped: the last attempt's error, and when the next automatic attempt starts. */
export interface SaveIssue {
  code: AppErrorCode;
  /** The service's message (it names the data folder) */
  message: string;
  /** ms since epoch of the next automatic attempt; null while an attempt runs or when only 重试 helps */
  retryAt: number | null;
  /** The last attempt got no answer at all (it is still open) */
  stalled?: boolean;
}

/** An edit the service refused (bad input, its node deleted elsewhere …): not stored, kept for the user. */
export interface RefusedEdit {
  id: number;
  edit: TextEdit;
  code: AppErrorCode;
  message: string;
}

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
  /** Saving stopped for a reason the user should know (disk full, locked, read-only, damaged, no service) */
  issue: SaveIssue | null;
  refused: readonly RefusedEdit[];
  /** The local journal could not take the unsaved edits (too many, or the storage is full) */
  journalFull: boolean;
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
  /** The text this write stores (journaled, shown again after a reload, copied from the notice) */
  edit?: TextEdit;
  /** An earlier attempt failed without an answer: the service may have stored it after all */
  failedBefore?: boolean;
}

export interface PlanStore {
  get(): EditorSnapshot;
  subscribe(listener: () => void): () => void;
  /** A text/field edit: kept locally (and in the journal at once) and saved within a second */
  editNode(nodeId: string, patch: NodePatch): void;
  editHeader(patch: HeaderPatch): void;
  /** Sends pending edits now; resolves when everything queued so far is stored */
  flush(): Promise<void>;
  /**
   * Sends pending edits now (retrying a stopped queue at once); true when everything is stored,
   * false as soon as saving stops for a reason the user must see (a failure, a refusal, a conflict).
   */
  trySave(): Promise<boolean>;
  /** True while edits are waiting or being sent */
  dirty(): boolean;
  /** True while anything typed here is not stored: waiting, failing, refused, or in conflict */
  unsaved(): boolean;
  /** Unsaved edits that cannot be stored right now: leaving the page must ask first */
  atRisk(): boolean;
  /** Every edit not stored, oldest first (for the notice's copy) */
  unsavedEdits(): TextEdit[];
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
  /** The page regained focus or connectivity: a queue stopped by a passing failure tries again now */
  resume(): void;
  /** 重试: tries the stopped queue now and sends refused edits once more */
  retry(): void;
  /** The user has seen a refused edit (copied it or chose to drop it) */
  dismissRefused(id?: number): void;
  /** Applies edits recovered from the journal and saves them */
  recover(edits: readonly TextEdit[]): void;
  /** Conflict choices */
  resolveConflict(choice: 'theirs' | 'mine'): Promise<void>;
  /** The editor is gone: what is waiting is still sent once, failures are no longer retried, the journal keeps the rest */
  close(): void;
  dispose(): void;
}

const DEBOUNCE_MS = 500;

// Not imported from the api client: the store is plain logic, testable without a page.
function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface PlanStoreOptions {
  /** Refusals of structure edits (move, add, delete …), which carry no text to keep */
  onError?: (message: string) => void;
  /** Where unconfirmed edits are kept across a crash or a closed page */
  journal?: EditJournal | null;
  /** Waits between automatic retries (tests shorten them) */
  retryDelaysMs?: readonly number[];
}

export function createPlanStore(api: Api, initial: PlanDetail, options: PlanStoreOptions = {}): PlanStore {
  const planId = initial.id;
  const journal = options.journal ?? null;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
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
    issue: null,
    refused: [],
    journalFull: false,
  };
  const listeners = new Set<() => void>();
  const pendingNodes = new Map<string, NodePatch>();
  let pendingHeader: HeaderPatch | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stallTimer: ReturnType<typeof setTimeout> | null = null;
  const queue: QueuedWrite[] = [];
  let running = false;
  let paused = false;
  let attempts = 0;
  let refusedSeq = 0;
  let closed = false;
  let released = false;
  let disposed = false;
  let idleWaiters: (() => void)[] = [];
  // Edited nodes' local copies are refreshed on a short timer so the tree follows typing closely
  // without re-rendering on every keystroke.
  const localPatches = new Map<string, NodePatch>();
  let localTimer: ReturnType<typeof setTimeout> | null = null;

  const set = (patch: Partial<EditorSnapshot>): void => {
    snapshot = { ...snapshot, ...patch };
    for (const l of [...listeners]) l();
  };

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

  const isIdle = (): boolean => queue.length === 0 && !running && pendingNodes.size === 0 && pendingHeader === null;

  /** Everything typed here and not stored, oldest first: refused, queued (in flight too), waiting. */
  const unsavedEdits = (): JournalEdit[] => {
    const edits: JournalEdit[] = snapshot.refused.map((r) => ({ ...r.edit, refused: { code: r.code, message: r.message } }));
    for (const job of queue) if (job.edit) edits.push(job.edit);
    if (pendingHeader) edits.push({ kind: 'header', patch: pendingHeader });
    for (const [nodeId, patch] of pendingNodes) edits.push({ kind: 'node', nodeId, patch });
    return edits;
  };

  /** Writes what is unsaved to the journal: on every keystroke, before it is sent, and after every answer. */
  const persist = (): void => {
    if (!journal || released) return;
    const ok = journal.record(snapshot.version, unsavedEdits());
    if (ok === snapshot.journalFull) set({ journalFull: !ok });
  };

  /** Once closed, the journal lock goes as soon as nothing more will be sent, so the next open offers the rest. */
  const releaseIfDone = (): void => {
    if (!closed || released || running || !(queue.length === 0 || paused)) return;
    persist();
    released = true;
    journal?.release();
  };

  const idleState = (): SaveState => (pendingNodes.size > 0 || pendingHeader ? 'pending' : snapshot.refused.length > 0 ? 'error' : 'saved');

  const settleIdle = (): void => {
    if (queue.length > 0 || running) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const stopStallWatch = (): void => {
    if (stallTimer) clearTimeout(stallTimer);
    stallTimer = null;
  };

  const retryNow = (): void => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (!paused || snapshot.conflict) return;
    paused = false;
    void pump();
  };

  /** A refused edit's fields that a later confirmed write stored anyway are no longer unsaved. */
  const clearSuperseded = (stored: TextEdit): void => {
    if (snapshot.refused.length === 0) return;
    const remaining: RefusedEdit[] = [];
    for (const r of snapshot.refused) {
      if (r.edit.kind !== stored.kind || (r.edit.kind === 'node' && stored.kind === 'node' && r.edit.nodeId !== stored.nodeId)) {
        remaining.push(r);
        continue;
      }
      const left = withoutKeys(r.edit, stored);
      if (left) remaining.push({ ...r, edit: left });
    }
    if (remaining.length !== snapshot.refused.length || remaining.some((r, i) => r !== snapshot.refused[i])) set({ refused: remaining });
  };

  const confirm = (job: QueuedWrite, result: Awaited<ReturnType<QueuedWrite['send']>>): void => {
    queue.shift();
    attempts = 0;
    set({
      version: result.version,
      canUndo: result.canUndo ?? snapshot.canUndo,
      canRedo: result.canRedo ?? snapshot.canRedo,
      savedAt: result.updatedAt ?? snapshot.savedAt,
      error: null,
      issue: null,
    });
    if (job.edit) clearSuperseded(job.edit);
    job.apply(result as never);
    job.resolve(result);
    persist();
  };

  /**
   * A retried write refused as a conflict may be our own earlier attempt, stored by the service after
   * the transport lost its answer: then the plan is exactly one version on and already holds the text.
   */
  const storedAfterAll = async (job: QueuedWrite): Promise<PlanDetail | null> => {
    if (!job.failedBefore || !job.edit) return null;
    const current = await api.send('plans.get', { id: planId }).catch(() => null);
    if (!current || current.version !== snapshot.version + 1 || unapplied(job.edit, current) !== null) return null;
    return current;
  };

  /** Keeps, retries, or gives up one failed write; stops the queue (paused) unless it can go on. */
  const fail = async (job: QueuedWrite, err: unknown): Promise<void> => {
    const code: AppErrorCode = err instanceof AppError ? err.code : 'internal';
    const message = errorMessage(err);
    const kind = failureKind(code);
    if (kind === 'conflict') {
      const current = await storedAfterAll(job);
      if (current) {
        confirm(job, { version: current.version, updatedAt: current.updatedAt });
        return;
      }
      // Stop here: nothing more is sent until the user chooses whose version wins.
      paused = true;
      set({ conflict: true, saveState: 'error' });
      return;
    }
    if (kind === 'retry' || kind === 'hold') {
      // Keep the write (and everything behind it) and say why; try again later unless only the user can help.
      job.failedBefore = true;
      attempts++;
      paused = true;
      const retryAt = kind === 'retry' && !closed && !disposed ? Date.now() + retryDelay(attempts, delays) : null;
      set({ saveState: code === 'io' ? 'offline' : 'error', issue: { code, message, retryAt }, error: message });
      if (retryAt !== null) retryTimer = setTimeout(retryNow, retryAt - Date.now());
      return;
    }
    // Refused: this write cannot succeed as it is. Its text stays where the user can see and copy it.
    queue.shift();
    job.reject(err);
    if (job.edit) {
      set({ refused: [...snapshot.refused, { id: ++refusedSeq, edit: job.edit, code, message }], error: message });
      persist();
      // Its node is gone: show what is stored (other unsaved text stays on screen).
      if (code === 'not_found') void reloadNow().catch(() => undefined);
    } else {
      set({ error: message });
      options.onError?.(`${job.label}未能保存：${message}`);
      void reloadNow().catch(() => undefined);
    }
  };

  const pump = async (): Promise<void> => {
    if (running || paused || disposed) return;
    running = true;
    try {
      while (queue.length > 0 && !paused) {
        const job = queue[0]!;
        // While a failure is being retried the indicator keeps saying 未保存, not 正在保存.
        if (snapshot.issue) set({ issue: { ...snapshot.issue, retryAt: null } });
        else set({ saveState: 'saving' });
        stallTimer = setTimeout(() => {
          stallTimer = null;
          set({ saveState: 'offline', issue: { code: 'io', message: STALLED_MESSAGE, retryAt: null, stalled: true }, error: STALLED_MESSAGE });
        }, STALLED_MS);
        let result: Awaited<ReturnType<QueuedWrite['send']>>;
        try {
          result = await job.send(snapshot.version);
        } catch (err) {
          stopStallWatch();
          // A stop (paused) ends the loop; 重试 or focus may already have lifted it meanwhile.
          await fail(job, err);
          continue;
        }
        stopStallWatch();
        confirm(job, result);
      }
    } finally {
      running = false;
      if (queue.length === 0 && !paused) set({ saveState: idleState() });
      settleIdle();
      releaseIfDone();
    }
  };

  function enqueue<T>(label: string, send: (version: number) => Promise<T>, apply: (result: T) => void, edit?: TextEdit): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({
        label,
        send: send as QueuedWrite['send'],
        apply: apply as QueuedWrite['apply'],
        resolve: resolve as (v: unknown) => void,
        reject,
        edit,
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
        { kind: 'header', patch },
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
        { kind: 'node', nodeId, patch },
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

  const trySave = (): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      drainPending();
      let unsubscribe: () => void = () => undefined;
      let done = false;
      const check = (): void => {
        if (done) return;
        const stopped = snapshot.conflict || (paused && snapshot.issue !== null) || snapshot.issue?.stalled === true;
        const stored = isIdle() && snapshot.refused.length === 0;
        if (!stored && !stopped && !(isIdle() && snapshot.refused.length > 0)) return;
        done = true;
        unsubscribe();
        resolve(stored);
      };
      listeners.add(check);
      unsubscribe = () => listeners.delete(check);
      if (paused && !snapshot.conflict) retryNow();
      else void pump();
      check();
    });

  /** The plan as stored, with every unsaved edit of this window laid over it: what the fields must show. */
  const withUnsaved = (plan: PlanDetail): { plan: PlanDetail; outline: StoredNode[] } => {
    applyLocal();
    let outline = plan.outline;
    let document = plan.document;
    for (const edit of unsavedEdits()) {
      if (edit.kind === 'node') outline = replaceNode(outline, edit.nodeId, (n) => applyPatch(n, edit.patch));
      else document = withHeader(document, edit.patch);
    }
    return { plan: { ...plan, document, title: document.title, outline }, outline };
  };

  let reloading: Promise<void> | null = null;
  const reloadNow = (): Promise<void> => {
    reloading ??= (async () => {
      try {
        const [plan, history] = await Promise.all([api.send('plans.get', { id: planId }), api.send('history.state', { planId }).catch(() => null)]);
        // The stored version never replaces text that is not stored yet: that is laid over it.
        const shown = withUnsaved(plan);
        set({
          plan: shown.plan,
          outline: shown.outline,
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

  /** Undo, redo and the like act on the stored plan: everything typed must be stored first. */
  const saveBefore = async (what: string): Promise<void> => {
    if (await trySave()) return;
    if (snapshot.conflict) return;
    throw new AppError(snapshot.issue?.code ?? 'bad_input', `有修改尚未保存，暂不能${what}。请先按页面上方的提示处理，保存后再试。`);
  };

  const step = async (which: 'history.undo' | 'history.redo'): Promise<string | null> => {
    await saveBefore(which === 'history.undo' ? '撤销' : '重做');
    if (snapshot.conflict) return null;
    const result = await enqueue(
      which === 'history.undo' ? '撤销' : '重做',
      (version) => api.send(which, { planId, expectedVersion: version }),
      () => undefined,
    );
    await reloadNow();
    return result.label;
  };

  const close = (): void => {
    if (closed) return;
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (snapshot.issue?.retryAt) set({ issue: { ...snapshot.issue, retryAt: null } });
    // What is waiting is still sent once; the journal keeps whatever does not get through.
    drainPending();
    void pump();
    releaseIfDone();
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
      persist();
      schedule();
      localTimer ??= setTimeout(applyLocal, 250);
    },
    editHeader(patch) {
      pendingHeader = { ...pendingHeader, ...patch };
      const doc = withHeader(snapshot.plan.document, patch);
      set({ plan: { ...snapshot.plan, document: doc, title: doc.title } });
      persist();
      schedule();
    },
    flush,
    trySave,
    dirty: () => !isIdle(),
    unsaved: () => !isIdle() || snapshot.refused.length > 0 || snapshot.conflict,
    atRisk: () =>
      (!isIdle() || snapshot.refused.length > 0 || snapshot.conflict) &&
      (snapshot.issue !== null || snapshot.conflict || snapshot.refused.length > 0 || snapshot.journalFull),
    unsavedEdits: () => unsavedEdits().map(({ refused: _refused, ...edit }) => edit as TextEdit),
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
      const shown = withUnsaved(current);
      set({ plan: shown.plan, outline: shown.outline, version: current.version, generation: snapshot.generation + 1, savedAt: current.updatedAt });
    },
    resume() {
      if (snapshot.issue && failureKind(snapshot.issue.code) === 'retry' && !closed) retryNow();
    },
    retry() {
      const again = snapshot.refused;
      if (again.length > 0) {
        // Refused edits go back in front of anything typed since, so the newer text still wins.
        set({ refused: [] });
        for (const r of again) {
          if (r.edit.kind === 'header') pendingHeader = { ...r.edit.patch, ...pendingHeader };
          else pendingNodes.set(r.edit.nodeId, mergePatch(r.edit.patch, pendingNodes.get(r.edit.nodeId) ?? {}));
        }
        drainPending();
      }
      if (paused && !snapshot.conflict) retryNow();
      else void pump();
    },
    dismissRefused(id) {
      const left = id === undefined ? [] : snapshot.refused.filter((r) => r.id !== id);
      set({ refused: left });
      if (isIdle() && !paused) set({ saveState: idleState(), error: left.length > 0 ? snapshot.error : null });
      persist();
    },
    recover(edits) {
      applyLocal();
      let outline = snapshot.outline;
      let document = snapshot.plan.document;
      for (const edit of edits) {
        if (edit.kind === 'header') {
          pendingHeader = { ...edit.patch, ...pendingHeader };
          document = withHeader(document, pendingHeader);
        } else {
          const patch = mergePatch(edit.patch, pendingNodes.get(edit.nodeId) ?? {});
          pendingNodes.set(edit.nodeId, patch);
          outline = replaceNode(outline, edit.nodeId, (n) => applyPatch(n, patch));
        }
      }
      // The field editors remount to show the recovered text.
      set({ outline, plan: { ...snapshot.plan, document, title: document.title }, generation: snapshot.generation + 1 });
      persist();
      drainPending();
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
        set({ conflict: false, saveState: 'saved', refused: [], issue: null });
        persist();
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
    close,
    dispose() {
      close();
      disposed = true;
      if (timer) clearTimeout(timer);
      if (retryTimer) clearTimeout(retryTimer);
      if (localTimer) clearTimeout(localTimer);
      stopStallWatch();
      listeners.clear();
    },
  };
}

function withHeader(document: PlanDetail['document'], patch: HeaderPatch): PlanDetail['document'] {
  const doc = { ...document };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) (doc as Record<string, unknown>)[key] = value;
  return doc;
}

/** `edit` without the fields `stored` wrote; null when nothing is left. */
function withoutKeys(edit: TextEdit, stored: TextEdit): TextEdit | null {
  const drop = (patch: Record<string, unknown>, written: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'measure' && value && written.measure) {
        const inner = drop(value as Record<string, unknown>, written.measure as Record<string, unknown>);
        if (Object.keys(inner).length > 0) out.measure = inner;
      } else if (!(key in written)) out[key] = value;
    }
    return out;
  };
  const left = drop(edit.patch as Record<string, unknown>, stored.patch as Record<string, unknown>);
  if (Object.keys(left).length === 0) return null;
  return edit.kind === 'header' ? { kind: 'header', patch: left as HeaderPatch } : { kind: 'node', nodeId: edit.nodeId, patch: left as NodePatch };
}

/** Why an export cannot wait for the editor: the user must first choose whose version wins. */
export const CONFLICT_BEFORE_EXPORT = '方案已在其他窗口中被修改，本窗口的修改尚未保存：请先在“编辑”页选择保留哪一方的修改，再导出。';

/** Why an export cannot go on: something typed is not stored (the editor's notice says why and what to do). */
export function unsavedBeforeExport(snapshot: EditorSnapshot): string {
  const reason = snapshot.issue ? saveNotice(snapshot.issue.code).title : '有修改未能保存';
  return `${reason}：导出的内容须先保存。请在“编辑”页按提示处理，保存后再试。`;
}

/**
 * Everything typed so far, stored: for callers that then read the stored plan (exports, checks,
 * the tracking tabs). Resolves when the save queue is empty; rejects with CONFLICT_BEFORE_EXPORT when
 * another window's change stops the queue, and with the reason when saving fails (disk full, locked,
 * no service …) — the editor keeps retrying and shows the notice; the caller may simply try again.
 */
export async function saveAllEdits(store: PlanStore): Promise<void> {
  if (!store.get().conflict && (await store.trySave())) return;
  const snapshot = store.get();
  if (snapshot.conflict) throw new AppError('conflict', CONFLICT_BEFORE_EXPORT);
  throw new AppError(snapshot.issue?.code ?? 'bad_input', unsavedBeforeExport(snapshot));
}
