// 台账 → 下发填报表 / 回收填报表 in Chromium (issue 11): the forms download as one .zip with a file per
// department; a returned file shows the review table, and applying it records the reported progress.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipBuffer } from '../helpers/zip.ts';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { openTab } from './progress-fixture.ts';
import { fillProgress, seedPlan } from '../integration/forms/fixture.ts';

afterAll(closeBrowser);

const SHOTS = process.env.RECTIFY_SCREENSHOTS;

describe('下发与回收填报表（浏览器端到端）', () => {
  it('下发填报表下载一个 .zip，每个部门一个文件；回收一个填好的文件显示核对表并应用', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      const plan = await seedPlan(app.services);
      await openTab(app, plan.planId, '台账');

      await page.getByRole('button', { name: '下发填报表' }).click();
      const dialog = page.getByRole('dialog', { name: '下发填报表' });
      await dialog.getByText('办公室（3项措施）').waitFor();
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'forms-issue.png') });
      const downloaded = page.waitForEvent('download');
      await dialog.getByRole('button', { name: '生成并保存' }).click();
      const download = await downloaded;
      expect(download.suggestedFilename()).toMatch(/^巡察反馈问题整改方案_进展填报表_\d{8}\.zip$/);
      const zipFile = path.join(app.dataDir, 'forms.zip');
      await download.saveAs(zipFile);
      const entries = await unzipBuffer(readFileSync(zipFile));
      expect([...entries.keys()].map((n) => n.split('_')[0])).toEqual(['办公室', '组织人事科', '财务科']);
      await dialog.waitFor({ state: 'hidden' });

      const [officeName, officeBytes] = [...entries].find(([n]) => n.startsWith('办公室'))!;
      const returnedFile = path.join(app.dataDir, officeName);
      writeFileSync(
        returnedFile,
        await fillProgress(officeBytes, { '一-1-1': { progress: '已召开党组会专题学习。', status: '已完成', completedOn: '2026-03-15', reporter: '王秘书', reportedOn: '2026-04-18' } }),
      );

      await page.getByRole('button', { name: '回收填报表' }).click();
      const collect = page.getByRole('dialog', { name: '回收填报表' });
      const chooser = page.waitForEvent('filechooser');
      await collect.getByRole('button', { name: '选择文件' }).click();
      await (await chooser).setFiles(returnedFile);
      const table = collect.getByRole('table');
      await table.getByText('已召开党组会专题学习。').waitFor();
      await collect.getByRole('status', { name: '回收统计' }).getByText(/读取了1份填报表：1行/).waitFor();
      await expect(table.getByText('2026-03-15').count()).resolves.toBeGreaterThan(0);
      await table.getByText('王秘书 2026-04-18').waitFor();
      const apply = collect.getByRole('button', { name: '应用所选（1行）' });
      await expect.poll(() => apply.isEnabled()).toBe(true);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'forms-collect.png') });
      await apply.click();
      await page.getByText('已应用1行（3处变化）').waitFor();
      await table.getByText('已应用过，无新内容').waitFor();
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'forms-applied.png') });

      const m = await app.services.call('progress.get', { measureId: plan.ids['一-1-1']! });
      expect(m.measure.status).toBe('done');
      expect(m.history[0]).toMatchObject({ date: '2026-03-15', actor: '王秘书', source: `部门报送：办公室，${officeName}，王秘书，2026-04-18` });
      await collect.getByRole('button', { name: '关闭', exact: true }).last().click();
      // The ledger (with its progress column) shows the reported progress.
      await page.getByText('整改台账（含进展和佐证材料）').click();
      await page.getByText('已完成。已召开党组会专题学习。').first().waitFor();
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
