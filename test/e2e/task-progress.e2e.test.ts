import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, startApp } from './harness.ts';
import { fakeDesktopBridge } from './desktop-bridge.ts';
import { openTab, seedPlan } from './progress-fixture.ts';

afterAll(closeBrowser);

describe('长任务的进度（桌面版，浏览器端到端）', () => {
  it('完整性检查时按钮上数着已校验的文件；不合格式的进度事件不显示；完成后恢复', async () => {
    const app = await startApp({
      initScript: fakeDesktopBridge({
        progress: {
          method: 'evidence.verify',
          events: [
            { task: 'verify', stage: '正在校验佐证材料', done: 1, total: 3 },
            { task: 'verify', stage: '<script>', done: -5, total: 'x' },
            { task: 'verify', stage: '正在校验佐证材料', done: 2, total: 3 },
          ],
        },
      }),
    });
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      for (const [i, m] of plan.measures.entries()) {
        await app.services.call('evidence.attachData', { measureId: m.id, originalName: `纪要${i + 1}.txt`, dataBase64: Buffer.from(`纪要${i}`).toString('base64') });
      }
      await openTab(app, plan.planId, '台账');
      await page.getByRole('button', { name: '完整性检查' }).click();
      const busy = page.getByRole('button', { name: '正在校验佐证材料 2/3' });
      await busy.waitFor();
      await page.screenshot({ path: 'test-results/task-progress-verify.png' });
      await page.evaluate(() => (window as unknown as { __finishTask: () => void }).__finishTask());
      await page.getByText('全部佐证材料完好').waitFor();
      expect(await page.getByRole('button', { name: '完整性检查' }).count()).toBe(1);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
