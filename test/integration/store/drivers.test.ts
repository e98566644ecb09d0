import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/temp.ts';
import type { Db, DriverName } from '../../../electron/services/store/db.ts';
import { chooseDriver, currentDriver, driverInfo, openConnection } from '../../../electron/services/store/driver.ts';
import { openBetter } from '../../../electron/services/store/driver-better.ts';
import { openDatabase } from '../../../electron/services/store/database.ts';
import { createServices } from '../../../electron/services/index.ts';
import { sqlitePrimaryCode, storageError } from '../../../electron/services/store/sqlite-errors.ts';

const DRIVERS: DriverName[] = ['better-sqlite3', 'node:sqlite'];

function open(driver: DriverName, file = ':memory:'): Db {
  return openConnection(file, { driver });
}

describe.each(DRIVERS)('数据库组件 %s：与另一个组件行为一致', (driver) => {
  it('语句：位置参数与命名参数（@ : $）、undefined 存为 NULL、布尔值被拒绝、行是普通对象、二进制为 Buffer', () => {
    const db = open(driver);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB) STRICT');
    const ins = db.prepare('INSERT INTO t (name, data) VALUES (?, ?)');
    const r = ins.run('整改措施', Buffer.from([1, 2, 3]));
    expect(r).toEqual({ changes: 1, lastInsertRowid: 1 });
    ins.run(undefined, null);
    expect(() => ins.run('x', true)).toThrow(TypeError);
    db.prepare('INSERT INTO t (name) VALUES (@a || :b || $c)').run({ a: '责任', b: '部门', c: '：办公室' });
    // Named values together with positional ones, the object anywhere; values the statement does not use are ignored.
    expect(db.prepare('SELECT @x AS x, ? AS p').get(7, { x: '甲', unused: 1 })).toEqual({ x: '甲', p: 7 });
    const rows = db.prepare('SELECT id, name, data FROM t ORDER BY id').all() as { id: number; name: string | null; data: unknown }[];
    expect(rows.map((row) => Object.getPrototypeOf(row))).toEqual([Object.prototype, Object.prototype, Object.prototype]);
    expect(rows[0]!.data).toBeInstanceOf(Buffer);
    expect([...(rows[0]!.data as Buffer)]).toEqual([1, 2, 3]);
    expect(rows[1]).toEqual({ id: 2, name: null, data: null });
    expect(rows[2]!.name).toBe('责任部门：办公室');
    expect(db.prepare('SELECT 1 WHERE 0').get()).toBeUndefined();
    // Arrays spread as positional values.
    expect(db.prepare('SELECT ? + ? AS s').get([2, 3])).toEqual({ s: 5 });
    expect([...db.prepare('SELECT id FROM t ORDER BY id').iterate()]).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    db.close();
    expect(db.open).toBe(false);
  });

  it('pragma：行，或 { simple: true } 取第一行第一列；赋值的 pragma 不返回行', () => {
    const db = open(driver);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.pragma('user_version = 7')).toEqual([]);
    expect(db.pragma('user_version')).toEqual([{ user_version: 7 }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('事务：出错整体回滚；嵌套为保存点，内层失败只撤销内层；异步函数被拒绝', () => {
    const db = open(driver);
    db.exec('CREATE TABLE t (v TEXT NOT NULL) STRICT');
    const add = db.prepare('INSERT INTO t VALUES (?)');
    expect(() =>
      db.transaction(() => {
        add.run('甲');
        throw new Error('中途失败');
      })(),
    ).toThrow('中途失败');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(db.inTransaction).toBe(false);

    const result = db.transaction((v: string) => {
      add.run(v);
      try {
        db.transaction(() => {
          add.run('内层');
          throw new Error('内层失败');
        })();
      } catch {
        // the outer transaction goes on
      }
      add.run('乙');
      return db.inTransaction;
    })('外层');
    expect(result).toBe(true);
    expect((db.prepare('SELECT v FROM t ORDER BY rowid').all() as { v: string }[]).map((r) => r.v)).toEqual(['外层', '乙']);
    expect(() => db.transaction(async () => add.run('异步'))()).toThrow(/async/);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    expect(() => db.readTransaction(() => db.transaction(() => add.run('读事务里写'))())()).toThrow(/read transaction/);
    expect(db.readTransaction(() => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n)()).toBe(2);
    db.close();
  });

  it('写事务以 BEGIN IMMEDIATE 开始：一开始就持有写锁，另一个写入者等待而不是在中途失败', () => {
    const file = path.join(tempDir(), 'lock.sqlite');
    const a = open(driver, file);
    a.pragma('journal_mode = WAL');
    a.exec('CREATE TABLE t (v INTEGER) STRICT');
    const b = open(driver, file);
    b.pragma('busy_timeout = 0');
    let inside: unknown = null;
    a.transaction(() => {
      // Nothing written yet in A's transaction, and still B cannot start a write: A holds the lock.
      try {
        b.transaction(() => b.prepare('INSERT INTO t VALUES (1)').run())();
      } catch (err) {
        inside = err;
      }
      a.prepare('INSERT INTO t VALUES (2)').run();
    })();
    expect(inside).toMatchObject({ message: expect.stringMatching(/locked|busy/i) });
    b.transaction(() => b.prepare('INSERT INTO t VALUES (3)').run())();
    expect((a.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v)).toEqual([2, 3]);
    a.close();
    b.close();
  });

  it('事务中途磁盘已满：整个事务回滚，错误可识别为磁盘已满，连接照常可用', () => {
    const db = open(driver, path.join(tempDir(), 'full.sqlite'));
    db.exec('CREATE TABLE t (v TEXT) STRICT');
    db.prepare('INSERT INTO t VALUES (?)').run('已有的内容');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    let failure: unknown = null;
    try {
      db.transaction(() => {
        for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run('字'.repeat(2000));
      })();
    } catch (err) {
      failure = err;
    }
    expect(sqlitePrimaryCode(failure)).toBe(13);
    expect(storageError(failure, '/数据目录')).toMatchObject({ code: 'disk_full', message: expect.stringContaining('磁盘已满') });
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.pragma('max_page_count = 1000000');
    db.transaction(() => db.prepare('INSERT INTO t VALUES (?)').run('空间腾出来以后'))();
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    db.close();
  });

  it('在线备份（带进度）、自定义函数、FTS5 三元组全文索引', async () => {
    const dir = tempDir();
    const db = open(driver, path.join(dir, 'src.sqlite'));
    db.exec("CREATE VIRTUAL TABLE f USING fts5(text, tokenize = 'trigram'); INSERT INTO f VALUES ('建立健全理论学习常态化机制')");
    expect(db.prepare("SELECT text FROM f WHERE f MATCH '理论学习'").all()).toHaveLength(1);
    db.function('double_it', { deterministic: true }, (x: number) => x * 2);
    expect(db.prepare('SELECT double_it(21) AS v').get()).toEqual({ v: 42 });
    expect(() => db.prepare('SELECT double_it(1, 2)').get()).toThrow();
    const steps: number[] = [];
    const target = path.join(dir, 'copy.sqlite');
    await db.backup(target, { progress: (p) => steps.push(p.remainingPages) });
    expect(steps.at(-1)).toBe(0);
    const copy = open(driver, target);
    expect(copy.prepare("SELECT count(*) AS n FROM f WHERE f MATCH '常态化'").get()).toEqual({ n: 1 });
    copy.close();
    db.close();
  });

  it('只读打开：查询可以，写入被拒绝', () => {
    const file = path.join(tempDir(), 'ro.sqlite');
    const w = open(driver, file);
    w.exec('CREATE TABLE t (v INTEGER) STRICT');
    w.close();
    const r = openConnection(file, { driver, readonly: true });
    expect(r.readonly).toBe(true);
    expect(r.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(() => r.prepare('INSERT INTO t VALUES (1)').run()).toThrow(/readonly|read-only/i);
    r.close();
  });

  it('工作台在这个组件上打开、迁移并报告组件与 SQLite 版本', async () => {
    const db = await openDatabase(tempDir(), { driver });
    expect(db.driver).toBe(driver);
    expect(db.sqliteVersion).toMatch(/^3\.\d+\.\d+$/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const info = driverInfo(db, { name: driver, forced: false, fallbackReason: null });
    expect(info.description).toContain(driver);
    expect(info.description).toContain(db.sqliteVersion);
    db.close();
  });
});

describe('选择数据库组件（RECTIFY_SQLITE，加载失败时自动改用 node:sqlite）', () => {
  it('默认用 better-sqlite3；RECTIFY_SQLITE=node 或 better 指定其一；其他值是中文的输入错误', () => {
    expect(chooseDriver({})).toEqual({ name: 'better-sqlite3', forced: false, fallbackReason: null });
    expect(chooseDriver({ RECTIFY_SQLITE: 'node' })).toMatchObject({ name: 'node:sqlite', forced: true });
    expect(chooseDriver({ RECTIFY_SQLITE: 'better' })).toMatchObject({ name: 'better-sqlite3', forced: true });
    expect(() => chooseDriver({ RECTIFY_SQLITE: 'mysql' })).toThrow(expect.objectContaining({ code: 'bad_input', message: expect.stringContaining('只能是 node 或 better') }));
  });

  it('better-sqlite3 的本机模块无法加载（如统信UOS 20 的 glibc 太旧）：自动改用 node:sqlite，并说明原因', () => {
    // A real failed load: the addon file is not a loadable library, as when the system's glibc is too old.
    const fake = path.join(tempDir(), 'better_sqlite3.node');
    writeFileSync(fake, 'not an ELF file');
    const probe = () => openBetter(':memory:', {}, fake).close();
    const choice = chooseDriver({}, probe);
    expect(choice.name).toBe('node:sqlite');
    expect(choice.fallbackReason).toBeTruthy();
    const db = openConnection(':memory:', { driver: choice.name });
    const info = driverInfo(db, choice);
    expect(info.description).toContain('已自动改用 node:sqlite');
    db.close();
    // Forced to better-sqlite3 where it cannot load: say so in Chinese, and how to go on.
    expect(() => chooseDriver({ RECTIFY_SQLITE: 'better' }, probe)).toThrow(expect.objectContaining({ code: 'bad_input', message: expect.stringContaining('RECTIFY_SQLITE=node') }));
  });

  it('本进程用的组件与环境变量一致，服务与 rectify doctor 报告它（CI 在两个组件下各跑一遍集成测试）', async () => {
    const expected: DriverName = process.env.RECTIFY_SQLITE === 'node' ? 'node:sqlite' : 'better-sqlite3';
    expect(currentDriver().name).toBe(expected);
    const s = await createServices({ dataDir: tempDir() });
    const info = await s.call('maintenance.info', {});
    expect(info.driver.name).toBe(expected);
    expect(info.driver.sqliteVersion).toBe(s.context.db.sqliteVersion);
    expect(existsSync(info.databaseFile)).toBe(true);
    s.close();
  });
});
