import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import { saveNotice } from '../../../renderer/editor/save-notice.ts';
import { planRecovery } from '../../../renderer/editor/journal-recovery.ts';
import { openJournal } from '../../../renderer/editor/edit-journal.ts';
import {
  MemoryStorage,
  expectSaved,
  expectUnsaved,
  headingIn,
  openEditor,
  otherConnection,
  startServiceSide,
  storedNode,
  until,
} from './harness.ts';

/**
 * 不丢一个字: the editor's real save queue over the real services, with the storage or the service
 * failing under it. In every case the typed text stays in the editor, the editor says 未保存 and why,
 * and the text is in the database as soon as the cause is gone.
 */

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0).reverse()) fn();
});

async function setUp() {
  const side = await startServiceSide();
  cleanup.push(() => side.services.close());
  const storage = new MemoryStorage();
  const { store, journal } = await openEditor(side, side.planId, storage);
  cleanup.push(() => store.dispose());
  return { side, storage, store, journal };
}

/** What the journal holds for the plan (all sessions), as the next open would read it. */
function journaled(storage: MemoryStorage, planId: string): string {
  return storage.getItem(`rectify.journal.${planId}`) ?? '';
}

describe('保存失败时不丢字（真实服务 + 真实保存队列）', () => {
  it('磁盘已满：文字留在编辑器并记入本机日志，显示“磁盘已满”与未保存；腾出空间后自动保存', async () => {
    const { side, storage, store } = await setUp();
    // The database may not grow beyond its present size: what a full disk does to SQLite.
    side.services.context.db.exec('PRAGMA max_page_count = 1');
    const text = '建立理论学习常态化机制。'.repeat(2000);
    store.editNode(side.measureId, { heading: '落实“第一议题”制度。', body: [text] });
    void store.flush();

    await expectUnsaved(store, 'disk_full');
    expect(saveNotice('disk_full').title).toMatch(/^磁盘已满/);
    expect(store.get().issue?.message).toContain(side.dataDir);
    expect(headingIn(store, side.measureId)).toBe('落实“第一议题”制度。');
    expect(journaled(storage, side.planId)).toContain('落实“第一议题”制度。');
    expect((await storedNode(side, side.planId, side.measureId))?.heading).toBe('健全学习制度。');

    // Typing goes on while the disk is full: kept as well.
    store.editNode(side.measureId, { measure: { department: '机关党委' } });
    void store.flush();

    side.services.context.db.exec('PRAGMA max_page_count = 1073741823');
    await expectSaved(store);
    const node = await storedNode(side, side.planId, side.measureId);
    expect(node?.heading).toBe('落实“第一议题”制度。');
    expect(node?.body).toEqual([text]);
    expect(node?.measure?.department).toBe('机关党委');
    expect(journaled(storage, side.planId)).toBe('');
  });

  it('数据文件只读：显示“数据文件只读”与未保存；恢复可写（重新打开服务）后保存', async () => {
    const side = await startServiceSide();
    const storage = new MemoryStorage();
    const { store } = await openEditor(side, side.planId, storage);
    cleanup.push(() => store.dispose());
    // The service's own connection becomes a read-only one, as SQLite opens a file it may not write:
    // reads work, every write is refused by SQLite itself (SQLITE_READONLY). The writable one is closed
    // after the read-only one is open so the WAL files stay in place.
    const readonly = otherConnection(side.dataDir, { readonly: true, fileMustExist: true });
    side.services.context.db.close();
    side.services.context.db = readonly;

    store.editNode(side.measureId, { heading: '只读时写下的措施。' });
    void store.flush();
    await expectUnsaved(store, 'db_readonly');
    expect(saveNotice('db_readonly').title).toMatch(/^数据文件只读/);
    expect(headingIn(store, side.measureId)).toBe('只读时写下的措施。');

    // The user makes the file writable and the app starts its services again: the same page saves.
    readonly.close();
    side.services = await createServices({ dataDir: side.dataDir });
    cleanup.push(() => side.services.close());
    store.retry();
    await expectSaved(store);
    expect((await storedNode(side, side.planId, side.measureId))?.heading).toBe('只读时写下的措施。');
  });

  it('另一个连接持有写锁（BEGIN EXCLUSIVE）数秒：显示“正被其他程序占用”，锁释放后自动保存', async () => {
    const { side, store } = await setUp();
    const other = otherConnection(side.dataDir);
    cleanup.push(() => other.close());
    other.exec('BEGIN EXCLUSIVE');
    let held = true;
    cleanup.push(() => held && other.exec('ROLLBACK'));

    store.editNode(side.measureId, { heading: '锁住时写下的措施。' });
    store.editNode(side.measureId, { body: ['每月召开一次理论学习中心组学习会。'] });
    void store.flush();
    await expectUnsaved(store, 'db_busy');
    expect(saveNotice('db_busy').title).toContain('正被其他程序占用');
    expect(headingIn(store, side.measureId)).toBe('锁住时写下的措施。');
    // Reads still work under the lock: the stored plan is unchanged and the store did not reload it over the text.
    expect((await storedNode(side, side.planId, side.measureId))?.heading).toBe('健全学习制度。');
    expect(store.get().generation).toBe(0);

    other.exec('COMMIT');
    held = false;
    await expectSaved(store);
    const node = await storedNode(side, side.planId, side.measureId);
    expect(node?.heading).toBe('锁住时写下的措施。');
    expect(node?.body).toEqual(['每月召开一次理论学习中心组学习会。']);
  });

  it('服务中断（连接失败）：显示“无法连接服务”，服务重新启动后同一页面自动保存', async () => {
    const { side, storage, store } = await setUp();
    side.mode = 'down';
    store.editNode(side.measureId, { heading: '服务中断时写下的措施。' });
    void store.flush();
    await expectUnsaved(store, 'io');
    expect(saveNotice('io').title).toMatch(/^无法连接服务/);
    expect(headingIn(store, side.measureId)).toBe('服务中断时写下的措施。');
    expect(journaled(storage, side.planId)).toContain('服务中断时写下的措施。');

    // The service process is restarted on the same data folder.
    side.services.close();
    side.services = await createServices({ dataDir: side.dataDir });
    side.mode = 'up';
    await expectSaved(store);
    expect((await storedNode(side, side.planId, side.measureId))?.heading).toBe('服务中断时写下的措施。');
  });

  it('服务在写入后、回答前退出：重试时认出已保存的内容，不误报冲突，也不重复写入', async () => {
    const { side, store } = await setUp();
    side.mode = 'dies-after-write';
    store.editNode(side.measureId, { heading: '写入后服务退出。' });
    void store.flush();
    await expectUnsaved(store, 'io');
    expect((await storedNode(side, side.planId, side.measureId))?.heading).toBe('写入后服务退出。');
    const version = (await side.services.call('plans.get', { id: side.planId })).version;

    side.mode = 'up';
    await expectSaved(store);
    expect(store.get().conflict).toBe(false);
    expect(store.get().version).toBe(version);
    expect((await side.services.call('plans.get', { id: side.planId })).version).toBe(version);
  });

  it('服务没有回答、页面随后关闭或崩溃：下次打开此方案时从本机日志取回文字，恢复后保存', async () => {
    const side = await startServiceSide();
    cleanup.push(() => side.services.close());
    const storage = new MemoryStorage();
    const first = await openEditor(side, side.planId, storage);
    side.mode = 'hang';
    first.store.editNode(side.measureId, { heading: '没等到回答的措施。', body: ['第一段。', '第二段。'] });
    void first.store.flush();
    expect(journaled(storage, side.planId)).toContain('没等到回答的措施。');

    // While the first page is alive its journal is not offered to another window.
    side.mode = 'up';
    const probe = openJournal(storage, side.planId);
    await until(async () => expect(await probe.orphans()).toEqual([]));

    // The browser crashes: the page's lock goes with it (the store never heard back).
    first.journal.release();
    const second = await openEditor(side, side.planId, storage);
    cleanup.push(() => second.store.dispose());
    const orphans = await second.journal.orphans();
    const plan = await side.services.call('plans.get', { id: side.planId });
    const offer = planRecovery(orphans, plan);
    expect(offer?.stale).toBe(false);
    expect(offer?.items.flatMap((i) => i.fields.map((f) => `${f.label}：${f.text}`))).toEqual(['措施标题：没等到回答的措施。', '正文：第一段。\n第二段。']);

    second.store.recover(offer!.edits);
    second.journal.forget(offer!.sessions);
    expect(headingIn(second.store, side.measureId)).toBe('没等到回答的措施。');
    await second.store.flush();
    await expectSaved(second.store);
    const node = await storedNode(side, side.planId, side.measureId);
    expect(node?.heading).toBe('没等到回答的措施。');
    expect(node?.body).toEqual(['第一段。', '第二段。']);
    expect(journaled(storage, side.planId)).toBe('');
  });

  it('本机日志过期（方案此后被其他窗口修改）：作为选择提出，列出现在保存的内容，不自动套用', async () => {
    const side = await startServiceSide();
    cleanup.push(() => side.services.close());
    const storage = new MemoryStorage();
    const first = await openEditor(side, side.planId, storage);
    side.mode = 'down';
    first.store.editNode(side.measureId, { heading: '本窗口未保存的标题。' });
    void first.store.flush();
    await expectUnsaved(first.store, 'io');
    first.store.dispose();
    first.journal.release();

    // Meanwhile another window changed the same measure.
    side.mode = 'up';
    const before = await side.services.call('plans.get', { id: side.planId });
    await side.services.call('outline.updateNode', { planId: side.planId, expectedVersion: before.version, nodeId: side.measureId, patch: { heading: '另一窗口保存的标题。' } });

    const second = await openEditor(side, side.planId, storage);
    cleanup.push(() => second.store.dispose());
    const plan = await side.services.call('plans.get', { id: side.planId });
    const offer = planRecovery(await second.journal.orphans(), plan)!;
    expect(offer.stale).toBe(true);
    expect(offer.items[0]?.fields).toEqual([{ label: '措施标题', text: '本窗口未保存的标题。' }]);
    expect(offer.items[0]?.stored).toEqual([{ label: '措施标题', text: '另一窗口保存的标题。' }]);
    // Opening alone applies nothing.
    expect((await storedNode(side, side.planId, side.measureId))?.heading).toBe('另一窗口保存的标题。');
    expect(headingIn(second.store, side.measureId)).toBe('另一窗口保存的标题。');
  });
});
