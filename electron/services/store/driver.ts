import { AppError } from '../../../shared/errors.ts';
import type { DriverInfo } from '../../../shared/api/maintenance.ts';
import { SqliteConnection, type Db, type DriverConnection, type DriverName } from './db.ts';
import { openBetter, type OpenFileOptions } from './driver-better.ts';
import { openNode } from './driver-node.ts';

/**
 * Which SQLite driver this process uses. better-sqlite3 by default; Node's built-in node:sqlite when the
 * addon cannot load (its Linux prebuilds need glibc 2.34, 统信UOS 20 and 麒麟V10 ship 2.28–2.31);
 * `RECTIFY_SQLITE=node|better` forces one. Decided once per process, on the first open.
 */

export interface DriverChoice {
  name: DriverName;
  /** chosen by RECTIFY_SQLITE */
  forced: boolean;
  /** why better-sqlite3 is not used although it was not ruled out by RECTIFY_SQLITE (null: it is used, or forced away) */
  fallbackReason: string | null;
}

/** Loads better-sqlite3's addon by opening an in-memory database; throws what the loader threw. */
export type BetterProbe = () => void;

const defaultProbe: BetterProbe = () => openBetter(':memory:').close();

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]?.trim() ?? '';
}

export function chooseDriver(env: NodeJS.ProcessEnv = process.env, probe: BetterProbe = defaultProbe): DriverChoice {
  const wanted = (env.RECTIFY_SQLITE ?? '').trim().toLowerCase();
  if (wanted === 'node' || wanted === 'node:sqlite') return { name: 'node:sqlite', forced: true, fallbackReason: null };
  if (wanted !== '' && wanted !== 'better' && wanted !== 'better-sqlite3') {
    throw new AppError('bad_input', `环境变量 RECTIFY_SQLITE 的值“${env.RECTIFY_SQLITE ?? ''}”无效：只能是 node 或 better（或不设置，自动选择）。`);
  }
  try {
    probe();
    return { name: 'better-sqlite3', forced: wanted !== '', fallbackReason: null };
  } catch (err) {
    if (wanted !== '') {
      throw new AppError(
        'bad_input',
        `无法加载 better-sqlite3 数据库组件（${firstLine(err)}）。本系统可改用内置的 node:sqlite：请去掉环境变量 RECTIFY_SQLITE=better，或设为 RECTIFY_SQLITE=node。`,
      );
    }
    return { name: 'node:sqlite', forced: false, fallbackReason: firstLine(err) };
  }
}

let current: DriverChoice | null = null;

/** The driver of this process (decided on first use). */
export function currentDriver(): DriverChoice {
  current ??= chooseDriver();
  return current;
}

/** Tests: forget the decision so the next open decides again (e.g. after changing RECTIFY_SQLITE). */
export function resetDriverChoice(): void {
  current = null;
}

function openWith(name: DriverName, file: string, options: OpenFileOptions): DriverConnection {
  return name === 'node:sqlite' ? openNode(file, options) : openBetter(file, options);
}

/**
 * A connection to `file` through this process's driver, or `driver` when given. No pragmas are set:
 * `openDatabase` decides what a workbook connection needs, after checking that the file is ours.
 */
export function openConnection(file: string, options: OpenFileOptions & { driver?: DriverName } = {}): Db {
  return new SqliteConnection(openWith(options.driver ?? currentDriver().name, file, options));
}

/** Which driver and SQLite version a connection runs on, for 关于 and `rectify doctor`. */
export function driverInfo(db: Db, choice: DriverChoice = currentDriver()): DriverInfo {
  const name = db.driver;
  const parts = [`数据库组件：${name}${name === 'node:sqlite' ? '（Node.js 内置）' : ''}，SQLite ${db.sqliteVersion}`];
  if (choice.forced && choice.name === name) parts.push('由环境变量 RECTIFY_SQLITE 指定');
  if (choice.fallbackReason && choice.name === name) parts.push(`better-sqlite3 无法在本系统加载（${choice.fallbackReason}），已自动改用 node:sqlite`);
  return {
    name,
    sqliteVersion: db.sqliteVersion,
    forced: choice.forced && choice.name === name,
    fallbackReason: choice.name === name ? choice.fallbackReason : null,
    description: parts.join('；'),
  };
}
