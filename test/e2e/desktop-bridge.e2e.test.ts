import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeBrowser, startApp, type AppUnderTest } from './harness.ts';
import { fakeDesktopBridge } from './desktop-bridge.ts';
import { openTab, seedPlan, openMeasure } from './progress-fixture.ts';
import { tempDir } from '../helpers/temp.ts';

afterAll(closeBrowser);

/**
 * Opens the first measure of a seeded plan in 整改跟踪 and drops one file on its evidence zone. The File
 * in the page holds other bytes than any disk file, so what gets stored proves which one was read.
 */
async function dropOnFirstMeasure(app: AppUnderTest, file: { name: string; type: string }): Promise<{ measureId: string }> {
  const plan = await seedPlan(app);
  const first = plan.measures[0]!;
  await openMeasure(app, plan.planId, first);
  const zone = app.page.locator('[aria-label="拖放文件到此处添加佐证材料"]');
  await zone.waitFor();
  await zone.evaluate((target, f) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['页面中的内容'], f.name, { type: f.type }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, file);
  return { measureId: first.id };
}

describe('桌面版界面（模拟 Electron 预加载桥）', () => {
  it('拖入的文件按磁盘路径由服务直接读取（不经页面内存）', async () => {
    const disk = tempDir();
    const onDisk = path.join(disk, '签到表（第2次）.txt');
    writeFileSync(onDisk, '磁盘上的真实内容：签到表');
    const app = await startApp({ initScript: fakeDesktopBridge({ saveDir: tempDir(), dropPaths: { '签到表（第2次）.txt': onDisk } }) });
    const { page } = app;
    try {
      const { measureId } = await dropOnFirstMeasure(app, { name: '签到表（第2次）.txt', type: 'text/plain' });
      await page.getByRole('table').getByText('签到表（第2次）.txt').waitFor();
      const [stored] = await app.services.call('evidence.list', { measureId });
      expect(stored?.originalName).toBe('签到表（第2次）.txt');
      expect(stored?.sha256).toBe(createHash('sha256').update(readFileSync(onDisk)).digest('hex'));
      const calls = await page.evaluate(() => (window as unknown as { __desktopCalls: string[] }).__desktopCalls);
      expect(calls).toContain('evidence.attachPath');
      expect(calls).not.toContain('evidence.attachData');
    } finally {
      await app.close();
    }
  });

  it('按磁盘路径复制的大文件也显示进度条，完成后列入材料表', async () => {
    const disk = tempDir();
    const big = path.join(disk, '整改工作录像.mp4');
    writeFileSync(big, Buffer.alloc(320 * 1024 * 1024, 3));
    const app = await startApp({ initScript: fakeDesktopBridge({ dropPaths: { '整改工作录像.mp4': big } }) });
    const { page } = app;
    try {
      const { measureId } = await dropOnFirstMeasure(app, { name: '整改工作录像.mp4', type: 'video/mp4' });
      const bar = page.getByRole('progressbar', { name: '「整改工作录像.mp4」添加进度' });
      await bar.waitFor({ timeout: 20_000 });
      await page.getByRole('table').getByText('整改工作录像.mp4').waitFor({ timeout: 60_000 });
      const calls = await page.evaluate(() => (window as unknown as { __desktopCalls: string[] }).__desktopCalls);
      expect(calls).toContain('evidence.attachPath');
      expect(calls).toContain('evidence.transferProgress');
      const [stored] = await app.services.call('evidence.list', { measureId });
      expect(stored?.size).toBe(320 * 1024 * 1024);
    } finally {
      await app.close();
    }
  });

  it('导出整改落实情况报告和佐证材料包：保存到用户在对话框中选择的位置', async () => {
    const saveDir = tempDir();
    const app = await startApp({ initScript: fakeDesktopBridge({ saveDir }) });
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      await openTab(app, plan.planId, '台账');
      await page.getByRole('button', { name: '整改落实情况报告' }).hover();
      await page.getByText('导出报告为 Word（.docx）').click();
      const report = path.join(saveDir, '整改落实情况报告.docx');
      await expect.poll(() => existsSync(report), { timeout: 30_000 }).toBe(true);
      expect(readFileSync(report).subarray(0, 2).toString('latin1')).toBe('PK');

      await page.getByRole('button', { name: '导出佐证材料包' }).click();
      const pkg = path.join(saveDir, '佐证材料.zip');
      await expect.poll(() => existsSync(pkg), { timeout: 30_000 }).toBe(true);
      expect(readFileSync(pkg).subarray(0, 2).toString('latin1')).toBe('PK');
    } finally {
      await app.close();
    }
  });
});
