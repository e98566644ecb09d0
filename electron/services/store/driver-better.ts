import Database from 'better-sqlite3';
import type { BackupProgress, DriverConnection, RunResult, Statement, UserFunction, UserFunctionOptions } from './db.ts';

/**
 * better-sqlite3 behind the `Db` interface. Its own API already has the shape the services use, so this
 * is a thin pass-through; the addon itself loads on the first `new Database()` (where a too old glibc
 * fails), not on import.
 */

export interface OpenFileOptions {
  readonly?: boolean;
  /** ms to wait for a lock (busy_timeout) */
  timeout?: number;
}

class BetterStatement implements Statement {
  readonly #stmt: Database.Statement;
  constructor(stmt: Database.Statement) {
    this.#stmt = stmt;
  }
  get source(): string {
    return this.#stmt.source;
  }
  run(...params: unknown[]): RunResult {
    return this.#stmt.run(...params);
  }
  get(...params: unknown[]): unknown {
    return this.#stmt.get(...params);
  }
  all(...params: unknown[]): unknown[] {
    return this.#stmt.all(...params);
  }
  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.#stmt.iterate(...params);
  }
}

/** Pages copied per step of an online backup: the event loop runs between steps. */
const PAGES_PER_STEP = 100;
const ALL_PAGES = 0x7fffffff;

class BetterConnection implements DriverConnection {
  readonly driver = 'better-sqlite3' as const;
  readonly sqliteVersion: string;
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  }
  get name(): string {
    return this.#db.name;
  }
  get open(): boolean {
    return this.#db.open;
  }
  get readonly(): boolean {
    return this.#db.readonly;
  }
  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }
  prepare(sql: string): Statement {
    return new BetterStatement(this.#db.prepare(sql));
  }
  exec(sql: string): void {
    this.#db.exec(sql);
  }
  pragma(source: string, options?: { simple?: boolean }): unknown {
    return this.#db.pragma(source, options?.simple ? { simple: true } : {});
  }
  async backup(destination: string, options?: { progress?: (info: BackupProgress) => void }): Promise<void> {
    const progress = options?.progress;
    let remaining = Number.POSITIVE_INFINITY;
    let rate = PAGES_PER_STEP;
    const done = await this.#db.backup(destination, {
      progress: (info) => {
        // A write by another connection between steps makes SQLite start the copy over; a writer that
        // keeps writing would keep it starting over for ever. After the first restart the rest goes
        // in one step: one short read of a consistent snapshot (WAL lets writers go on meanwhile).
        if (info.remainingPages > remaining) rate = ALL_PAGES;
        remaining = info.remainingPages;
        progress?.({ totalPages: info.totalPages, remainingPages: info.remainingPages });
        return rate;
      },
    });
    // Both drivers end with a report of completion (node:sqlite reports after steps, this one before).
    progress?.({ totalPages: done.totalPages, remainingPages: 0 });
  }
  defineFunction(name: string, options: UserFunctionOptions, fn: UserFunction): void {
    this.#db.function(name, { deterministic: options.deterministic ?? false, varargs: options.varargs ?? false }, fn as (...args: unknown[]) => unknown);
  }
  close(): void {
    this.#db.close();
  }
}

/** Opens `file` with better-sqlite3; throws when the addon cannot load (or the file cannot be opened). */
export function openBetter(file: string, options: OpenFileOptions = {}, nativeBinding?: string): DriverConnection {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    timeout: options.timeout ?? 5000,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  return new BetterConnection(db);
}
