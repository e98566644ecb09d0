import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { tempDir } from '../../helpers/temp.ts';
import type { Db } from '../../../electron/services/store/database.ts';
import { openDatabase, schemaVersion } from '../../../electron/services/store/database.ts';
import { loadMigrations, type Migration } from '../../../electron/services/store/migrations.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';
import { createServices } from '../../../electron/services/index.ts';
import { EVIDENCE, seedOldWorkbook, sha } from './old-workbook.ts';

const all = loadMigrations();

type Rows = Map<string, Record<string, unknown>[]>;

/** Every ordinary table's rows (FTS shadow tables and SQLite's own left out). */
function content(db: Db): Rows {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").all() as { name: string }[]
  )
    .map((t) => t.name)
    .filter((name) => !/_fts_/.test(name));
  const out: Rows = new Map();
  for (const t of tables) out.set(t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[]);
  return out;
}

/** The rows of `after` restricted to the columns each table had before. */
function project(before: Rows, after: Rows): Rows {
  const out: Rows = new Map();
  for (const [table, rows] of before) {
    const cols = rows[0] ? Object.keys(rows[0]) : [];
    out.set(table, (after.get(table) ?? []).map((r) => Object.fromEntries(cols.map((c) => [c, r[c]]))));
  }
  return out;
}

describe.each(all.slice(0, -1).map((m) => m.version))('从数据版本 %i 升级到最新', (version) => {
  it('每张表的真实数据在升级后原样保留；外键与完整性检查通过；全文检索、台账、撤销照常', async () => {
    const dataDir = tempDir();
    const old = await openDatabase(dataDir, { migrations: all.slice(0, version) });
    expect(schemaVersion(old)).toBe(version);
    seedOldWorkbook(old, dataDir, version);
    const before = content(old);
    // Real data in every table of that version.
    for (const [table, rows] of before) expect(rows.length, table).toBeGreaterThan(0);
    old.close();

    const db = await openDatabase(dataDir);
    expect(schemaVersion(db)).toBe(all.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(project(before, content(db))).toEqual(before);
    // Measures are found by words (the trigram index is built over upgraded rows too).
    expect(db.prepare("SELECT node_id FROM measure_fts WHERE measure_fts MATCH '常态化'").all()).toEqual([{ node_id: 'n1' }]);
    db.close();

    const s = await createServices({ dataDir });
    const plan = await s.call('plans.get', { id: 'p1' });
    expect(plan.outline[0]!.children.map((n) => n.heading)).toEqual(['建立健全理论学习常态化机制。', '开展专题研讨。']);
    const ledger = await s.call('progress.ledger', { planId: 'p1' });
    expect(ledger.measures[0]).toMatchObject({ closedBy: '党委书记 李某某', closedOn: '2025-12-20', evidenceCount: 1 });
    expect((await s.call('evidence.verify', {})).ok).toBe(true);
    expect(await s.call('templates.list', {})).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'tpl1', name: '本局审计整改方案' })]));
    expect((await s.call('revisions.list', { planId: 'p1' })).map((r) => r.id)).toEqual([1]);
    // 搜索 finds what the workbook held before the upgrade (the migration builds the index), long and short queries alike.
    const found = async (query: string) => (await s.call('search.query', { query })).hits.map((h) => [h.field, h.nodeId ?? h.planId]);
    expect(await found('专题研讨')).toEqual(expect.arrayContaining([['heading', 'n2'], ['body', 'n2']]));
    expect(await found('已修订学习制度')).toEqual([['progress', 'n1']]);
    expect(await found('纪要')).toEqual([['evidence', 'n1']]);
    expect(await found('第三巡察组')).toEqual([['preamble', 'p1']]);
    expect(await found('修改模板')).toEqual([]);
    if (version >= 2) {
      // Start-up maintenance must not take the deleted measure's file: the undo step still needs it.
      await s.call('maintenance.run', {});
      expect(existsSync(blobPath(dataDir, sha(EVIDENCE.photo)))).toBe(true);
      const undone = await s.call('history.undo', { planId: 'p1' });
      expect(undone.label).toBe('删除节点');
      const evidence = await s.call('evidence.list', { measureId: 'n3' });
      expect(evidence.map((a) => a.originalName)).toEqual(['研讨现场.jpg']);
      // What undo brings back is found again.
      expect(await found('研讨现场')).toEqual([['evidence', 'n3']]);
      expect(readFileSync(blobPath(dataDir, evidence[0]!.sha256))).toEqual(EVIDENCE.photo);
      // The older step works too.
      expect((await s.call('history.undo', { planId: 'p1' })).label).toBe('修改措施');
      expect((await s.call('plans.get', { id: 'p1' })).outline[0]!.children.map((n) => n.heading)).toEqual([
        '建立健全理论学习常态化机制。',
        '开展研讨。',
        '建立学习台账。',
      ]);
      expect((await s.call('evidence.verify', {})).ok).toBe(true);
    }
    s.close();
  });
});

describe('迁移执行器：重建表时外键关闭，提交前检查外键', () => {
  it('重建被引用的 plans 表（先建新表、复制、删旧表、改名）不会级联删除节点和措施', async () => {
    const dataDir = tempDir();
    const old = await openDatabase(dataDir);
    seedOldWorkbook(old, dataDir, all.length);
    const before = content(old);
    const plansSql = (old.prepare("SELECT sql FROM sqlite_master WHERE name = 'plans'").get() as { sql: string }).sql;
    old.close();
    // With foreign keys on, DROP TABLE plans would first delete every plan — and cascade to everything else.
    const rebuild: Migration = {
      version: all.length + 1,
      name: 'rebuild_plans',
      sql: `${plansSql.replace('CREATE TABLE plans', 'CREATE TABLE plans_new')};
            INSERT INTO plans_new SELECT * FROM plans;
            DROP TABLE plans;
            ALTER TABLE plans_new RENAME TO plans;`,
    };
    const db = await openDatabase(dataDir, { migrations: [...all, rebuild] });
    expect(schemaVersion(db)).toBe(all.length + 1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const after = content(db);
    for (const table of ['nodes', 'measures', 'status_events', 'problems', 'edit_history', 'revisions']) {
      expect(after.get(table), table).toEqual(before.get(table));
    }
    db.close();
  });

  it('留下悬空引用的迁移整体撤销：版本不变、数据不变，外键重新开启', async () => {
    const dataDir = tempDir();
    const old = await openDatabase(dataDir);
    seedOldWorkbook(old, dataDir, all.length);
    old.close();
    const dangling: Migration = { version: all.length + 1, name: 'dangling', sql: "UPDATE nodes SET plan_id = 'no-such-plan' WHERE id = 'n1';" };
    await expect(openDatabase(dataDir, { migrations: [...all, dangling] })).rejects.toMatchObject({ message: expect.stringContaining('引用不一致') });
    const db = await openDatabase(dataDir);
    expect(schemaVersion(db)).toBe(all.length);
    expect(db.prepare("SELECT plan_id FROM nodes WHERE id = 'n1'").get()).toEqual({ plan_id: 'p1' });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
