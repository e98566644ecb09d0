import { describe, expect, it } from 'vitest';
import { journalKey, openJournal, type LockManagerLike } from '../../../renderer/editor/edit-journal.ts';
import { MemoryStorage as Storage } from '../../helpers/memory-storage.ts';

/** Web Locks in one "browser": a page's locks go when the page does (release or page gone). */
function lockManager() {
  const held = new Map<string, () => void>();
  const locks: LockManagerLike = {
    request(name, callback) {
      const done = callback();
      held.set(name, () => held.delete(name));
      return done.finally(() => held.delete(name));
    },
    query: async () => ({ held: [...held.keys()].map((name) => ({ name })) }),
  };
  return { locks, held, pageGone: (session: string) => held.get(`rectify-journal:${session}`)?.() };
}

const edit = (heading: string) => ({ kind: 'node' as const, nodeId: 'm1', patch: { heading } });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('本机日志（localStorage，按方案分键）', () => {
  it('记录本窗口未保存的修改；清空时删除记录；其他窗口打开时看不到仍在编辑的窗口的记录', async () => {
    const storage = new Storage();
    const l = lockManager();
    const a = openJournal(storage, 'p1', { locks: l.locks, session: 'a' });
    expect(a.record(3, [edit('第一稿')])).toBe(true);
    expect(JSON.parse(storage.getItem(journalKey('p1'))!).sessions.a).toMatchObject({ baseVersion: 3, edits: [edit('第一稿')] });
    await tick();
    const b = openJournal(storage, 'p1', { locks: l.locks, session: 'b' });
    expect(await b.orphans()).toEqual([]);
    // The page of session a is gone (closed, crashed, reloaded): its edits are left behind.
    l.pageGone('a');
    expect((await b.orphans()).map((r) => [r.session, r.edits])).toEqual([['a', [edit('第一稿')]]]);
    b.forget(['a']);
    expect(storage.getItem(journalKey('p1'))).toBeNull();
  });

  it('两个窗口编辑同一方案，各写各的记录，互不覆盖；全部保存后键被删除', () => {
    const storage = new Storage();
    const a = openJournal(storage, 'p1', { locks: null, session: 'a' });
    const b = openJournal(storage, 'p1', { locks: null, session: 'b' });
    a.record(1, [edit('甲')]);
    b.record(1, [edit('乙')]);
    const sessions = JSON.parse(storage.getItem(journalKey('p1'))!).sessions;
    expect(Object.keys(sessions).sort()).toEqual(['a', 'b']);
    a.record(2, []);
    b.record(2, []);
    expect(storage.getItem(journalKey('p1'))).toBeNull();
  });

  it('release 之后（离开编辑页）本窗口的记录可被下次打开取回', async () => {
    const storage = new Storage();
    const l = lockManager();
    const a = openJournal(storage, 'p1', { locks: l.locks, session: 'a' });
    a.record(1, [edit('离开前')]);
    await tick();
    const b = openJournal(storage, 'p1', { locks: l.locks, session: 'b' });
    expect(await b.orphans()).toEqual([]);
    a.release();
    await tick();
    expect((await b.orphans()).map((r) => r.session)).toEqual(['a']);
  });

  it('有上限：超过上限时返回 false 且保留上一份记录，不写半截', () => {
    const storage = new Storage();
    const a = openJournal(storage, 'p1', { locks: null, session: 'a', maxChars: 400 });
    expect(a.record(1, [edit('短')])).toBe(true);
    expect(a.record(1, [edit('长'.repeat(500))])).toBe(false);
    expect(JSON.parse(storage.getItem(journalKey('p1'))!).sessions.a.edits).toEqual([edit('短')]);
  });

  it('存储已满时先清除其他方案一周前的旧记录再写；仍写不下则返回 false；本方案的记录从不被清除', () => {
    const storage = new Storage();
    const old = new Date('2025-01-01T00:00:00Z');
    const now = new Date('2025-03-01T00:00:00Z');
    openJournal(storage, 'p-old', { locks: null, session: 'x', now: () => old }).record(1, [edit('旧'.repeat(300))]);
    openJournal(storage, 'p-new', { locks: null, session: 'y', now: () => now }).record(1, [edit('新'.repeat(300))]);
    storage.quota = storage.getItem(journalKey('p-new'))!.length + 600;
    const mine = openJournal(storage, 'p1', { locks: null, session: 'a', now: () => now });
    expect(mine.record(1, [edit('本方案'.repeat(100))])).toBe(true);
    expect(storage.getItem(journalKey('p-old'))).toBeNull();
    expect(storage.getItem(journalKey('p-new'))).not.toBeNull();
    expect(mine.record(1, [edit('本方案'.repeat(1000))])).toBe(false);
    expect(storage.getItem(journalKey('p-new'))).not.toBeNull();
  });

  it('没有存储（被禁用）或记录损坏时不抛错：写入报告失败，损坏的内容不阻碍新记录', async () => {
    expect(openJournal(null, 'p1', { locks: null }).record(1, [edit('甲')])).toBe(false);
    const storage = new Storage();
    storage.setItem(journalKey('p1'), '{"v":1,"sessions":');
    const a = openJournal(storage, 'p1', { locks: null, session: 'a' });
    expect(await a.orphans()).toEqual([]);
    expect(a.record(1, [edit('甲')])).toBe(true);
  });

  it('浏览器的 Web Locks（navigator.locks）判断窗口是否仍在', async () => {
    const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
    expect(locks).toBeDefined();
    const storage = new Storage();
    const a = openJournal(storage, 'p-locks', { session: `a-${Math.random()}` });
    const b = openJournal(storage, 'p-locks', { session: `b-${Math.random()}` });
    a.record(1, [edit('甲')]);
    await tick();
    expect(await b.orphans()).toEqual([]);
    a.release();
    await tick();
    expect((await b.orphans()).map((r) => r.session)).toEqual([a.session]);
  });
});
