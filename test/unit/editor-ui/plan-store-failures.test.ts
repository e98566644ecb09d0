import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../shared/api/contract.ts';
import type { PlanDetail } from '../../../shared/api/plans.ts';
import { AppError, type AppErrorCode } from '../../../shared/errors.ts';
import { createPlanStore, saveAllEdits } from '../../../renderer/editor/plan-store.ts';
import type { EditJournal, JournalEdit } from '../../../renderer/editor/edit-journal.ts';
import { STALLED_MS } from '../../../renderer/editor/save-notice.ts';
import { findNode } from '../../../renderer/editor/outline-ops.ts';
import { node, plan } from './plan-fixture.ts';

/**
 * A fake service that stores headings, counts versions, and fails the next writes as told — with an
 * error, without any answer, or after storing (the answer lost on the way).
 */
function fakeService() {
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  let version = 1;
  const headings = new Map<string, string>([
    ['m1', 'm1'],
    ['m2', 'm2'],
  ]);
  const failures: (AppError | 'hang' | 'lose-answer')[] = [];
  const stored = (): PlanDetail => plan(version, [...headings].map(([id, h]) => node(id, h)));
  const api: Api = {
    async send(name, input) {
      const i = input as Record<string, unknown>;
      calls.push({ name, input: i });
      if (name === 'history.state') return { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null } as never;
      if (name === 'plans.get') return stored() as never;
      const failure = failures.shift();
      if (failure === 'hang') return new Promise<never>(() => undefined);
      if (failure instanceof AppError) throw failure;
      if (typeof i.expectedVersion === 'number' && i.expectedVersion !== version) throw new AppError('conflict', '方案已被修改');
      const patch = i.patch as { heading?: string } | undefined;
      if (name === 'outline.updateNode' && patch?.heading !== undefined) headings.set(i.nodeId as string, patch.heading);
      version++;
      if (failure === 'lose-answer') throw new AppError('io', '与工作台服务的连接中断');
      return { planId: 'p1', version, updatedAt: 'now', nodeId: null, node: null, canUndo: true, canRedo: false } as never;
    },
  };
  return {
    api,
    calls,
    headings,
    stored,
    failNext: (...f: (AppError | 'hang' | 'lose-answer')[]) => failures.push(...f),
    sent: (heading: string) => calls.filter((c) => (c.input.patch as { heading?: string } | undefined)?.heading === heading).length,
  };
}

/** A journal that remembers every record, to check what was kept before and after each send. */
function recordingJournal() {
  const records: JournalEdit[][] = [];
  const journal: EditJournal = {
    session: 's1',
    record: (_v, edits) => {
      records.push([...edits]);
      return true;
    },
    orphans: async () => [],
    forget: () => undefined,
    release: vi.fn(),
  };
  return { journal, records, last: () => records.at(-1) ?? [] };
}

const fail = (code: AppErrorCode, message = `失败：${code}`) => new AppError(code, message);
const heading = (store: ReturnType<typeof createPlanStore>, id: string) => findNode(store.get().outline, id)?.heading;

afterEach(() => {
  vi.useRealTimers();
});

