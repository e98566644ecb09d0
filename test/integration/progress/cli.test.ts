import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { createServices } from '../../../electron/services/index.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from './fixture.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function workbook(): Promise<{ data: string; planId: string }> {
  const data = tempDir();
  const s = await createServices({ dataDir: data });
  const { planId } = await createTrackedPlan(s);
  s.close();
  return { data, planId };
}

describe('rectify 命令行：措施、状态、佐证材料、台账、报告', () => {
  it('measures --json 按大纲顺序给出 id、path、heading、leader、department、deadline、status', async () => {
    const { data, planId } = await workbook();
    const r = await cli(['measures', planId, '--json', '--data', data]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as Record<string, unknown>[];
    expect(list.map((m) => Object.keys(m))).toEqual(list.map(() => ['id', 'path', 'heading', 'leader', 'department', 'deadline', 'status']));
    expect(list.map((m) => m.path)).toEqual(['一-1-1', '一-1-2', '一-2-1', '一-2-2', '二-1']);
    expect(list[2]).toMatchObject({ heading: '整治形式主义', leader: '党组书记张三', department: '办公室', deadline: '长期坚持', status: 'not_started' });
  });

  it('status 记录状态（英文或中文），错误的状态退出码 2', async () => {
    const { data, planId } = await workbook();
    const [m1] = JSON.parse((await cli(['measures', planId, '--json', '--data', data])).out) as { id: string }[];
    let r = await cli(['status', m1!.id, 'in_progress', '--note', '已制定计划', '--date', '2026-01-05', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('正在推进');
    r = await cli(['status', m1!.id, '已销号', '--by', '副局长王五', '--date', '2026-02-01', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2026-02-01销号');
    const list = JSON.parse((await cli(['measures', planId, '--json', '--data', data])).out) as { status: string }[];
    expect(list[0]!.status).toBe('closed');
    r = await cli(['status', m1!.id, '差不多了', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不认识的状态');
    r = await cli(['status', m1!.id, 'done', '--date', '2026/01/05', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/日期/);
  });

  it('attach 多个文件 --json 给出每个文件的 attachmentId 和 sha256；verify 完好时退出 0，损坏时非 0 并列出', async () => {
    const { data, planId } = await workbook();
    const [m1] = JSON.parse((await cli(['measures', planId, '--json', '--data', data])).out) as { id: string }[];
    const src = tempDir('rectify-src-');
    const a = path.join(src, '会议纪要 (1).pdf');
    const b = path.join(src, '现场照片【1】.jpg');
    writeFileSync(a, 'A');
    writeFileSync(b, 'B');
    let r = await cli(['attach', m1!.id, a, b, '--type', '会议纪要', '--json', '--data', data]);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.out) as { attachmentId: string; sha256: string }[];
    expect(results).toHaveLength(2);
    expect(results.map((x) => Object.keys(x))).toEqual([['attachmentId', 'sha256'], ['attachmentId', 'sha256']]);
    const missingOne = await cli(['attach', m1!.id, path.join(src, '不存在.pdf'), '--json', '--data', data]);
    expect(missingOne.code).toBe(2);
    expect(missingOne.out.trim()).toBe('');
    const single = await cli(['attach', m1!.id, b, '--json', '--data', data]);
    expect(single.code).toBe(0);
    expect(JSON.parse(single.out)).toEqual({ attachmentId: expect.any(String), sha256: results[1]!.sha256 });
    r = await cli(['attach', m1!.id, a, '--type', '不存在的类型', '--data', data]);
    expect(r.code).toBe(2);
    r = await cli(['attach', m1!.id, path.join(src, '没有这个文件.pdf'), b, '--json', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到文件「没有这个文件.pdf」');
    expect(JSON.parse(r.out)).toHaveLength(1);

    r = await cli(['verify', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('完好');
    unlinkSync(blobPath(data, results[0]!.sha256));
    r = await cli(['verify', '--data', data]);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('文件缺失');
    expect(r.out).toContain('措施 一-1-1「深化理论武装」的「会议纪要 (1).pdf」');
  });

  it('ledger 导出 .xlsx 和 .docx，report 导出 .docx，evidence 导出 .zip 和文件夹', async () => {
    const { data, planId } = await workbook();
    const out = tempDir('rectify-out-');
    const [m1] = JSON.parse((await cli(['measures', planId, '--json', '--data', data])).out) as { id: string }[];
    const src = tempDir('rectify-src-');
    writeFileSync(path.join(src, '纪要.pdf'), 'pdf');
    expect((await cli(['attach', m1!.id, path.join(src, '纪要.pdf'), '--data', data])).code).toBe(0);
    for (const f of ['台账.xlsx', '台账.docx']) {
      const r = await cli(['ledger', planId, '-o', path.join(out, f), '--data', data]);
      expect(r.code, r.err).toBe(0);
      expect(existsSync(path.join(out, f))).toBe(true);
    }
    expect((await cli(['ledger', planId, '-o', path.join(out, '台账.pdf'), '--data', data])).code).toBe(2);
    let r = await cli(['report', planId, '-o', path.join(out, '报告.docx'), '--as-of', '2026-02-01', '--save', '--data', data]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(path.join(out, '报告.docx'))).toBe(true);
    expect(r.out).toContain('另存为可编辑的方案');
    r = await cli(['evidence', planId, '-o', path.join(out, '材料.zip'), '--data', data]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(path.join(out, '材料.zip'))).toBe(true);
    r = await cli(['evidence', planId, '-o', path.join(out, '材料'), '--data', data]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(path.join(out, '材料', '佐证材料目录.xlsx'))).toBe(true);
    expect(r.out).toContain('1个文件');
  });

  it('不存在的方案或措施：中文提示，退出码 2', async () => {
    const { data } = await workbook();
    const r = await cli(['measures', 'no-such-plan', '--json', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到方案');
    const file = path.join(tempDir('rectify-src-'), 'x.pdf');
    writeFileSync(file, 'x');
    const r2 = await cli(['attach', 'no-such-measure', file, '--data', data]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('找不到整改措施');
  });
});
