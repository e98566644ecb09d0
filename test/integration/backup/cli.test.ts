import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/temp.ts';
import { DB_FILE } from '../../../electron/services/store/database.ts';
import { trackedWorkbook } from './fixture.ts';
import { damageDatabase } from '../../helpers/damage-db.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));

function rectify(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, RECTIFY_DATA: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(r: { code: number | null; stdout: string; stderr: string }): T {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('rectify backup / backups / restore', () => {
  it('backup --json 与 backups --json 的输出格式；--to 与 --note；备份时在标准错误上报告进度', async () => {
    const wb = await trackedWorkbook();
    wb.services.close();
    const plain = rectify(['backup', '--data', wb.dataDir]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^已备份到：.*备份_\d{8}_\d{6}\n1 个方案、5 项措施、2 个佐证材料；本次写入 .*已校验。/);
    expect(plain.stderr).toContain('正在复制数据库……');
    expect(plain.stderr).toContain('正在复制佐证材料（MB）……');

    const usb = path.join(tempDir(), 'U盘');
    const made = json<Record<string, unknown>>(rectify(['backup', '--to', usb, '--note', '移交', '--json', '--data', wb.dataDir]));
    expect(Object.keys(made)).toEqual(['path', 'createdAt', 'plans', 'measures', 'attachments', 'bytesCopied', 'bytesTotal']);
    expect(made).toMatchObject({ plans: 1, measures: 5, attachments: 2 });
    expect(path.dirname(made.path as string)).toBe(usb);
    expect(path.basename(made.path as string)).toMatch(/^备份_\d{8}_\d{6}_移交$/);
    expect(made.bytesCopied).toBe(made.bytesTotal);

    const second = json<Record<string, unknown>>(rectify(['backup', '--json', '--data', wb.dataDir]));
    expect(second.bytesCopied as number).toBeLessThan(second.bytesTotal as number);

    const list = json<Record<string, unknown>[]>(rectify(['backups', '--json', '--data', wb.dataDir]));
    expect(list).toHaveLength(2);
    for (const b of list) expect(Object.keys(b)).toEqual(['path', 'createdAt', 'kind', 'plans', 'measures', 'attachments', 'bytes', 'verified']);
    expect(list[0]).toMatchObject({ path: second.path, kind: 'manual', plans: 1, measures: 5, attachments: 2, verified: true });
    expect(Date.parse(list[0]!.createdAt as string)).toBeGreaterThanOrEqual(Date.parse(list[1]!.createdAt as string));

    const verified = rectify(['backups', '--verify', '--data', wb.dataDir]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('全部 2 个备份校验通过');
  });

  it('restore 不加 --yes 只说明将替换什么（退出码 2，工作台不变）；加 --yes 才恢复；--plan 把一个方案恢复为新方案', async () => {
    const wb = await trackedWorkbook();
    wb.services.close();
    const made = json<{ path: string }>(rectify(['backup', '--json', '--data', wb.dataDir]));
    expect(rectify(['delete', wb.planId, '--data', wb.dataDir]).code).toBe(0);
    expect(rectify(['new', '--title', '备份之后新建的方案', '--data', wb.dataDir]).code).toBe(0);

    const ask = rectify(['restore', made.path, '--data', wb.dataDir]);
    expect(ask.code).toBe(2);
    expect(ask.stdout).toContain('当前工作台的全部内容（1 个方案、0 项措施、0 个佐证材料');
    expect(ask.stdout).toContain('将被替换为');
    expect(ask.stdout).toContain(`${wb.planId}  中共某某局党组关于2025年度民主生活会查摆问题的整改方案（5 项措施）——工作台中已没有`);
    expect(ask.stdout).toContain('确认恢复整个工作台请加 --yes');
    expect(json<{ title: string }[]>(rectify(['list', '--json', '--data', wb.dataDir])).map((p) => p.title)).toEqual(['备份之后新建的方案']);

    const askPlan = rectify(['restore', made.path, '--plan', wb.planId, '--data', wb.dataDir]);
    expect(askPlan.code).toBe(2);
    expect(askPlan.stdout).toContain('作为新方案加入工作台；工作台中现有的内容不会被替换');
    const onePlan = rectify(['restore', made.path, '--plan', wb.planId, '--yes', '--data', wb.dataDir]);
    expect(onePlan.code, onePlan.stderr).toBe(0);
    expect(onePlan.stdout).toMatch(/^已从备份恢复方案「中共某某局党组关于2025年度民主生活会查摆问题的整改方案」（5 项措施），新方案编号：/);
    expect(json<{ title: string }[]>(rectify(['list', '--json', '--data', wb.dataDir])).map((p) => p.title).sort()).toEqual(
      ['中共某某局党组关于2025年度民主生活会查摆问题的整改方案', '备份之后新建的方案'].sort(),
    );

    const all = rectify(['restore', made.path, '--yes', '--data', wb.dataDir]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('已从备份恢复工作台：');
    expect(all.stdout).toMatch(/恢复前的工作台已备份到：.*备份_\d{8}_\d{6}_恢复前自动备份/);
    expect(json<{ id: string }[]>(rectify(['list', '--json', '--data', wb.dataDir])).map((p) => p.id)).toEqual([wb.planId]);
    expect(rectify(['verify', '--data', wb.dataDir]).code).toBe(0);
  });

  it('数据文件损坏时：rectify backups 照样列出备份，rectify restore --yes 照样恢复', async () => {
    const wb = await trackedWorkbook();
    wb.services.close();
    const made = json<{ path: string }>(rectify(['backup', '--json', '--data', wb.dataDir]));
    const file = path.join(wb.dataDir, DB_FILE);
    damageDatabase(file);
    const list = rectify(['list', '--data', wb.dataDir]);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('数据文件已损坏');
    expect(list.stderr).toContain(`最新的备份是 ${made.path}`);
    expect(list.stderr).toContain('rectify restore');
    expect(json<{ path: string }[]>(rectify(['backups', '--json', '--data', wb.dataDir])).map((b) => b.path)).toEqual([made.path]);
    const restored = rectify(['restore', made.path, '--yes', '--data', wb.dataDir]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/原来无法打开的数据文件已移到：.*被替换的数据文件_/);
    expect(json<{ id: string }[]>(rectify(['list', '--json', '--data', wb.dataDir])).map((p) => p.id)).toEqual([wb.planId]);
  });

  it('不是备份的路径：说明什么才是备份，退出码 2', () => {
    const dir = tempDir();
    const r = rectify(['restore', dir, '--data', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是整改方案工作台的备份');
  });
});
