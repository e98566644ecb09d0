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
import { runMaintenance } from '../../../electron/services/maintenance/run.ts';
import { backupsToKeep } from '../../../electron/services/backup/rotation.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));

function rectify(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DAY = 86_400_000;

describe('启动维护：每天的自动备份', () => {
  it('每天第一次启动时一个完整的备份集（数据库可直接打开，内容相同）；同一天不重复；轮换后只留规则要留的，升级前的备份不动', async () => {
    const dataDir = tempDir();
    const s = await createServices({ dataDir });
    await createTrackedPlan(s);
    const first = await s.call('maintenance.run', {});
    expect(first.backup).toMatch(/backups[/\\]备份_\d{8}_\d{6}_自动$/);
    const copy = openConnection(path.join(first.backup!, 'workbook.sqlite'), { readonly: true });
    expect(copy.prepare('SELECT title FROM plans').all()).toEqual([{ title: '中共某某局党组关于2025年度民主生活会查摆问题的整改方案' }]);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect((await s.call('maintenance.run', {})).backup).toBeNull();

    // A single-file copy an earlier version made before a schema upgrade stays whatever the rotation does.
    writeFileSync(path.join(dataDir, 'backups', 'before-migration-v3-to-v4-2026-01-01.sqlite'), readFileSync(path.join(first.backup!, 'workbook.sqlite')));
    const made = [{ id: first.backup!, kind: 'auto' as const, createdAt: new Date() }];
    for (let d = 1; d <= 9; d++) {
      const now = Date.now() + d * DAY;
      const r = await runMaintenance(s.context, { now });
      expect(r.backup).not.toBeNull();
      made.push({ id: r.backup!, kind: 'auto', createdAt: new Date(now) });
    }
    const names = readdirSync(path.join(dataDir, 'backups')).sort();
    const kept = [...backupsToKeep(made)].map((p) => path.basename(p)).sort();
    expect(names.filter((n) => n.startsWith('备份_'))).toEqual(kept);
    expect(kept.length).toBeGreaterThanOrEqual(7);
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
      expect(r.stdout).toMatch(/最新的备份是 .*备份_\d{8}_\d{6}_自动/);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    }
  });
});
