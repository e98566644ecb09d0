import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/temp.ts';
import { createServices } from '../../../electron/services/index.ts';
import { DB_FILE } from '../../../electron/services/store/database.ts';
import { openConnection } from '../../../electron/services/store/driver.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';
import { makeDailyBackup } from '../../../electron/services/maintenance/daily-backup.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));

function rectify(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DAY = 86_400_000;

describe('启动维护：每日备份', () => {
  it('每天一份完整的数据库副本（可直接打开，内容相同）；同一天不重复；只保留最近 7 份每日备份，升级前的备份不动', async () => {
    const dataDir = tempDir();
    const s = await createServices({ dataDir });
    await createTrackedPlan(s);
    const first = await s.call('maintenance.run', {});
    expect(first.backup).toMatch(/backups[/\\]daily-\d{4}-\d{2}-\d{2}\.sqlite$/);
    const copy = openConnection(first.backup!, { readonly: true });
    expect(copy.prepare('SELECT title FROM plans').all()).toEqual([{ title: '中共某某局党组关于2025年度民主生活会查摆问题的整改方案' }]);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect((await s.call('maintenance.run', {})).backup).toBeNull();

    writeFileSync(path.join(dataDir, 'backups', 'before-migration-v3-to-v4-2026-01-01.sqlite'), readFileSync(first.backup!));
    for (let d = 1; d <= 9; d++) expect(await makeDailyBackup(s.context.db, dataDir, Date.now() + d * DAY)).not.toBeNull();
    const names = readdirSync(path.join(dataDir, 'backups')).sort();
    expect(names.filter((n) => n.startsWith('daily-'))).toHaveLength(7);
    // Self-contained copies: one file each, restored by copying it (no -wal/-shm beside them).
    expect(names.every((n) => n.endsWith('.sqlite'))).toBe(true);
    expect(names).toContain('before-migration-v3-to-v4-2026-01-01.sqlite');
    expect(names.some((n) => n.endsWith('.part'))).toBe(false);
    s.close();
  });
});

describe('rectify doctor', () => {
  it('健康的工作台退出 0；佐证材料文件缺失时退出 3，用中文逐条列出，--json 给出同样的结论', async () => {
    const dataDir = tempDir();
    const s = await createServices({ dataDir });
    const { measureIds } = await createTrackedPlan(s);
    const a = await s.call('evidence.attachData', { measureId: measureIds[0]!, originalName: '学习记录.pdf', dataBase64: Buffer.from('学习记录').toString('base64') });
    s.close();
    const healthy = rectify(['doctor', '--data', dataDir]);
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain('完整性检查通过');
    expect(healthy.stdout).toMatch(/数据库组件：(better-sqlite3|node:sqlite)/);

    rmSync(blobPath(dataDir, a.sha256));
    const sick = rectify(['doctor', '--data', dataDir]);
    expect(sick.code).toBe(3);
    expect(sick.stdout).toContain('发现 1 个问题');
    expect(sick.stdout).toContain('佐证材料文件缺失：方案「中共某某局党组关于2025年度民主生活会查摆问题的整改方案」措施 一-1-1「深化理论武装」的「学习记录.pdf」');
    const json = rectify(['doctor', '--json', '--data', dataDir]);
    expect(json.code).toBe(3);
    const report = JSON.parse(json.stdout) as { ok: boolean; evidence: { problems: { state: string }[] }; database: { integrity: string[] }; driver: { name: string } };
    expect(report).toMatchObject({ ok: false, database: { integrity: ['ok'] } });
    expect(report.evidence.problems).toEqual([expect.objectContaining({ state: 'missing' })]);
    expect(report.driver.name).toBe(process.env.RECTIFY_SQLITE === 'node' ? 'node:sqlite' : 'better-sqlite3');
  });

  it('损坏的数据库：doctor 报告数据文件已损坏并指出备份，退出 3；--clean 也不写入它', async () => {
    const dataDir = tempDir();
    const s = await createServices({ dataDir });
    await createTrackedPlan(s);
    await s.call('maintenance.run', {});
    s.close();
    const file = path.join(dataDir, DB_FILE);
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x5a, pageSize + 8, bytes.length - 8);
    writeFileSync(file, bytes);
    mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    for (const args of [['doctor'], ['doctor', '--clean']]) {
      const r = rectify([...args, '--data', dataDir]);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('数据文件已损坏');
      expect(r.stdout).toMatch(/最新的备份是 .*daily-\d{4}-\d{2}-\d{2}\.sqlite/);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    }
  });
});
