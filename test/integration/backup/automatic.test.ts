import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/temp.ts';
import { autoBackup } from '../../../electron/services/backup/auto.ts';
import { backupStatus } from '../../../electron/services/backup/status.ts';
import { backupsToKeep } from '../../../electron/services/backup/rotation.ts';
import { trackedWorkbook } from './fixture.ts';

const DAY = 86_400_000;

function sets(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((n) => n.startsWith('备份_')).sort() : [];
}

describe('自动备份', () => {
  it('每天第一次启动时：数据目录的 backups 和已连接的 U 盘各一份；同一天不重复；第二天再做', async () => {
    const wb = await trackedWorkbook();
    const usb = tempDir('rectify-usb-');
    await wb.services.call('backup.addLocation', { folder: usb });
    const first = await wb.services.call('backup.auto', { reason: 'start' });
    expect(first.skipped).toEqual([]);
    expect(first.results.map((r) => r.location)).toEqual([path.join(wb.dataDir, 'backups'), usb]);
    expect(first.results.every((r) => r.kind === 'auto' && /_自动$/.test(r.path))).toBe(true);
    expect(await wb.services.call('backup.auto', { reason: 'start' })).toEqual({ results: [], skipped: [] });

    const tomorrow = new Date(Date.now() + DAY);
    const next = await autoBackup(wb.services.context, 'start', { now: () => tomorrow });
    expect(next.results).toHaveLength(2);
    expect(sets(usb)).toHaveLength(2);

    const status = await wb.services.call('backup.status', {});
    expect(status.locations).toEqual([
      expect.objectContaining({ folder: path.join(wb.dataDir, 'backups'), local: true, available: true, lastProblem: null }),
      expect.objectContaining({ folder: usb, local: false, available: true, lastSuccessPath: next.results[1]!.path, lastProblem: null }),
    ]);
    wb.services.close();
  });

  it('有修改后关闭程序时备份一次；没有修改就不备份', async () => {
    const wb = await trackedWorkbook();
    await wb.services.call('backup.auto', { reason: 'start' });
    expect(await wb.services.call('backup.auto', { reason: 'close' })).toEqual({ results: [], skipped: [] });
    await wb.services.call('plans.rename', { id: wb.planId, title: '修改后的方案标题' });
    const closing = await wb.services.call('backup.auto', { reason: 'close' });
    expect(closing.results).toHaveLength(1);
    expect(closing.results[0]).toMatchObject({ kind: 'auto', plans: 1 });
    expect(await wb.services.call('backup.auto', { reason: 'close' })).toEqual({ results: [], skipped: [] });
    wb.services.close();
  });

  it('U 盘没插：跳过并记下原因；空间不足：跳过并提示，不写入，不占满磁盘；页面上看得到', async () => {
    const wb = await trackedWorkbook();
    const usb = tempDir('rectify-usb-');
    await wb.services.call('backup.addLocation', { folder: usb });
    rmSync(usb, { recursive: true });
    const run = await wb.services.call('backup.auto', { reason: 'start' });
    expect(run.results.map((r) => r.location)).toEqual([path.join(wb.dataDir, 'backups')]);
    expect(run.skipped).toEqual([{ location: usb, message: expect.stringContaining('无法访问（U 盘未插入或网络位置未连接）') }]);

    const tomorrow = new Date(Date.now() + DAY);
    const full = await autoBackup(wb.services.context, 'start', { now: () => tomorrow, freeSpace: () => Promise.resolve(10 * 1024 * 1024) });
    expect(full.results).toEqual([]);
    expect(full.skipped[0]).toEqual({ location: path.join(wb.dataDir, 'backups'), message: expect.stringMatching(/可用空间只有 10\.0 MB，这次备份约需 .*为免占满磁盘，没有备份/) });
    expect(sets(path.join(wb.dataDir, 'backups'))).toHaveLength(1);
    expect(readdirSync(path.join(wb.dataDir, 'backups')).some((n) => n.endsWith('.part'))).toBe(false);

    const status = await wb.services.call('backup.status', {});
    expect(status.locations[0]).toMatchObject({ available: true, lastProblem: expect.stringContaining('可用空间只有') });
    expect(status.locations[1]).toMatchObject({ folder: usb, available: false, lastProblem: expect.stringContaining('无法访问') });
    wb.services.close();
  });

  it('U 盘在备份中途被拔出：那里的备份未完成、不被列出，报告原因；本机的备份和工作台不受影响', async () => {
    const wb = await trackedWorkbook();
    const usb = tempDir('rectify-usb-');
    await wb.services.call('backup.addLocation', { folder: usb });
    let localDone = false;
    const run = await wb.services.call('backup.now', {}, {
      onProgress: (p) => {
        if (p.stage === '正在校验备份' && p.done === 1) localDone = true;
        else if (localDone && p.stage.startsWith('正在复制佐证材料')) rmSync(usb, { recursive: true, force: true });
      },
    });
    expect(run.results.map((r) => r.location)).toEqual([path.join(wb.dataDir, 'backups')]);
    expect(run.skipped).toEqual([{ location: usb, message: expect.stringContaining('U 盘可能已拔出或网络已断开') }]);
    const listed = await wb.services.call('backup.list', {});
    expect(listed.backups.map((b) => b.path)).toEqual([run.results[0]!.path]);
    expect(listed.unavailable).toEqual([usb]);
    expect(await wb.services.call('evidence.verify', {})).toMatchObject({ ok: true });
    wb.services.close();
  });

  it('轮换：两个月的每日自动备份之后只剩规则要留的那些，手动备份还在', async () => {
    const wb = await trackedWorkbook();
    const manual = await wb.services.call('backup.create', { note: '手动' });
    const start = Date.now();
    const made: { path: string; createdAt: Date }[] = [];
    for (let d = 1; d <= 60; d++) {
      const now = new Date(start + d * DAY);
      const run = await autoBackup(wb.services.context, 'start', { now: () => now });
      made.push({ path: run.results[0]!.path, createdAt: now });
    }
    const expected = backupsToKeep(made.map((m) => ({ id: m.path, kind: 'auto', createdAt: m.createdAt })));
    const left = sets(path.join(wb.dataDir, 'backups')).map((n) => path.join(wb.dataDir, 'backups', n));
    expect(left.sort()).toEqual([manual.path, ...expected].sort());
    expect(left.length).toBeLessThan(7 + 4 + 6 + 1);
    // Every set that is left is still whole (evidence hard-linked from sets that are gone).
    const verified = await wb.services.call('backup.list', { verify: true });
    expect(verified.backups.every((b) => b.verified)).toBe(true);
    wb.services.close();
  });

  it('最近一次成功的备份超过 7 天：窗口中提醒；从没备份过而已有方案：也提醒', async () => {
    const wb = await trackedWorkbook();
    expect((await wb.services.call('backup.status', {})).warning).toBe('工作台还没有成功的备份。请在“设置 → 备份与恢复”中点击“立即备份”。');
    const r = await wb.services.call('backup.create', {});
    expect((await wb.services.call('backup.status', {})).warning).toBeNull();
    expect((await backupStatus(wb.services.context, new Date(Date.parse(r.createdAt) + 6 * DAY))).warning).toBeNull();
    const late = await backupStatus(wb.services.context, new Date(Date.parse(r.createdAt) + 8 * DAY));
    expect(late.warning).toMatch(/^最近一次成功的备份是 8 天前（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
    expect(late.newestGood).toEqual({ path: r.path, createdAt: r.createdAt });
    wb.services.close();
  });

  it('备份位置：必须存在、可写、不在数据目录里；可以移除（其中的备份不删）', async () => {
    const wb = await trackedWorkbook();
    await expect(wb.services.call('backup.addLocation', { folder: path.join(tempDir(), '没有这个文件夹') })).rejects.toMatchObject({ code: 'not_found' });
    await expect(wb.services.call('backup.addLocation', { folder: path.join(wb.dataDir, 'evidence') })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('不能在数据目录之内') });
    const usb = tempDir('rectify-usb-');
    const added = await wb.services.call('backup.addLocation', { folder: usb });
    expect(added.locations.map((l) => l.folder)).toEqual([path.join(wb.dataDir, 'backups'), usb]);
    await wb.services.call('backup.now', {});
    const removed = await wb.services.call('backup.removeLocation', { location: usb });
    expect(removed.locations.map((l) => l.folder)).toEqual([path.join(wb.dataDir, 'backups')]);
    expect(sets(usb)).toHaveLength(1);
    wb.services.close();
  });
});
