import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../../../electron/services/index.ts';
import { damageDatabase } from '../../helpers/damage-db.ts';
import { DB_FILE } from '../../../electron/services/store/database.ts';
import { openConnection } from '../../../electron/services/store/driver.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';
import type { Services } from '../../../electron/services/index.ts';
import { EVIDENCE, evidenceBytes, setFiles, trackedWorkbook } from './fixture.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));

function rectify(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Everything a user would check after a restore: plans, outline, progress history, versions, evidence. */
async function state(s: Services, planId: string) {
  const plan = await s.call('plans.get', { id: planId });
  const measures = await s.call('progress.measures', { planId });
  const history = await Promise.all(measures.map(async (m) => (await s.call('progress.get', { measureId: m.id })).history));
  const revisions = (await s.call('revisions.list', { planId })).map((r) => ({ reason: r.reason, measureCount: r.measureCount }));
  const attachments = (await s.call('evidence.list', { planId })).map((a) => ({ id: a.id, name: a.originalName, sha256: a.sha256 }));
  const { version: _version, updatedAt: _updatedAt, ...rest } = plan;
  return { plan: rest, history, revisions, attachments };
}


describe('从备份恢复整个工作台', () => {
  it('方案、进展记录、历史版本和佐证材料逐字节回来；恢复前自动备份可以再恢复回去；之后 rectify verify 无问题', async () => {
    const wb = await trackedWorkbook();
    const s = wb.services;
    const before = await state(s, wb.planId);
    const backup = await s.call('backup.create', {});

    // A month of mishaps: the plan deleted, another made, evidence files lost from the disk.
    await s.call('plans.delete', { id: wb.planId });
    const other = await s.call('plans.create', { title: '后来新建的方案' });
    for (const sha of wb.shas) rmSync(blobPath(wb.dataDir, sha));

    const preview = await s.call('backup.preview', { backup: backup.path });
    expect(preview.current).toMatchObject({ plans: 1, measures: 0, attachments: 0 });
    expect(preview.message).toContain('当前工作台的全部内容（1 个方案、0 项措施、0 个佐证材料');
    expect(preview.message).toContain('将被替换为');
    expect(preview.message).toContain('（1 个方案、5 项措施、2 个佐证材料）');
    expect(preview.message).toContain('恢复前自动备份');

    const restored = await s.call('backup.restore', { backup: backup.path });
    expect(restored.evidenceRestored).toBe(2);
    expect(restored.movedAside).toBeNull();
    expect(restored.safetyBackup).toMatch(/备份_\d{8}_\d{6}_恢复前自动备份$/);

    expect((await s.call('plans.list', {})).map((p) => p.id)).toEqual([wb.planId]);
    expect(await state(s, wb.planId)).toEqual(before);
    for (const [i, sha] of wb.shas.entries()) expect(evidenceBytes(wb.dataDir, sha).equals(EVIDENCE[i]!.bytes)).toBe(true);
    expect(await s.call('evidence.verify', {})).toMatchObject({ ok: true, checked: 2 });

    // The workbook as it was before the restore is a backup of its own, listed, and can be put back.
    const listed = await s.call('backup.list', {});
    expect(listed.backups.find((b) => b.path === restored.safetyBackup)).toMatchObject({ kind: 'before-restore', plans: 1, measures: 0, verified: true });
    await s.call('backup.restore', { backup: restored.safetyBackup! });
    expect((await s.call('plans.list', {})).map((p) => p.title)).toEqual(['后来新建的方案']);
    expect(other.title).toBe('后来新建的方案');
    await s.call('backup.restore', { backup: backup.path });
    s.close();

    const verify = rectify(['verify', '--data', wb.dataDir]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain('全部 2 个佐证材料文件完好');
  });

  it('数据文件损坏时也能恢复：服务照常启动并报告损坏，恢复后损坏的文件移到 backups 中保存', async () => {
    const wb = await trackedWorkbook();
    const before = await state(wb.services, wb.planId);
    const backup = await wb.services.call('backup.create', {});
    wb.services.close();
    const file = path.join(wb.dataDir, DB_FILE);
    damageDatabase(file);
    const damagedBytes = readFileSync(file);

    await expect(createServices({ dataDir: wb.dataDir })).rejects.toMatchObject({ code: 'db_corrupt' });
    const s = await createServices({ dataDir: wb.dataDir, allowUnopened: true });
    await expect(s.call('plans.list', {})).rejects.toMatchObject({ code: 'db_corrupt' });
    const status = await s.call('backup.status', {});
    expect(status.workbook).toMatchObject({ state: 'damaged', message: expect.stringContaining('数据文件已损坏') });
    expect(status.newestGood?.path).toBe(backup.path);
    expect(status.warning).toBeNull();
    const preview = await s.call('backup.preview', { backup: backup.path });
    expect(preview.current).toBeNull();
    expect(preview.message).toContain('当前的数据文件无法打开（已损坏）');

    const restored = await s.call('backup.restore', { backup: backup.path });
    expect(restored.safetyBackup).toBeNull();
    expect(restored.movedAside).toMatch(/被替换的数据文件_\d{8}_\d{6}$/);
    expect(readFileSync(path.join(restored.movedAside!, DB_FILE)).equals(damagedBytes)).toBe(true);
    expect(await state(s, wb.planId)).toEqual(before);
    expect((await s.call('backup.status', {})).workbook).toEqual({ state: 'ok', message: null });
    s.close();
  });

  it('另一个程序正打开着工作台时拒绝恢复（不替换它正在用的文件），工作台不变', async () => {
    const wb = await trackedWorkbook();
    const backup = await wb.services.call('backup.create', {});
    await wb.services.call('plans.create', { title: '备份之后新建的方案' });
    const other = openConnection(path.join(wb.dataDir, DB_FILE));
    other.prepare('SELECT count(*) FROM plans').get();
    await expect(wb.services.call('backup.restore', { backup: backup.path })).rejects.toMatchObject({ code: 'db_busy', message: expect.stringContaining('正被其他程序使用') });
    expect((await wb.services.call('plans.list', {})).map((p) => p.title)).toContain('备份之后新建的方案');
    other.close();
    await wb.services.call('backup.restore', { backup: backup.path });
    expect((await wb.services.call('plans.list', {})).map((p) => p.title)).not.toContain('备份之后新建的方案');
    wb.services.close();
  });
});

describe('早期版本的单文件备份', () => {
  it('backups/ 中早期版本留下的 before-migration-*.sqlite 和 daily-*.sqlite 列为升级前备份和自动备份，可以校验、恢复（只有数据库，现有佐证材料保留）', async () => {
    const wb = await trackedWorkbook();
    const set = await wb.services.call('backup.create', {});
    // What an earlier version wrote: the database alone, one file.
    copyFileSync(setFiles(set.path).db, path.join(wb.dataDir, 'backups', 'before-migration-v4-to-v5-2026-01-10T08-00-00-000Z.sqlite'));
    copyFileSync(setFiles(set.path).db, path.join(wb.dataDir, 'backups', 'daily-2026-01-09.sqlite'));
    rmSync(set.path, { recursive: true });
    await wb.services.call('plans.delete', { id: wb.planId });

    const listed = (await wb.services.call('backup.list', {})).backups;
    expect(listed.map((b) => [path.basename(b.path), b.kind, b.format, b.plans, b.measures, b.verified])).toEqual(
      expect.arrayContaining([
        ['before-migration-v4-to-v5-2026-01-10T08-00-00-000Z.sqlite', 'before-migration', 'file', 1, 5, false],
        ['daily-2026-01-09.sqlite', 'auto', 'file', 1, 5, false],
      ]),
    );
    const legacy = listed.find((b) => b.kind === 'before-migration')!;
    expect(await wb.services.call('backup.verify', { backup: legacy.path })).toMatchObject({ verified: true, problems: [] });
    const preview = await wb.services.call('backup.preview', { backup: legacy.path });
    expect(preview.message).toContain('只有数据库，不含佐证材料文件');
    const restored = await wb.services.call('backup.restore', { backup: legacy.path });
    expect(restored.evidenceRestored).toBe(0);
    expect((await wb.services.call('plans.list', {})).map((p) => p.id)).toEqual([wb.planId]);
    expect(await wb.services.call('evidence.verify', {})).toMatchObject({ ok: true, checked: 2 });
    wb.services.close();
  });
});

describe('从备份恢复一个方案（作为新方案）', () => {
  it('误删一个月前的方案：只把它找回来，连同进展记录、历史版本和佐证材料，其他方案不动', async () => {
    const wb = await trackedWorkbook();
    const s = wb.services;
    const before = await state(s, wb.planId);
    const backup = await s.call('backup.create', {});
    await s.call('plans.delete', { id: wb.planId });
    const later = await s.call('plans.create', { title: '删除之后新建的方案' });
    for (const sha of wb.shas) rmSync(blobPath(wb.dataDir, sha));

    const plans = await s.call('backup.plans', { backup: backup.path });
    expect(plans).toEqual([expect.objectContaining({ id: wb.planId, title: before.plan.title, measureCount: 5, existsNow: false })]);
    const summary = await s.call('backup.restorePlan', { backup: backup.path, planId: wb.planId });
    expect(summary.id).not.toBe(wb.planId);
    expect(summary.title).toBe(before.plan.title);
    expect((await s.call('plans.list', {})).map((p) => p.id).sort()).toEqual([later.id, summary.id].sort());

    const after = await state(s, summary.id);
    const shape = (x: typeof before) => ({
      title: x.plan.title,
      document: x.plan.document,
      outline: JSON.stringify(x.plan.outline).replace(/"id":"[^"]+"/g, '"id":"…"'),
      history: x.history.map((h) => h.map(({ status, note, date }) => ({ status, note, date }))),
      revisions: x.revisions,
      attachments: x.attachments.map((a) => ({ name: a.name, sha256: a.sha256 })),
    });
    expect(shape(after)).toEqual(shape(before));
    for (const [i, sha] of wb.shas.entries()) expect(evidenceBytes(wb.dataDir, sha).equals(EVIDENCE[i]!.bytes)).toBe(true);
    expect(await s.call('evidence.verify', {})).toMatchObject({ ok: true });

    // Its version history works: the restored revision can be compared with the plan.
    const [revision] = await s.call('revisions.list', { planId: summary.id });
    const diff = await s.call('revisions.diff', { revisionId: revision!.id });
    expect(diff).toMatchObject({ header: [], nodes: [] });
    expect(diff.unchangedCount).toBeGreaterThan(5);

    // Restored again while it exists: a second copy, named so the two can be told apart.
    const again = await s.call('backup.restorePlan', { backup: backup.path, planId: wb.planId });
    expect(again.title).toBe(`${before.plan.title}（从备份恢复）`);
    s.close();
  });
});

describe('损坏与中断的备份', () => {
  it('校验备份发现被改动的数据库或佐证材料；损坏的备份不能用于恢复，工作台不变；rectify backups --verify 退出 3', async () => {
    const wb = await trackedWorkbook();
    const good = await wb.services.call('backup.create', { note: '完好' });
    const bad = await wb.services.call('backup.create', { folder: path.join(path.dirname(wb.dataDir), `${path.basename(wb.dataDir)}-外部`) });
    expect((await wb.services.call('backup.verify', { backup: good.path })).problems).toEqual([]);

    // One evidence file of the set altered (a failing USB drive), then the database copy.
    writeFileSync(setFiles(bad.path).evidence(wb.shas[0]!), 'not the same bytes');
    const evidenceBad = await wb.services.call('backup.verify', { backup: bad.path });
    expect(evidenceBad).toMatchObject({ verified: false, problems: [`佐证材料文件已损坏：${wb.shas[0]}`] });
    damageDatabase(setFiles(good.path).db);
    const dbBad = await wb.services.call('backup.verify', { backup: good.path });
    expect(dbBad.verified).toBe(false);
    expect(dbBad.problems[0]).toContain('数据库文件 workbook.sqlite 已被改动或损坏');

    const listed = await wb.services.call('backup.list', { verify: true });
    expect(listed.backups.find((b) => b.path === good.path)).toMatchObject({ verified: false });
    await wb.services.call('plans.create', { title: '不应被替换的方案' });
    await expect(wb.services.call('backup.restore', { backup: good.path })).rejects.toMatchObject({ code: 'corrupt_file' });
    expect((await wb.services.call('plans.list', {})).map((p) => p.title)).toContain('不应被替换的方案');
    wb.services.close();

    const cli = rectify(['backups', '--verify', '--data', wb.dataDir]);
    expect(cli.code).toBe(3);
    expect(cli.stdout).toContain('发现 1 个损坏的备份');
  });

  it('中断的备份（kill -9）留下的文件夹不被列为可恢复的备份，工作台不受影响，下次启动时清理', async () => {
    const wb = await trackedWorkbook();
    const plansBefore = await wb.services.call('plans.list', {});
    wb.services.close();
    const child = spawnSync(process.execPath, [fileURLToPath(new URL('./killed-backup.ts', import.meta.url)), wb.dataDir], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toContain('正在复制佐证材料');
    const backups = path.join(wb.dataDir, 'backups');
    const left = readdirSync(backups);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.备份_\d{8}_\d{6}\.[0-9a-f]{12}\.part$/);

    const s = await createServices({ dataDir: wb.dataDir });
    expect(await s.call('backup.list', {})).toEqual({ backups: [], incomplete: 1, unavailable: [] });
    expect(await s.call('plans.list', {})).toEqual(plansBefore);
    expect(await s.call('evidence.verify', {})).toMatchObject({ ok: true });
    const doctor = await s.call('maintenance.doctor', {});
    expect(doctor.leftovers).toEqual([expect.objectContaining({ kind: 'backup-temp', path: path.join(backups, left[0]!) })]);
    // The start-up maintenance removes the leftover (its writer is gone) and makes the day's backup.
    const run = await s.call('maintenance.run', {});
    expect(run.removedTempFiles).toBe(1);
    expect(existsSync(path.join(backups, left[0]!))).toBe(false);
    expect((await s.call('backup.list', {})).backups).toHaveLength(1);
    s.close();
  });
});
