import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/errors.ts';
import { CONFLICT_BEFORE_EXPORT, createPlanStore, saveAllEdits } from '../../../renderer/editor/plan-store.ts';
import { plan } from './plan-fixture.ts';

/** A fake service: records calls, answers with a growing version, can be told to refuse. */
function fakeApi() {
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  let version = 1;
  let refuse: AppError | null = null;
  const api: Api = {
    async send(name, input) {
      const i = input as Record<string, unknown>;
      calls.push({ name, input: i });
      if (name === 'history.state') return { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null } as never;
      if (name === 'plans.get') return plan(version) as never;
      if (refuse) {
        const err = refuse;
        refuse = null;
        throw err;
      }
      if (typeof i.expectedVersion === 'number' && i.expectedVersion !== version) throw new AppError('conflict', '方案已被修改');
      version++;
      return { planId: 'p1', version, updatedAt: 'now', nodeId: null, node: null, canUndo: true, canRedo: false } as never;
    },
  };
  return {
    api,
    calls,
    writes: () => calls.filter((c) => c.name !== 'history.state' && c.name !== 'plans.get'),
    bump: () => version++,
    refuseNext: (err: AppError) => (refuse = err),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('编辑器保存队列（不丢一个字）', () => {
  it('连续输入合并为一次保存，在一秒内发出；每次写入带上一版本号', async () => {
    vi.useFakeTimers();
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    store.editNode('m1', { heading: '健' });
    store.editNode('m1', { heading: '健全' });
    store.editNode('m1', { measure: { department: '办公室' } });
    store.editNode('m2', { heading: '开展' });
    expect(store.get().saveState).toBe('pending');
    expect(f.writes()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    const writes = f.writes();
    expect(writes.map((w) => [w.input.nodeId, w.input.expectedVersion])).toEqual([
      ['m1', 1],
      ['m2', 2],
    ]);
    expect(writes[0]!.input.patch).toEqual({ heading: '健全', measure: { department: '办公室' } });
    expect(store.get().version).toBe(3);
    expect(store.get().saveState).toBe('saved');
    // The tree's copy follows the text.
    expect(store.get().outline[0]!.heading).toBe('健全');
    store.dispose();
  });

  it('flush 立即发出等待中的修改（失焦、隐藏窗口、关闭时）', async () => {
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    store.editHeader({ issuer: '中共某局党组' });
    store.editNode('m1', { body: ['第一段'] });
    await store.flush();
    expect(f.writes().map((w) => w.name)).toEqual(['plans.updateHeader', 'outline.updateNode']);
    expect(store.dirty()).toBe(false);
    store.dispose();
  });

  it('另一窗口已修改时暂停写入，由用户选择：用我的覆盖则在最新版本上重发', async () => {
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    f.bump(); // the other window saved
    store.editNode('m1', { heading: '我的修改' });
    const flushed = store.flush();
    await vi.waitFor(() => expect(store.get().conflict).toBe(true));
    expect(store.dirty()).toBe(true);
    await store.resolveConflict('mine');
    await flushed;
    const last = f.writes().at(-1)!;
    expect(last.input).toMatchObject({ nodeId: 'm1', expectedVersion: 2, patch: { heading: '我的修改' } });
    expect(store.get().conflict).toBe(false);
    store.dispose();
  });

  it('选择载入对方的修改：放弃等待中的修改并重新读取', async () => {
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    f.bump();
    store.editNode('m1', { heading: '我的修改' });
    void store.flush();
    await vi.waitFor(() => expect(store.get().conflict).toBe(true));
    const generation = store.get().generation;
    await store.resolveConflict('theirs');
    expect(store.get().generation).toBe(generation + 1);
    expect(store.get().version).toBe(2);
    expect(store.dirty()).toBe(false);
    expect(f.writes().filter((w) => w.input.patch)).toHaveLength(1); // the refused one only
    store.dispose();
  });

  it('服务暂时不可达时保留修改并稍后重试', async () => {
    vi.useFakeTimers();
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    f.refuseNext(new AppError('io', '无法连接到工作台服务'));
    store.editNode('m1', { heading: '断网时写的' });
    void store.flush();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.get().saveState).toBe('offline');
    await vi.advanceTimersByTimeAsync(3500);
    expect(store.get().saveState).toBe('saved');
    const sent = f.writes().filter((w) => (w.input.patch as { heading?: string } | undefined)?.heading === '断网时写的');
    expect(sent).toHaveLength(2);
    store.dispose();
  });
});

describe('回到窗口时取回其他窗口的修改', () => {
  it('本窗口没有待保存的修改时重新读取；有修改时不动', async () => {
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    f.bump();
    store.editNode('m1', { heading: '还在输入' });
    await store.refreshIfStale();
    expect(store.get().version).toBe(1);
    expect(store.get().generation).toBe(0);
    store.dispose();

    const g = fakeApi();
    const quiet = createPlanStore(g.api, plan(1));
    g.bump();
    await quiet.refreshIfStale();
    expect(quiet.get().version).toBe(2);
    expect(quiet.get().generation).toBe(1);
    quiet.dispose();
  });
});

describe('导出前保存（saveAllEdits）', () => {
  it('不等防抖：立即发出待保存的输入，写入完成后才返回', async () => {
    vi.useFakeTimers();
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    store.editNode('m1', { measure: { department: '刚输入的部门' } });
    let done = false;
    const saved = saveAllEdits(store).then(() => (done = true));
    // No timer has run: the edit went out because of the call, not the debounce.
    await vi.advanceTimersByTimeAsync(0);
    await saved;
    expect(done).toBe(true);
    expect(f.writes().map((w) => w.input.patch)).toEqual([{ measure: { department: '刚输入的部门' } }]);
    expect(store.dirty()).toBe(false);
    store.dispose();
  });

  it('没有待保存的修改时立即完成', async () => {
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    await saveAllEdits(store);
    expect(f.writes()).toHaveLength(0);
    store.dispose();
  });

  it('另一窗口已修改（冲突）时不无限等待，而是说明须先选择', async () => {
    const f = fakeApi();
    const store = createPlanStore(f.api, plan(1));
    f.bump();
    store.editNode('m1', { heading: '我的修改' });
    await expect(saveAllEdits(store)).rejects.toThrow(CONFLICT_BEFORE_EXPORT);
    // Still in conflict: asked again, it answers at once.
    await expect(saveAllEdits(store)).rejects.toThrow(CONFLICT_BEFORE_EXPORT);
    // The user chooses; then it saves.
    await store.resolveConflict('mine');
    await saveAllEdits(store);
    expect(store.dirty()).toBe(false);
    store.dispose();
  });
});