describe('保存失败：修改保留、注明原因、自动重试', () => {
  it.each(['db_busy', 'disk_full', 'db_readonly', 'io'] as const)('%s：保留写入与文字，显示“未保存”，按退避重试直至成功', async (code) => {
    vi.useFakeTimers();
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1), { retryDelaysMs: [1000, 2000, 4000] });
    f.failNext(fail(code), fail(code));
    store.editNode('m1', { heading: '不能丢的字' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(0);

    const s = store.get();
    expect(s.issue).toMatchObject({ code, message: `失败：${code}` });
    expect(s.saveState).toBe(code === 'io' ? 'offline' : 'error');
    expect(heading(store, 'm1')).toBe('不能丢的字');
    expect(store.dirty()).toBe(true);
    expect(store.atRisk()).toBe(true);
    // The stored version was not read over the text.
    expect(f.calls.filter((c) => c.name === 'plans.get')).toHaveLength(0);
    expect(s.generation).toBe(0);

    // Back-off: the second attempt after 1 s, the third 2 s after that.
    await vi.advanceTimersByTimeAsync(999);
    expect(f.sent('不能丢的字')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.sent('不能丢的字')).toBe(2);
    expect(store.get().issue?.code).toBe(code);
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.sent('不能丢的字')).toBe(3);
    expect(store.get().saveState).toBe('saved');
    expect(store.get().issue).toBeNull();
    expect(f.headings.get('m1')).toBe('不能丢的字');
    store.dispose();
  });

  it('回到窗口（获得焦点、恢复联网）时立即重试，不等退避', async () => {
    vi.useFakeTimers();
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1), { retryDelaysMs: [60_000] });
    f.failNext(fail('db_busy'));
    store.editNode('m1', { heading: '回来就保存' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get().issue?.code).toBe('db_busy');
    store.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get().saveState).toBe('saved');
    expect(f.sent('回来就保存')).toBe(2);
    store.dispose();
  });

  it('数据文件损坏：保留修改，不自动重试（继续写入无益），用户点“重试”才再发', async () => {
    vi.useFakeTimers();
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1));
    f.failNext(fail('db_corrupt'));
    store.editNode('m1', { heading: '损坏时写的' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get().issue).toMatchObject({ code: 'db_corrupt', retryAt: null });
    store.resume();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(f.sent('损坏时写的')).toBe(1);
    expect(heading(store, 'm1')).toBe('损坏时写的');
    store.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(f.sent('损坏时写的')).toBe(2);
    expect(store.get().saveState).toBe('saved');
    store.dispose();
  });

  it('失败期间继续输入的内容排在后面，按顺序保存，版本号连续', async () => {
    vi.useFakeTimers();
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1), { retryDelaysMs: [1000] });
    f.failNext(fail('disk_full'));
    store.editNode('m1', { heading: '第一处' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(0);
    store.editNode('m2', { heading: '第二处' });
    await vi.advanceTimersByTimeAsync(600);
    expect(store.get().saveState).toBe('error');
    expect(heading(store, 'm2')).toBe('第二处');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get().saveState).toBe('saved');
    const writes = f.calls.filter((c) => c.name === 'outline.updateNode');
    expect(writes.map((w) => [w.input.nodeId, w.input.expectedVersion])).toEqual([
      ['m1', 1],
      ['m1', 1],
      ['m2', 2],
    ]);
    store.dispose();
  });

  it('服务长时间没有回答：提示无法连接服务，请求仍保留；回答到达后即为已保存', async () => {
    vi.useFakeTimers();
    let answer: (() => void) | null = null;
    const f = fakeService();
    const slow: Api = {
      send: (name, input) =>
        name === 'outline.updateNode'
          ? new Promise((resolve, reject) => {
              answer = () => void f.api.send(name, input).then(resolve, reject);
            })
          : f.api.send(name, input),
    };
    const store = createPlanStore(slow, plan(1));
    store.editNode('m1', { heading: '等回答' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(STALLED_MS);
    expect(store.get().issue).toMatchObject({ code: 'io', stalled: true });
    expect(store.get().saveState).toBe('offline');
    expect(store.atRisk()).toBe(true);
    answer!();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get().saveState).toBe('saved');
    expect(store.get().issue).toBeNull();
    store.dispose();
  });

  it('写入后回答丢失，重试遇到“冲突”：方案恰好前进一版且已含此文字时视为已保存，不弹冲突', async () => {
    vi.useFakeTimers();
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1), { retryDelaysMs: [1000] });
    f.failNext('lose-answer');
    store.editNode('m1', { heading: '其实已保存' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get().issue?.code).toBe('io');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get().conflict).toBe(false);
    expect(store.get().saveState).toBe('saved');
    expect(store.get().version).toBe(2);
    store.dispose();
  });

  it('真正的冲突（另一窗口修改了方案）仍是冲突对话框', async () => {
    vi.useFakeTimers();
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1), { retryDelaysMs: [1000] });
    f.failNext(fail('io'));
    store.editNode('m1', { heading: '我的' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(0);
    // Another window saves m2 meanwhile: the plan moved on, but not with this text.
    await f.api.send('outline.updateNode', { planId: 'p1', expectedVersion: 1, nodeId: 'm2', patch: { heading: '他的' } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get().conflict).toBe(true);
    expect(heading(store, 'm1')).toBe('我的');
    store.dispose();
  });

  it('trySave：保存成功为 true；失败时立即为 false（不无限等待）；saveAllEdits 说明原因', async () => {
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1), { retryDelaysMs: [60_000] });
    store.editNode('m1', { heading: '一' });
    expect(await store.trySave()).toBe(true);
    f.failNext(fail('db_busy', '数据文件正被其他程序占用'), fail('db_busy', '数据文件正被其他程序占用'));
    store.editNode('m1', { heading: '二' });
    expect(await store.trySave()).toBe(false);
    // An export asks: the store tries once more at once, fails, and the export is told why.
    await expect(saveAllEdits(store)).rejects.toThrow(/正被其他程序占用.*导出的内容须先保存/);
    expect(f.sent('二')).toBe(2);
    // Asked again (Ctrl+S, leaving): it tries at once, and the cause is gone now.
    expect(await store.trySave()).toBe(true);
    expect(f.headings.get('m1')).toBe('二');
    store.dispose();
  });

  it('撤销前须先保存：保存失败时不撤销，说明原因', async () => {
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1), { retryDelaysMs: [60_000] });
    f.failNext(fail('disk_full'));
    store.editNode('m1', { heading: '未保存' });
    await expect(store.undo()).rejects.toThrow(/有修改尚未保存，暂不能撤销/);
    expect(f.calls.some((c) => c.name === 'history.undo')).toBe(false);
    expect(heading(store, 'm1')).toBe('未保存');
    store.dispose();
  });
});

