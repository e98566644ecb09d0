/**
 * The one small interface the services use to talk to SQLite. Two drivers implement it: better-sqlite3
 * (the default, a native addon) and Node's built-in node:sqlite (no addon, so no glibc floor: the
 * fallback for 统信UOS 20 / 麒麟V10). Call sites keep better-sqlite3's shape — `db.prepare(sql).get(…)`,
 * `db.transaction(() => …)()` — and both drivers behave the same behind it:
 *
 * - `transaction(fn)` starts BEGIN IMMEDIATE, so a writer waits for the lock (busy_timeout) instead of
 *   failing when another process writes; a nested call is a savepoint. `readTransaction(fn)` is the
 *   explicit read-only variant (a consistent snapshot over several queries).
 * - Rows are plain objects; blobs come back as Buffer; `undefined` binds as NULL; booleans are refused.
 */

export type DriverName = 'better-sqlite3' | 'node:sqlite';

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement. Parameters: positional values, and/or one object of named values (`@name`, `:name`, `$name`). */
export interface Statement {
  readonly source: string;
  run(...params: unknown[]): RunResult;
  /** The first row, or undefined */
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface UserFunctionOptions {
  deterministic?: boolean;
  varargs?: boolean;
}

export type UserFunction = (...args: never[]) => unknown;

export interface Db {
  readonly driver: DriverName;
  /** SQLite's own version, e.g. 3.54.1 */
  readonly sqliteVersion: string;
  /** The database file */
  readonly name: string;
  readonly open: boolean;
  readonly readonly: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  /** Runs one or more statements without results */
  exec(sql: string): void;
  /** `PRAGMA source`: the rows, or with `{ simple: true }` the first column of the first row */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Wraps `fn` in a write transaction (BEGIN IMMEDIATE; a savepoint when nested). Call the result to run it. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** Wraps `fn` in a read transaction (a snapshot that sees no writes committed meanwhile). */
  readTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** Online backup to a new file (the database stays usable meanwhile). */
  backup(destination: string, options?: { progress?: (info: BackupProgress) => void }): Promise<void>;
  /** A user-defined SQL function */
  function(name: string, fn: UserFunction): void;
  function(name: string, options: UserFunctionOptions, fn: UserFunction): void;
  close(): void;
}

/** What a driver must provide; the transaction logic on top is shared (see `SqliteConnection`). */
export interface DriverConnection extends Omit<Db, 'transaction' | 'readTransaction' | 'function'> {
  defineFunction(name: string, options: UserFunctionOptions, fn: UserFunction): void;
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The `Db` both drivers share. Transactions are ours, not the driver's, so they are identical:
 * BEGIN IMMEDIATE at the outermost level, SAVEPOINTs inside, and a rollback on any throw (unless SQLite
 * already rolled back itself, as it does on a full disk or some I/O errors).
 */
export class SqliteConnection implements Db {
  readonly #conn: DriverConnection;
  /** Depth of our own transactions; 0 = none open */
  #depth = 0;
  /** The outermost transaction is a read snapshot: writes inside it could not wait for the lock */
  #readOnlyOuter = false;

  constructor(conn: DriverConnection) {
    this.#conn = conn;
  }

  get driver(): DriverName {
    return this.#conn.driver;
  }
  get sqliteVersion(): string {
    return this.#conn.sqliteVersion;
  }
  get name(): string {
    return this.#conn.name;
  }
  get open(): boolean {
    return this.#conn.open;
  }
  get readonly(): boolean {
    return this.#conn.readonly;
  }
  get inTransaction(): boolean {
    return this.#conn.inTransaction;
  }

  prepare(sql: string): Statement {
    return this.#conn.prepare(sql);
  }

  exec(sql: string): void {
    this.#conn.exec(sql);
  }

  pragma(source: string, options?: { simple?: boolean }): unknown {
    return this.#conn.pragma(source, options);
  }

  backup(destination: string, options?: { progress?: (info: BackupProgress) => void }): Promise<void> {
    return this.#conn.backup(destination, options);
  }

  function(name: string, optionsOrFn: UserFunctionOptions | UserFunction, fn?: UserFunction): void {
    if (typeof optionsOrFn === 'function') this.#conn.defineFunction(name, {}, optionsOrFn);
    else if (fn) this.#conn.defineFunction(name, optionsOrFn, fn);
    else throw new TypeError('function() needs a function');
  }

  close(): void {
    this.#conn.close();
  }

  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => this.#run('write', () => fn(...args));
  }

  readTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => this.#run('read', () => fn(...args));
  }

  #run<R>(mode: 'read' | 'write', body: () => R): R {
    const conn = this.#conn;
    if (this.#depth > 0 && !conn.inTransaction) {
      // SQLite ended our transaction itself (full disk, I/O error) and the caller carried on: nothing
      // written after that point could be atomic with what came before.
      throw new Error('the enclosing transaction was rolled back by SQLite');
    }
    const outer = this.#depth === 0;
    if (!outer && mode === 'write' && this.#readOnlyOuter) {
      throw new Error('a write transaction cannot be nested in a read transaction');
    }
    if (outer && conn.inTransaction) throw new Error('a transaction was opened with exec(); use transaction()');
    const savepoint = `rectify_sp${this.#depth}`;
    conn.exec(outer ? (mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED') : `SAVEPOINT ${savepoint}`);
    this.#depth++;
    if (outer) this.#readOnlyOuter = mode === 'read';
    let result: R;
    try {
      result = body();
      if (isThenable(result)) {
        // An async function would commit before its awaited work ran: refuse it loudly.
        throw new TypeError('transaction functions must not be async');
      }
    } catch (err) {
      this.#depth--;
      if (conn.inTransaction) {
        try {
          if (outer) conn.exec('ROLLBACK');
          else conn.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        } catch {
          // The original failure is what the caller needs to see.
        }
      }
      if (outer) this.#readOnlyOuter = false;
      throw err;
    }
    this.#depth--;
    try {
      if (outer) conn.exec('COMMIT');
      else conn.exec(`RELEASE ${savepoint}`);
    } catch (err) {
      // A failed COMMIT (disk full while writing the WAL) leaves the transaction open: end it.
      if (outer && conn.inTransaction) {
        try {
          conn.exec('ROLLBACK');
        } catch {
          // as above
        }
      }
      throw err;
    } finally {
      if (outer) this.#readOnlyOuter = false;
    }
    return result;
  }
}
