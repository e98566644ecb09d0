import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/temp.ts';
import { DB_FILE, openDatabase, schemaVersion } from '../../../electron/services/store/database.ts';
import { loadMigrations } from '../../../electron/services/store/migrations.ts';

const TABLES = [
  'plans', 'nodes', 'measures', 'problems', 'problem_measures', 'status_events', 'blobs', 'attachments',
  'templates', 'phrases', 'people', 'departments', 'revisions', 'settings',
];

describe('数据库与迁移', () => {
  it('新库：WAL、synchronous=FULL、外键开启、全部 STRICT 表、版本号等于迁移数', async () => {
    const db = await openDatabase(tempDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    for (const name of TABLES) {
      const t = tables.find((x) => x.name === name);
      expect(t, name).toBeDefined();
      expect(t?.sql, name).toMatch(/STRICT\s*$/);
    }
    db.close();
  });

  it('迁移前用在线备份复制一份数据库；旧数据在迁移后仍在', async () => {
    const dir = tempDir();
    const all = loadMigrations();
    const first = await openDatabase(dir, { migrations: all.slice(0, 1) });
    first.prepare("INSERT INTO plans (id, title, created_at, updated_at) VALUES ('p1', '旧方案', 'x', 'x')").run();
    first.close();
    const extra = { version: all.length + 1, name: 'test_extra', sql: 'CREATE TABLE test_extra (x INTEGER) STRICT;' };
    const db = await openDatabase(dir, { migrations: [...all, extra] });
    expect(schemaVersion(db)).toBe(all.length + 1);
    expect(db.prepare("SELECT title FROM plans WHERE id = 'p1'").get()).toEqual({ title: '旧方案' });
    db.close();
    // One backup set of the kind before-migration, like every other backup.
    const backups = readdirSync(path.join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^备份_\d{8}_\d{6}_升级前_v1至v\d+$/);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'backups', backups[0] ?? '', 'manifest.json'), 'utf8')) as { kind: string; schemaVersion: number };
    expect(manifest).toMatchObject({ kind: 'before-migration', schemaVersion: 1 });
    const backup = new Database(path.join(dir, 'backups', backups[0] ?? '', 'workbook.sqlite'));
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare("SELECT title FROM plans WHERE id = 'p1'").get()).toEqual({ title: '旧方案' });
    backup.close();
  });

  it('失败的迁移整体回滚，版本号不变', async () => {
    const dir = tempDir();
    const all = loadMigrations();
    (await openDatabase(dir)).close();
    const broken = { version: all.length + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM no_such_table;' };
    await expect(openDatabase(dir, { migrations: [...all, broken] })).rejects.toThrow();
    const raw = new Database(path.join(dir, DB_FILE));
    expect(raw.pragma('user_version', { simple: true })).toBe(all.length);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('更新版本程序创建的数据库被拒绝，并给出中文说明，且不被修改', async () => {
    const dir = tempDir();
    (await openDatabase(dir)).close();
    const raw = new Database(path.join(dir, DB_FILE));
    raw.pragma('user_version = 999');
    raw.close();
    await expect(openDatabase(dir)).rejects.toMatchObject({ code: 'newer_database', message: expect.stringContaining('请升级程序') });
    const again = new Database(path.join(dir, DB_FILE));
    expect(again.pragma('user_version', { simple: true })).toBe(999);
    again.close();
  });
});
