import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/services/store/database.ts';
import { closeBrowser, startApp, type AppUnderTest } from './harness.ts';
import { measure, openPlan, outline, planDocument, section, treeItem, waitSaved } from './editor-support.ts';

afterAll(closeBrowser);

const doc = () =>
  planDocument('关于某局2025年度民主生活会查摆问题的整改方案', [
    section('整改任务', [measure('健全学习制度。', { department: '办公室' }), measure('开展专题研讨。')]),
  ]);

/** Another program holding the workbook's write lock (as a CLI import or a second app would). */
function holdWriteLock(app: AppUnderTest): { release: () => void } {
  const other = new Database(path.join(app.dataDir, DB_FILE));
  other.exec('BEGIN EXCLUSIVE');
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      other.exec('COMMIT');
      other.close();
    },
  };
}

/** The plan open on its first measure, with the write lock taken by another program. */
async function openFirstMeasureLocked(app: AppUnderTest, locks: { release: () => void }[]): Promise<string> {
  const planId = await openPlan(app, doc());
  await treeItem(app.page, '（一）健全学习制度。').click();
  locks.push(holdWriteLock(app));
  return planId;
}

async function storedHeading(app: AppUnderTest, planId: string): Promise<string | undefined> {
  return (await outline(app, planId))[0]?.children[0]?.heading;
}

describe('保存失败时不丢字（浏览器端到端）', () => {
  it('另一程序持有写锁：提示“正被其他程序占用”与“未保存”，文字留在输入框；锁释放后自动保存并显示“已保存”', async () => {
    const app = await startApp();
    const { page } = app;
    const lock: { release: () => void }[] = [];
    try {
      const planId = await openFirstMeasureLocked(app, lock);
      const heading = page.getByLabel('措施标题');
      await heading.fill('锁住时写下的措施，一个字也不能丢。');
      await heading.press('Tab');
      const notice = page.getByRole('alert').filter({ hasText: '正被其他程序占用' });
      await notice.waitFor();
      await page.getByRole('status').filter({ hasText: /^未保存$/ }).waitFor();
      expect(await heading.inputValue()).toBe('锁住时写下的措施，一个字也不能丢。');
      expect(await notice.getByRole('button', { name: '重试' }).count()).toBe(1);
      expect(await notice.getByRole('button', { name: '复制未保存的内容' }).count()).toBe(1);
      expect(await storedHeading(app, planId)).toBe('健全学习制度。');

      // Leaving for the plan list asks first; 返回保存 stays with the text.
      await page.getByRole('button', { name: '返回方案列表' }).click();
      const ask = page.getByRole('dialog').filter({ hasText: '有修改尚未保存' });
      await ask.waitFor();
      await ask.getByRole('button', { name: '返回保存' }).click();
      await ask.waitFor({ state: 'hidden' });
      expect(await heading.inputValue()).toBe('锁住时写下的措施，一个字也不能丢。');
      expect(page.url()).toContain(`#/plan/${planId}`);

      // The other program finishes: the page saves on its own.
      lock[0]!.release();
      await waitSaved(page);
      await notice.waitFor({ state: 'detached' });
      expect(await storedHeading(app, planId)).toBe('锁住时写下的措施，一个字也不能丢。');
      const stored = await app.services.call('plans.get', { id: planId });
      expect(stored.outline[0]!.children[0]!.measure?.department).toBe('办公室');
      expect(await heading.inputValue()).toBe('锁住时写下的措施，一个字也不能丢。');
      expect(app.pageErrors).toEqual([]);
    } finally {
      for (const l of lock) l.release();
      await app.close();
    }
  });

  it('未保存时重新加载页面：浏览器先询问；重新打开后从本机日志提出“恢复未保存的修改”，恢复后保存', async () => {
    const app = await startApp();
    const { page } = app;
    const lock: { release: () => void }[] = [];
    try {
      const planId = await openFirstMeasureLocked(app, lock);
      const body = page.getByLabel('正文');
      await body.fill('每月召开一次理论学习中心组学习会。\n每季度开展一次专题研讨。');
      await body.press('Tab');
      await page.getByRole('alert').filter({ hasText: '正被其他程序占用' }).waitFor();

      const asked: string[] = [];
      page.on('dialog', (dialog) => {
        asked.push(dialog.type());
        void dialog.accept();
      });
      await page.reload();
      expect(asked).toEqual(['beforeunload']);

      const offer = page.getByRole('dialog').filter({ hasText: '发现未保存的修改' });
      await offer.waitFor();
      expect(await offer.textContent()).toContain('每月召开一次理论学习中心组学习会。');
      expect(await offer.textContent()).toContain('每季度开展一次专题研讨。');
      expect(await offer.getByRole('button', { name: '放弃' }).count()).toBe(1);
      // Nothing is applied before the user chooses.
      expect((await outline(app, planId))[0]!.children[0]!.body).toEqual([]);

      lock[0]!.release();
      await offer.getByRole('button', { name: '恢复未保存的修改' }).click();
      await offer.waitFor({ state: 'hidden' });
      await waitSaved(page);
      expect((await outline(app, planId))[0]!.children[0]!.body).toEqual(['每月召开一次理论学习中心组学习会。', '每季度开展一次专题研讨。']);
      await treeItem(page, '（一）健全学习制度。').click();
      expect(await page.getByLabel('正文').inputValue()).toBe('每月召开一次理论学习中心组学习会。\n每季度开展一次专题研讨。');

      // Stored, so the journal is empty: the next open has nothing to offer.
      const journals = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rectify.journal.')));
      expect(journals).toEqual([]);
    } finally {
      for (const l of lock) l.release();
      await app.close();
    }
  });
});