describe('服务拒绝的修改：文字不悄悄消失', () => {
  it('节点已在其他窗口删除（not_found）：文字留在提示中可复制；其余修改照常保存', async () => {
    const f = fakeService();
    const onError = vi.fn();
    const store = createPlanStore(f.api, plan(1), { onError });
    f.failNext(fail('not_found', '节点不存在'));
    store.editNode('m1', { heading: '写给已删节点的字' });
    store.editNode('m2', { heading: '另一处' });
    await store.flush();
    const s = store.get();
    expect(s.refused).toHaveLength(1);
    expect(s.refused[0]).toMatchObject({ code: 'not_found', message: '节点不存在', edit: { kind: 'node', nodeId: 'm1', patch: { heading: '写给已删节点的字' } } });
    expect(store.unsavedEdits()).toEqual([{ kind: 'node', nodeId: 'm1', patch: { heading: '写给已删节点的字' } }]);
    expect(f.headings.get('m2')).toBe('另一处');
    // Not 已保存 while the refused text is only on screen; no vanishing toast for it.
    expect(s.saveState).toBe('error');
    expect(store.unsaved()).toBe(true);
    expect(onError).not.toHaveBeenCalled();
    // The user copied it and lets it go.
    store.dismissRefused(s.refused[0]!.id);
    expect(store.get().saveState).toBe('saved');
    expect(store.unsaved()).toBe(false);
    store.dispose();
  });

  it('不符合要求（bad_input）：不重新读取覆盖文字；之后同一字段保存成功即不再列出', async () => {
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1));
    f.failNext(fail('bad_input', '标题过长'));
    store.editNode('m1', { heading: '太长的标题' });
    await store.flush();
    expect(store.get().refused).toHaveLength(1);
    expect(store.get().generation).toBe(0);
    expect(heading(store, 'm1')).toBe('太长的标题');
    store.editNode('m1', { heading: '改短的标题' });
    await store.flush();
    expect(store.get().refused).toHaveLength(0);
    expect(store.get().saveState).toBe('saved');
    store.dispose();
  });

  it('意外错误（internal）：保留文字，“重试”再发一次', async () => {
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1));
    f.failNext(fail('internal', '发生意外错误：x'));
    store.editNode('m1', { heading: '意外时写的' });
    await store.flush();
    expect(store.get().refused[0]?.code).toBe('internal');
    store.retry();
    await store.flush();
    expect(store.get().refused).toHaveLength(0);
    expect(f.headings.get('m1')).toBe('意外时写的');
    expect(store.get().saveState).toBe('saved');
    store.dispose();
  });

  it('结构修改被拒后重新读取方案，但本窗口未保存的文字仍盖在上面', async () => {
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1));
    store.editNode('m2', { heading: '尚未保存的字' });
    // A move refused while the text still waits for the debounce: the store reads the plan again.
    f.failNext(fail('bad_input', '不能移到自身之下'));
    await expect(store.write('outline.moveNode', { nodeId: 'm1', parentId: null, index: 1 })).rejects.toThrow('不能移到自身之下');
    await vi.waitFor(() => expect(store.get().generation).toBe(1));
    expect(f.calls.some((c) => c.name === 'plans.get')).toBe(true);
    expect(f.headings.get('m2')).toBe('m2');
    expect(heading(store, 'm2')).toBe('尚未保存的字');
    await store.flush();
    expect(f.headings.get('m2')).toBe('尚未保存的字');
    store.dispose();
  });
});

