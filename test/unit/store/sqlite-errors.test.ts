import Database from 'better-sqlite3';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { sqlitePrimaryCode, storageError } from '../../../electron/services/store/sqlite-errors.ts';

const DIR = '/数据/工作台';

/** A real "database or disk is full" from each driver: a database capped at its current size. */
function fullError(open: () => { exec(sql: string): void }): unknown {
  const db = open();
  db.exec('CREATE TABLE t (x TEXT); PRAGMA max_page_count = 2;');
  try {
    db.exec(`INSERT INTO t VALUES (${"'" + '字'.repeat(20_000) + "'"})`);
  } catch (err) {
    return err;
  }
  throw new Error('expected SQLITE_FULL');
}

describe('SQLite 的错误变成带代码的中文用户错误', () => {
  it('两种驱动的真实“磁盘已满”都映射为 disk_full，提示清理空间并写明数据目录', () => {
    for (const err of [fullError(() => new Database(':memory:')), fullError(() => new DatabaseSync(':memory:'))]) {
      expect(sqlitePrimaryCode(err)).toBe(13);
      const mapped = storageError(err, DIR);
      expect(mapped).toBeInstanceOf(AppError);
      expect(mapped?.code).toBe('disk_full');
      expect(mapped?.retryable).toBe(true);
      expect(mapped?.message).toContain('磁盘已满');
      expect(mapped?.message).toContain(DIR);
      expect(mapped?.message).not.toMatch(/[A-Za-z]{6,}/);
    }
  });

  it('占用、只读、损坏、读写错误各有代码；扩展代码按主代码归类', () => {
    const cases: [unknown, string, boolean][] = [
      [{ code: 'SQLITE_BUSY' }, 'db_busy', true],
      [{ code: 'SQLITE_BUSY_SNAPSHOT' }, 'db_busy', true],
      [{ code: 'SQLITE_LOCKED' }, 'db_busy', true],
      [{ code: 'ERR_SQLITE_ERROR', errcode: 5 }, 'db_busy', true],
      [{ code: 'SQLITE_READONLY' }, 'db_readonly', true],
      [{ code: 'SQLITE_READONLY_DBMOVED' }, 'db_readonly', true],
      [{ code: 'ERR_SQLITE_ERROR', errcode: 8 | (1 << 8) }, 'db_readonly', true],
      [{ code: 'SQLITE_CANTOPEN' }, 'db_readonly', true],
      [{ code: 'SQLITE_PERM' }, 'db_readonly', true],
      [{ code: 'SQLITE_CORRUPT' }, 'db_corrupt', false],
      [{ code: 'SQLITE_NOTADB' }, 'db_corrupt', false],
      [{ code: 'ERR_SQLITE_ERROR', errcode: 26 }, 'db_corrupt', false],
      [{ code: 'SQLITE_IOERR_SHORT_READ' }, 'io', true],
      [{ code: 'ENOSPC' }, 'disk_full', true],
    ];
    for (const [err, code, retryable] of cases) {
      const mapped = storageError(err, DIR);
      expect(mapped?.code, JSON.stringify(err)).toBe(code);
      expect(mapped?.retryable, JSON.stringify(err)).toBe(retryable);
    }
  });

  it('不是存储错误的（程序缺陷、已有的用户错误、SQL 写错）不改写', () => {
    expect(storageError(new TypeError('x is undefined'), DIR)).toBeNull();
    expect(storageError(new AppError('bad_input', '标题不能为空'), DIR)).toBeNull();
    expect(storageError({ code: 'SQLITE_ERROR' }, DIR)).toBeNull();
  });
});
