import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startApp } from './harness.ts';
import { measure, openPlan, outline, pickOption, planDocument, section, treeItem, waitSaved } from './editor-support.ts';

afterAll(closeBrowser);

const doc = () =>
  planDocument('关于某局2025年度民主生活会查摆问题的整改方案', [
    section('整改任务', [section('理论学习方面', [measure('健全学习制度。', { department: '办公室' }), measure('开展专题研讨。')])]),
  ]);

describe('编辑器的状态选择框经由整改跟踪的同一条路径（浏览器端到端）', () => {
  it('选“已销号”打开对账销号对话框：取消则不变；填写审核人后记为销号（审核人、日期、事件），之后的编辑照常保存', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(app, doc());
      await treeItem(page, '1.健全学习制度。').click();
      const measureId = (await outline(app, planId))[0]!.children[0]!.children[0]!.id;

      // An ordinary status: recorded as an event at once.
      await page.getByLabel('状态').click();
      await pickOption(page, '正在推进');
      await waitSaved(page);
      let p = await app.services.call('progress.get', { measureId });
      expect(p.measure.status).toBe('in_progress');
      expect(p.history.map((e) => [e.kind, e.status])).toEqual([['status', 'in_progress']]);

      // 已销号 asks first; 取消 leaves everything as it was.
      await page.getByLabel('状态').click();
      await pickOption(page, '已销号');
      const dialog = page.getByRole('dialog', { name: '对账销号' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await app.services.call('progress.get', { measureId })).measure.status).toBe('in_progress');
      await expect.poll(() => page.locator('.ant-select', { has: page.getByLabel('状态') }).textContent()).toBe('正在推进');

      // Without an approver the dialog does not close.
      await page.getByLabel('状态').click();
      await pickOption(page, '已销号');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '确认销号' }).click();
      await dialog.getByText('请填写审核销号的领导').waitFor();
      await dialog.getByLabel('审核人').fill('党组书记张三');
      await dialog.getByRole('button', { name: '确认销号' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await waitSaved(page);
      p = await app.services.call('progress.get', { measureId });
      expect(p.measure).toMatchObject({ status: 'closed', closedBy: '党组书记张三' });
      expect(p.measure.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.history.at(-1)).toMatchObject({ kind: 'close', status: 'closed', actor: '党组书记张三' });
      await treeItem(page, '1.健全学习制度。').getByText('已销号').waitFor();

      // The editor continues from the version the 销号 produced: a text edit saves, no conflict.
      await page.getByLabel('措施标题').fill('健全完善学习制度。');
      await page.getByLabel('正文').click();
      await waitSaved(page);
      expect((await outline(app, planId))[0]!.children[0]!.children[0]!.heading).toBe('健全完善学习制度。');
      expect(await page.getByRole('dialog', { name: '方案已在其他窗口中被修改' }).count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