describe('本机日志：发送前写入，确认后才删除', () => {
  it('每次输入立即记入日志；服务确认后移除；失败时保留', async () => {
    vi.useFakeTimers();
    const f = fakeService();
    const j = recordingJournal();
    const store = createPlanStore(f.api, plan(1), { journal: j.journal, retryDelaysMs: [1000] });
    store.editNode('m1', { heading: '健' });
    // Before the debounce, before any send.
    expect(j.last()).toEqual([{ kind: 'node', nodeId: 'm1', patch: { heading: '健' } }]);
    expect(f.calls.filter((c) => c.name === 'outline.updateNode')).toHaveLength(0);
    store.editNode('m1', { heading: '健全' });
    expect(j.last()).toEqual([{ kind: 'node', nodeId: 'm1', patch: { heading: '健全' } }]);
    f.failNext(fail('db_busy'));
    await vi.advanceTimersByTimeAsync(600);
    expect(store.get().issue?.code).toBe('db_busy');
    expect(j.last()).toEqual([{ kind: 'node', nodeId: 'm1', patch: { heading: '健全' } }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get().saveState).toBe('saved');
    expect(j.last()).toEqual([]);
    store.dispose();
  });

  it('被拒绝的修改也留在日志中（注明原因），直到用户放弃', async () => {
    const f = fakeService();
    const j = recordingJournal();
    const store = createPlanStore(f.api, plan(1), { journal: j.journal });
    f.failNext(fail('not_found', '节点不存在'));
    store.editNode('m1', { heading: '无处安放' });
    await store.flush();
    expect(j.last()).toEqual([{ kind: 'node', nodeId: 'm1', patch: { heading: '无处安放' }, refused: { code: 'not_found', message: '节点不存在' } }]);
    store.dismissRefused();
    expect(j.last()).toEqual([]);
    store.dispose();
  });

  it('日志写不下时提示（不得假装已记在本机）', () => {
    const f = fakeService();
    const journal: EditJournal = { session: 's', record: () => false, orphans: async () => [], forget: () => undefined, release: () => undefined };
    const store = createPlanStore(f.api, plan(1), { journal });
    store.editNode('m1', { heading: '很长的字' });
    expect(store.get().journalFull).toBe(true);
    store.dispose();
  });

  it('离开编辑页（close）后不再自动重试，释放日志锁，未保存的内容留给下次打开', async () => {
    vi.useFakeTimers();
    const f = fakeService();
    const j = recordingJournal();
    const store = createPlanStore(f.api, plan(1), { journal: j.journal, retryDelaysMs: [1000] });
    f.failNext(fail('db_busy'));
    store.editNode('m1', { heading: '留待恢复' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(0);
    store.close();
    expect(j.journal.release).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.sent('留待恢复')).toBe(1);
    expect(j.last()).toEqual([{ kind: 'node', nodeId: 'm1', patch: { heading: '留待恢复' } }]);
    store.dispose();
  });

  it('离开时正常发送中的修改先发完，再释放日志锁', async () => {
    const f = fakeService();
    const j = recordingJournal();
    const store = createPlanStore(f.api, plan(1), { journal: j.journal });
    store.editNode('m1', { heading: '离开前输入' });
    store.close();
    expect(j.journal.release).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(j.journal.release).toHaveBeenCalledTimes(1));
    expect(f.headings.get('m1')).toBe('离开前输入');
    expect(j.last()).toEqual([]);
    store.dispose();
  });

  it('恢复日志中的修改：立即显示在编辑框（重新挂载）并保存', async () => {
    const f = fakeService();
    const store = createPlanStore(f.api, plan(1));
    store.recover([
      { kind: 'node', nodeId: 'm2', patch: { heading: '恢复的标题' } },
      { kind: 'header', patch: { issuer: '中共某局党组' } },
    ]);
    expect(heading(store, 'm2')).toBe('恢复的标题');
    expect(store.get().plan.document.issuer).toBe('中共某局党组');
    expect(store.get().generation).toBe(1);
    await store.flush();
    expect(f.headings.get('m2')).toBe('恢复的标题');
    expect(f.calls.find((c) => c.name === 'plans.updateHeader')?.input.patch).toEqual({ issuer: '中共某局党组' });
    store.dispose();
  });
});
