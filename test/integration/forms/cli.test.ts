// The CLI contract of issue 11, exactly: rectify forms / collect / pack / unpack, their --json shapes and exit codes.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { runCli } from '../../../electron/cli/main.ts';
import { createServices } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { unzipFile } from '../../helpers/zip.ts';
import { fillProgress, seedPlan } from './fixture.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function workbook() {
  const data = tempDir();
  const s = await createServices({ dataDir: data });
  const plan = await seedPlan(s);
  s.close();
  return { data, plan };
}

describe('rectify forms / collect', () => {
  it('forms --json → [{department, file, rows}]；可写入 .zip 或文件夹，--department 可重复，--kind proposals', async () => {
    const { data, plan } = await workbook();
    const dir = tempDir();
    const zip = path.join(dir, '填报表.zip');
    let r = await cli(['forms', plan.planId, '-o', zip, '--due', '2026-04-20', '--json', '--data', data]);
    expect(r.code, r.err).toBe(0);
    const list = JSON.parse(r.out) as Record<string, unknown>[];
    expect(list).toEqual([
      { department: '办公室', file: '办公室_巡察反馈问题整改方案_进展填报表_20260420.xlsx', rows: 3 },
      { department: '组织人事科', file: '组织人事科_巡察反馈问题整改方案_进展填报表_20260420.xlsx', rows: 1 },
      { department: '财务科', file: '财务科_巡察反馈问题整改方案_进展填报表_20260420.xlsx', rows: 2 },
    ]);
    expect([...(await unzipFile(zip)).keys()]).toEqual(list.map((f) => f.file));

    const folder = path.join(dir, '征求意见');
    r = await cli(['forms', plan.planId, '-o', folder, '--kind', 'proposals', '--department', '办公室', '--department', '财务科', '--due', '2026-03-15', '--data', data]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('已生成2份征求措施表');
    expect(readdirSync(folder).sort()).toEqual(['办公室_巡察反馈问题整改方案_征求措施表_20260315.xlsx', '财务科_巡察反馈问题整改方案_征求措施表_20260315.xlsx']);

    r = await cli(['forms', plan.planId, '-o', zip, '--due', '4月20日', '--data', data]);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toContain('--due 的格式应为 YYYY-MM-DD');
    r = await cli(['forms', plan.planId, '-o', zip, '--kind', 'other', '--data', data]);
    expect(r.code).toBe(2);
  });

  it('collect：不加 --apply 为预览（退出码 0，有冲突或无法读取时 3）；--apply 应用并给出同样格式；再应用一次没有变化', async () => {
    const { data, plan } = await workbook();
    const dir = tempDir();
    const folder = path.join(dir, '填报表');
    expect((await cli(['forms', plan.planId, '-o', folder, '--due', '2026-04-20', '--data', data])).code).toBe(0);
    const files = readdirSync(folder).map((f) => path.join(folder, f));
    const office = files.find((f) => path.basename(f).startsWith('办公室'))!;
    const filled = path.join(dir, path.basename(office));
    const { readFileSync } = await import('node:fs');
    writeFileSync(filled, await fillProgress(readFileSync(office), { '一-1-1': { progress: '已召开党组会。', status: '已完成', reporter: '王秘书', reportedOn: '2026-04-18' } }));

    let r = await cli(['collect', filled, '--json', '--data', data]);
    expect(r.code, r.err).toBe(0);
    const dry = JSON.parse(r.out) as { changes: Record<string, unknown>[]; conflicts: unknown[]; errors: unknown[] };
    expect(Object.keys(dry)).toEqual(['changes', 'conflicts', 'errors']);
    expect(dry.changes).toEqual([
      { measureId: plan.ids['一-1-1'], path: '一-1-1', department: '办公室', field: 'status', from: 'not_started', to: 'done' },
      { measureId: plan.ids['一-1-1'], path: '一-1-1', department: '办公室', field: 'progress', from: null, to: '已召开党组会。' },
    ]);
    expect(dry.conflicts).toEqual([]);
    expect(dry.errors).toEqual([]);

    r = await cli(['collect', filled, path.join(dir, '没有这个文件.xlsx'), '--json', '--data', data]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out).errors).toEqual([{ file: '没有这个文件.xlsx', message: '找不到文件“没有这个文件.xlsx”' }]);
    expect(r.err).toContain('无法读取');

    r = await cli(['collect', filled, '--apply', '--json', '--data', data]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual(dry);
    const status = await cli(['measures', plan.planId, '--json', '--data', data]);
    expect((JSON.parse(status.out) as { status: string }[])[0]!.status).toBe('done');

    r = await cli(['collect', filled, '--apply', '--json', '--data', data]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ changes: [], conflicts: [], errors: [] });

    // A later local change makes the same form's next report a conflict: exit 3, not applied.
    writeFileSync(filled, await fillProgress(readFileSync(office), { '一-1-2': { progress: '台账已建立。' } }));
    expect((await cli(['status', plan.ids['一-1-2']!, '正在推进', '--data', data])).code).toBe(0);
    r = await cli(['collect', filled, '--apply', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.out).toContain('冲突1处（未应用');
    expect(r.out).toContain('填报表下发后，该措施在工作台中又有改动');
  });
});

describe('rectify pack / unpack', () => {
  it('pack -o FILE.rectify；unpack --json → {planId, created, differences}；在另一个数据目录重现方案，verify 无问题', async () => {
    const { data, plan } = await workbook();
    const dir = tempDir();
    const file = path.join(dir, '方案.rectify');
    writeFileSync(path.join(dir, '纪要.pdf'), '%PDF 纪要');
    expect((await cli(['attach', plan.ids['一-1-1']!, path.join(dir, '纪要.pdf'), '--data', data])).code).toBe(0);
    let r = await cli(['pack', plan.planId, '-o', file, '--data', data]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^已导出方案包（措施5项，佐证材料1个）：/);
    expect((await cli(['pack', plan.planId, '-o', path.join(dir, '方案.zip'), '--data', data])).code).toBe(2);

    const other = tempDir();
    r = await cli(['unpack', file, '--json', '--data', other]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ planId: plan.planId, created: true, differences: 0 });
    expect((await cli(['verify', '--data', other])).code).toBe(0);
    const a = JSON.parse((await cli(['show', plan.planId, '--json', '--data', data])).out) as { outline: unknown };
    const b = JSON.parse((await cli(['show', plan.planId, '--json', '--data', other])).out) as { outline: unknown };
    expect(b.outline).toEqual(a.outline);

    // A change here, then the package again: reported, not applied; --newer takes the package's side.
    expect((await cli(['status', plan.ids['一-2-1']!, '已完成', '--data', data])).code).toBe(0);
    expect((await cli(['pack', plan.planId, '-o', file, '--data', data])).code).toBe(0);
    r = await cli(['unpack', file, '--json', '--data', other]);
    expect(JSON.parse(r.out)).toEqual({ planId: plan.planId, created: false, differences: 1 });
    r = await cli(['unpack', file, '--data', other]);
    expect(r.out).toContain('与方案包有1处差异，未作改动');
    expect(r.out).toContain('一-2-1 制定年度培训计划');
    r = await cli(['unpack', file, '--newer', '--data', other]);
    expect(r.code, r.err).toBe(0);
    const measures = JSON.parse((await cli(['measures', plan.planId, '--json', '--data', other])).out) as { status: string }[];
    expect(measures[2]!.status).toBe('done');
  });
});
