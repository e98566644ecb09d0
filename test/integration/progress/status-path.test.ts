import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from './fixture.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function setup(): Promise<{ s: Services; dataDir: string; planId: string; measureIds: string[] }> {
  const dataDir = tempDir();
  const s = await createServices({ dataDir });
  return { s, dataDir, ...(await createTrackedPlan(s)) };
}

async function version(s: Services, planId: string): Promise<number> {
  return (await s.call('plans.get', { id: planId })).version;
}

describe('措施状态只有一条写入路径：进展服务', () => {
  it('销号（closed）必须有审核人和日期并记一条事件；没有审核人时拒绝，什么也不改', async () => {
    const { s, planId, measureIds } = await setup();
    const id = measureIds[0]!;
    await expect(s.call('progress.setStatus', { measureId: id, status: 'closed' })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('审核'),
    });
    await expect(s.call('progress.setStatus', { measureId: id, status: 'closed', approver: '  ', by: '' })).rejects.toMatchObject({ code: 'bad_input' });
    let p = await s.call('progress.get', { measureId: id });
    expect(p.measure.status).toBe('not_started');
    expect(p.history).toEqual([]);

    p = await s.call('progress.setStatus', { measureId: id, status: 'closed', approver: '党组书记张三', date: '2026-02-01' });
    expect(p.measure).toMatchObject({ status: 'closed', closedBy: '党组书记张三', closedOn: '2026-02-01' });
    expect(p.history).toEqual([expect.objectContaining({ kind: 'close', status: 'closed', actor: '党组书记张三', date: '2026-02-01' })]);
    // Without a date, 销号 is dated today — never undated.
    const other = await s.call('progress.setStatus', { measureId: measureIds[1]!, status: 'closed', by: '副局长王五' });
    expect(other.measure.closedBy).toBe('副局长王五');
    expect(other.measure.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.planVersion).toBeLessThan(other.planVersion);
    expect(other.planVersion).toBe(await version(s, planId));
    s.close();
  });

  it('编辑器带上它看到的版本：期间别处改过则是冲突，不覆盖', async () => {
    const { s, planId, measureIds } = await setup();
    const seen = await version(s, planId);
    const r = await s.call('progress.setStatus', { measureId: measureIds[0]!, status: 'in_progress', expectedVersion: seen });
    expect(r.planVersion).toBe(seen + 1);
    await expect(s.call('progress.setStatus', { measureId: measureIds[0]!, status: 'done', expectedVersion: seen })).rejects.toMatchObject({ code: 'conflict' });
    await expect(s.call('progress.close', { measureId: measureIds[0]!, approver: '张三', expectedVersion: seen })).rejects.toMatchObject({ code: 'conflict' });
    expect((await s.call('progress.get', { measureId: measureIds[0]! })).measure.status).toBe('in_progress');
    s.close();
  });

  it('通用的节点修改与新增拒绝状态字段', async () => {
    const { s, planId, measureIds } = await setup();
    const v = await version(s, planId);
    for (const measure of [{ status: 'closed' as const }, { statusText: '已完成' }]) {
      await expect(s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: measureIds[0]!, patch: { measure } })).rejects.toMatchObject({ code: 'bad_input' });
    }
    const parent = (await s.call('plans.get', { id: planId })).outline[0]!.children[0]!.id;
    await expect(
      s.call('outline.addNode', { planId, expectedVersion: v, parentId: parent, kind: 'measure', heading: '新措施', measure: { status: 'closed' } }),
    ).rejects.toMatchObject({ code: 'bad_input' });
    expect(await version(s, planId)).toBe(v);
    expect((await s.call('progress.get', { measureId: measureIds[0]! })).measure.status).toBe('not_started');
    s.close();
  });
});

describe('恢复历史版本不改动措施的状态（状态是跟踪记录，不是版本内容）', () => {
  it('恢复较早的版本：文字回到当时，销号、审核人和状态历史保持现在的样子', async () => {
    const { s, planId, measureIds } = await setup();
    const id = measureIds[0]!;
    const rev = await s.call('revisions.create', { planId, reason: '保存' });
    await s.call('outline.updateNode', { planId, expectedVersion: await version(s, planId), nodeId: id, patch: { heading: '深化理论武装，学深悟透' } });
    await s.call('progress.close', { measureId: id, approver: '党组书记张三', date: '2026-02-01' });
    await s.call('revisions.restore', { revisionId: rev.revision.id, expectedVersion: await version(s, planId) });
    const p = await s.call('progress.get', { measureId: id });
    expect(p.measure.heading).toBe('深化理论武装');
    expect(p.measure).toMatchObject({ status: 'closed', closedBy: '党组书记张三', closedOn: '2026-02-01' });
    expect(p.history.map((e) => e.kind)).toEqual(['close']);
    s.close();
  });
});

describe('rectify status 销号', () => {
  it('没有 --by 时退出码 2，中文说明用 --by；有 --by 时记为销号并记下审核人', async () => {
    const { s, dataDir, measureIds } = await setup();
    s.close();
    const id = measureIds[0]!;
    for (const word of ['closed', '已销号']) {
      const r = await cli(['status', id, word, '--data', dataDir]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--by');
      expect(r.err).toContain('审核销号的领导');
    }
    const ok = await cli(['status', id, '已销号', '--by', '党组书记张三', '--date', '2026-02-01', '--json', '--data', dataDir]);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.out) as { measure: { status: string; closedBy: string; closedOn: string }; history: { kind: string; actor: string }[] };
    expect(result.measure).toMatchObject({ status: 'closed', closedBy: '党组书记张三', closedOn: '2026-02-01' });
    expect(result.history.at(-1)).toMatchObject({ kind: 'close', actor: '党组书记张三' });
  });
});
