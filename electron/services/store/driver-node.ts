import type * as NodeSqliteModule from 'node:sqlite';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { BackupProgress, DriverConnection, RunResult, Statement, UserFunction, UserFunctionOptions } from './db.ts';
import type { OpenFileOptions } from './driver-better.ts';

/**
 * Node's built-in node:sqlite (DatabaseSync) behind the `Db` interface, made to behave like
 * better-sqlite3 where the two differ: `undefined` binds as NULL (node:sqlite refuses it), booleans are
 * refused (node:sqlite would store 1/0), arrays of values are spread as positional values, the object of
 * named values may come anywhere, rows are plain objects (not null-prototype) and blobs are Buffers.
 */

type NodeSqlite = typeof NodeSqliteModule;

let loaded: NodeSqlite | null = null;

/** node:sqlite, loaded on first use; Node versions that still call it experimental must not print that to users. */
export function nodeSqlite(): NodeSqlite {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning instanceof Error ? warning.message : warning).includes('SQLite')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    loaded = process.getBuiltinModule('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
  if (!loaded) throw new Error('node:sqlite is not available in this Node.js');
  return loaded;
}

type Bindable = null | number | bigint | string | Uint8Array;

function bindValue(v: unknown): Bindable {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || v instanceof Uint8Array) return v;
  // better-sqlite3's words, so both drivers fail the same way on the same mistake.
  throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
}

function isNamedObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** [named object or undefined, ...positional] in node:sqlite's calling convention. */
function bindArgs(params: unknown[]): unknown[] {
  let named: Record<string, Bindable> | undefined;
  const positional: Bindable[] = [];
  const add = (p: unknown): void => {
    if (Array.isArray(p)) for (const x of p) add(x);
    else if (isNamedObject(p)) {
      if (named) throw new TypeError('You cannot specify named parameters in two different objects');
      named = {};
      for (const [k, v] of Object.entries(p)) named[k] = bindValue(v);
    } else positional.push(bindValue(p));
  };
  for (const p of params) add(p);
  return named ? [named, ...positional] : positional;
}

function plainRow(row: unknown): unknown {
  if (row === undefined || row === null) return row;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
    out[k] = v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
  }
  return out;
}

class NodeStatement implements Statement {
  readonly #stmt: StatementSync;
  readonly source: string;
  constructor(stmt: StatementSync, source: string) {
    this.#stmt = stmt;
    this.source = source;
    // better-sqlite3 ignores named values the statement does not use; so do we.
    stmt.setAllowUnknownNamedParameters(true);
  }
  run(...params: unknown[]): RunResult {
    const r = (this.#stmt.run as (...a: unknown[]) => { changes: number | bigint; lastInsertRowid: number | bigint })(...bindArgs(params));
    return { changes: Number(r.changes), lastInsertRowid: r.lastInsertRowid };
  }
  get(...params: unknown[]): unknown {
    return plainRow((this.#stmt.get as (...a: unknown[]) => unknown)(...bindArgs(params)));
  }
  all(...params: unknown[]): unknown[] {
    return ((this.#stmt.all as (...a: unknown[]) => unknown[])(...bindArgs(params))).map(plainRow);
  }
  *iterate(...params: unknown[]): IterableIterator<unknown> {
    for (const row of (this.#stmt.iterate as (...a: unknown[]) => Iterable<unknown>)(...bindArgs(params))) yield plainRow(row);
  }
}

class NodeConnection implements DriverConnection {
  readonly driver = 'node:sqlite' as const;
  readonly sqliteVersion: string;
  readonly name: string;
  readonly readonly: boolean;
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync, name: string, readonly: boolean) {
    this.#db = db;
    this.name = name;
    this.readonly = readonly;
    this.sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  }
  get open(): boolean {
    return this.#db.isOpen;
  }
  get inTransaction(): boolean {
    return this.#db.isTransaction;
  }
  prepare(sql: string): Statement {
    return new NodeStatement(this.#db.prepare(sql), sql);
  }
  exec(sql: string): void {
    this.#db.exec(sql);
  }
  pragma(source: string, options?: { simple?: boolean }): unknown {
    const stmt = this.#db.prepare(`PRAGMA ${source}`);
    if (stmt.columns().length === 0) {
      stmt.run();
      return options?.simple ? undefined : [];
    }
    if (options?.simple) {
      const row = stmt.get() as Record<string, unknown> | undefined;
      return row === undefined ? undefined : Object.values(row)[0];
    }
    return stmt.all().map(plainRow);
  }
  async backup(destination: string, options?: { progress?: (info: BackupProgress) => void }): Promise<void> {
    const sqlite = nodeSqlite();
    const progress = options?.progress;
    if (typeof sqlite.backup === 'function') {
      // One step: node:sqlite runs it off the main thread, and a copy made in several steps starts over
      // whenever another connection writes in between — for ever, if it keeps writing.
      const totalPages = await sqlite.backup(this.#db, destination, {
        rate: 0x7fffffff,
        ...(progress ? { progress: (info: { totalPages: number; remainingPages: number }) => progress({ totalPages: info.totalPages, remainingPages: info.remainingPages }) } : {}),
      });
      progress?.({ totalPages, remainingPages: 0 });
      return;
    }
    // Node before 22.16 has no online backup: VACUUM INTO writes the same consistent copy.
    this.#db.prepare('VACUUM INTO ?').run(destination);
    progress?.({ totalPages: 1, remainingPages: 0 });
  }
  defineFunction(name: string, options: UserFunctionOptions, fn: UserFunction): void {
    const call = fn as (...a: unknown[]) => unknown;
    const wrapped = (...args: unknown[]): Bindable => bindValue(call(...args.map((a) => (a instanceof Uint8Array && !Buffer.isBuffer(a) ? Buffer.from(a) : a))));
    // node:sqlite takes the SQL arity from the function's length, as better-sqlite3 does.
    Object.defineProperty(wrapped, 'length', { value: fn.length });
    this.#db.function(name, { deterministic: options.deterministic ?? false, varargs: options.varargs ?? false }, wrapped as never);
  }
  close(): void {
    // better-sqlite3 ignores a second close; node:sqlite throws. A connection is closed once, whoever asks.
    if (this.#db.isOpen) this.#db.close();
  }
}

/** Opens `file` with node:sqlite. */
export function openNode(file: string, options: OpenFileOptions = {}): DriverConnection {
  const { DatabaseSync } = nodeSqlite();
  const readonly = options.readonly ?? false;
  const db = new DatabaseSync(file, {
    readOnly: readonly,
    // better-sqlite3's build defaults: foreign keys on, no "…" string literals.
    enableForeignKeyConstraints: true,
    enableDoubleQuotedStringLiterals: false,
  });
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.timeout ?? 5000))}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return new NodeConnection(db, file, readonly);
}
