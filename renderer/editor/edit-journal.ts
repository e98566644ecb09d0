import type { AppErrorCode } from '../../shared/errors.ts';
import type { TextEdit } from './text-edits.ts';

/**
 * The local journal: every edit the service has not confirmed, kept in the browser's storage
 * (localStorage in the page, the same in Electron's renderer) so it outlives a closed tab, a reload, a
 * killed service or a crashed renderer. One storage key per plan; inside it one record per editing
 * session (a page that opened the plan), so two windows on the same plan do not overwrite each other.
 * A session is alive while its page holds a Web Lock named after it; the records of sessions whose
 * page is gone are "orphans", which the next open of the plan offers back.
 */

export type JournalEdit = TextEdit & {
  /** The service refused it (bad input, node deleted elsewhere …): kept so the text can still be copied */
  refused?: { code: AppErrorCode; message: string };
};

export interface JournalRecord {
  session: string;
  /** The plan version the edits were made on top of (the last version this session saw confirmed) */
  baseVersion: number;
  /** ISO time of the last change, to order sessions and to evict the oldest when space runs out */
  touchedAt: string;
  edits: JournalEdit[];
}

interface StoredJournal {
  v: 1;
  planId: string;
  sessions: Record<string, JournalRecord>;
}

/** The part of the Storage interface the journal needs (localStorage, or a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

/** The part of the Web Locks API (navigator.locks) the journal needs. */
export interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[]; pending?: { name?: string }[] }>;
}

export interface EditJournal {
  readonly session: string;
  /**
   * Replaces this session's record with what is unsaved now (an empty list removes it). Returns false
   * when the record could not be stored (beyond the size bound, or the storage is full or unavailable).
   */
  record(baseVersion: number, edits: readonly JournalEdit[]): boolean;
  /** Records left by pages that are gone, oldest first */
  orphans(): Promise<JournalRecord[]>;
  /** Forgets other sessions' records once the user restored or discarded them */
  forget(sessions: readonly string[]): void;
  /** This page stops editing the plan: what it still holds becomes an orphan for the next open */
  release(): void;
}

const PREFIX = 'rectify.journal.';
const LOCK_PREFIX = 'rectify-journal:';
/** Characters one plan's journal may take (localStorage holds about 5 million per origin). */
export const MAX_JOURNAL_CHARS = 1_000_000;

export function journalKey(planId: string): string {
  return PREFIX + planId;
}

function read(storage: KeyValueStorage, key: string, planId: string): StoredJournal {
  try {
    const raw = storage.getItem(key);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<StoredJournal>;
      if (parsed && parsed.v === 1 && parsed.sessions && typeof parsed.sessions === 'object') return { v: 1, planId, sessions: parsed.sessions };
    }
  } catch {
    // Unreadable (another version, a cut-off write): start afresh rather than fail every keystroke.
  }
  return { v: 1, planId, sessions: {} };
}

function newSession(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Frees space when the storage is full: drops the oldest records of OTHER plans' journals (never this
 * plan's) that have not been touched for a week. Returns whether anything was removed.
 */
function evictStale(storage: KeyValueStorage, keep: string, now: Date): boolean {
  const weekAgo = now.getTime() - 7 * 24 * 3600 * 1000;
  let removed = false;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key && key.startsWith(PREFIX) && key !== keep) keys.push(key);
  }
  for (const key of keys) {
    const journal = read(storage, key, key.slice(PREFIX.length));
    let changed = false;
    for (const [id, record] of Object.entries(journal.sessions)) {
      if (Date.parse(record.touchedAt) < weekAgo) {
        delete journal.sessions[id];
        changed = true;
      }
    }
    if (!changed) continue;
    removed = true;
    if (Object.keys(journal.sessions).length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(journal));
  }
  return removed;
}

export function openJournal(
  storage: KeyValueStorage | null,
  planId: string,
  options: { locks?: LockManagerLike | null; maxChars?: number; now?: () => Date; session?: string } = {},
): EditJournal {
  const key = journalKey(planId);
  const session = options.session ?? newSession();
  const maxChars = options.maxChars ?? MAX_JOURNAL_CHARS;
  const now = options.now ?? (() => new Date());
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  let unlock: (() => void) | null = null;
  let released = false;

  const holdLock = (): void => {
    if (unlock || released || !locks) return;
    // Held until release() or until the page goes away, which is how other pages tell it is alive.
    const held = new Promise<void>((resolve) => {
      unlock = resolve;
    });
    locks.request(LOCK_PREFIX + session, () => held).catch(() => undefined);
  };

  const write = (journal: StoredJournal): boolean => {
    if (!storage) return false;
    try {
      if (Object.keys(journal.sessions).length === 0) {
        storage.removeItem(key);
        return true;
      }
      const text = JSON.stringify(journal);
      if (text.length > maxChars) return false;
      try {
        storage.setItem(key, text);
      } catch {
        if (!evictStale(storage, key, now())) return false;
        storage.setItem(key, text);
      }
      return true;
    } catch {
      return false;
    }
  };

  return {
    session,
    record(baseVersion, edits) {
      if (!storage) return false;
      const journal = read(storage, key, planId);
      if (edits.length === 0) {
        if (!journal.sessions[session]) return true;
        delete journal.sessions[session];
        return write(journal);
      }
      holdLock();
      journal.sessions[session] = { session, baseVersion, touchedAt: now().toISOString(), edits: [...edits] };
      return write(journal);
    },
    async orphans() {
      if (!storage) return [];
      const journal = read(storage, key, planId);
      let alive = new Set<string>();
      if (locks) {
        try {
          const state = await locks.query();
          alive = new Set([...(state.held ?? []), ...(state.pending ?? [])].map((l) => l.name ?? ''));
        } catch {
          // Without the lock list every other record counts as left behind: offering too much beats losing it.
        }
      }
      return Object.values(journal.sessions)
        .filter((r) => r.session !== session && !alive.has(LOCK_PREFIX + r.session) && Array.isArray(r.edits))
        .sort((a, b) => a.touchedAt.localeCompare(b.touchedAt));
    },
    forget(sessions) {
      if (!storage || sessions.length === 0) return;
      const journal = read(storage, key, planId);
      for (const id of sessions) if (id !== session) delete journal.sessions[id];
      write(journal);
    },
    release() {
      released = true;
      unlock?.();
      unlock = null;
    },
  };
}

function defaultLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? null;
}

/** The page's localStorage, or null where it is unavailable (disabled, or a sandbox without storage). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
