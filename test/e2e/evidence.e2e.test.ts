import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { openTab, seedPlan, openMeasure } from './progress-fixture.ts';
import { blobPath } from '../../electron/services/evidence/blob-store.ts';

afterAll(closeBrowser);

/** The bytes the page builds for a dropped file: a fixed pattern, so Node can hash the same thing. */
function pattern(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

/** 1×1 red PNG */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

interface DropSpec {
  name: string;
  type: string;
  /** base64 content, or a pattern made in the page */
  base64?: string;
  pattern?: { size: number; seed: number };
}

/** A real drop: File objects in a DataTransfer, dispatched as dragenter → dragover → drop on the target. */
async function dropFiles(page: Page, selector: string, files: DropSpec[]): Promise<void> {
  await page.locator(selector).evaluate((target, specs: DropSpec[]) => {
    const dt = new DataTransfer();
    for (const s of specs) {
      let bytes: Uint8Array;
      if (s.base64 !== undefined) {
        const bin = atob(s.base64);
        bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      } else {
        const { size, seed } = s.pattern!;
        bytes = new Uint8Array(size);
        for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
      }
      dt.items.add(new File([bytes as BlobPart], s.name, { type: s.type }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, files);
}

/** Picks an option in the open antd Select dropdown (its visible list; the role=option copies are screen-reader only). */
async function pickOption(page: Page, label: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

/** Closes the open dialog by its footer button and waits until it is gone. */
async function closeDialog(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const DROP_ZONE = '[aria-label="拖放文件到此处添加佐证材料"]';

describe('佐证材料（浏览器端到端）', () => {
  it('一次拖入多个文件（中文名、图片、较大文件）：逐个上传并显示进度，内容按校验值存入材料库', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      const first = plan.measures[0]!;
      await openMeasure(app, plan.planId, first);
      await page.locator(DROP_ZONE).waitFor();

      // Slow the upload so the progress bar is observable (DevTools network emulation, loopback included).
      const cdp = await app.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });

      const big = { size: 12 * 1024 * 1024, seed: 7 };
      const text = '党组会议纪要（2026年第1次）\n会议研究部署巡察整改工作。\n';
      await dropFiles(page, DROP_ZONE, [
        { name: '党组会议纪要（第1次）.txt', type: 'text/plain', base64: Buffer.from(text).toString('base64') },
        { name: '现场 照片 [1].png', type: 'image/png', base64: PNG_BASE64 },
        { name: '整改工作录像.mp4', type: 'video/mp4', pattern: big },
      ]);
      const bar = page.getByRole('progressbar', { name: '「整改工作录像.mp4」添加进度' });
      await bar.waitFor({ timeout: 20_000 });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await bar.waitFor({ state: 'detached', timeout: 60_000 });

      const table = page.getByRole('table').filter({ hasText: '整改工作录像.mp4' });
      await table.getByText('现场 照片 [1].png').waitFor();
      await table.getByText('党组会议纪要（第1次）.txt').waitFor();

      const stored = await app.services.call('evidence.list', { measureId: first.id });
      expect(stored.map((a) => a.originalName).sort()).toEqual(['党组会议纪要（第1次）.txt', '整改工作录像.mp4', '现场 照片 [1].png'].sort());
      const video = stored.find((a) => a.originalName === '整改工作录像.mp4')!;
      expect(video.size).toBe(big.size);
      expect(video.sha256).toBe(createHash('sha256').update(pattern(big.size, big.seed)).digest('hex'));
      const minutes = stored.find((a) => a.originalName.endsWith('.txt'))!;
      expect(minutes.sha256).toBe(createHash('sha256').update(Buffer.from(text)).digest('hex'));
      // The type is guessed from the name until the user changes it.
      expect(minutes.type).toBe('会议纪要');
      expect(stored.find((a) => a.originalName.endsWith('.png'))!.type).toBe('照片');

      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('上传中点击取消：不留下半截文件，也不产生材料记录', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[0]!;
      await openTab(app, plan.planId, '整改跟踪');
      await page.locator(DROP_ZONE).waitFor();
      const cdp = await app.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
      await dropFiles(page, DROP_ZONE, [{ name: '扫描件（全部）.pdf', type: 'application/pdf', pattern: { size: 16 * 1024 * 1024, seed: 3 } }]);
      const bar = page.getByRole('progressbar', { name: '「扫描件（全部）.pdf」添加进度' });
      await bar.waitFor();
      await page.getByRole('list', { name: '正在添加的文件' }).getByRole('button', { name: '取消' }).click();
      await page.getByText('已取消上传「扫描件（全部）.pdf」').waitFor();
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      const tmp = path.join(app.dataDir, 'evidence', 'sha256', 'tmp');
      await expect.poll(() => (existsSync(tmp) ? readdirSync(tmp) : []), { timeout: 10_000 }).toEqual([]);
      expect(await app.services.call('evidence.list', { measureId: m.id, includeRemoved: true })).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('修改类型和日期、预览文本和图片、移除后可撤销', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[1]!;
      await app.services.call('evidence.attachData', {
        measureId: m.id,
        originalName: '读书班学习记录.txt',
        dataBase64: Buffer.from('第一天：集中学习党章。', 'utf8').toString('base64'),
      });
      await app.services.call('evidence.attachData', { measureId: m.id, originalName: '读书班现场.png', dataBase64: PNG_BASE64 });
      await openMeasure(app, plan.planId, m);
      await page.getByRole('button', { name: '读书班学习记录.txt', exact: true }).waitFor();

      // 类型 → 签到表
      await page.getByLabel('「读书班学习记录.txt」的材料类型').click();
      await pickOption(page, '签到表');
      await expect.poll(async () => (await app.services.call('evidence.list', { measureId: m.id }))[0]!.type).toBe('签到表');

      // 说明
      await page.getByLabel('「读书班学习记录.txt」的说明').fill('第一期读书班');
      await page.getByLabel('「读书班学习记录.txt」的说明').press('Enter');
      await expect.poll(async () => (await app.services.call('evidence.list', { measureId: m.id }))[0]!.note).toBe('第一期读书班');

      // 预览 text
      await page.getByRole('button', { name: '预览「读书班学习记录.txt」' }).click();
      await expect.poll(() => page.getByLabel('文本内容').innerText()).toBe('第一天：集中学习党章。');
      await closeDialog(page);

      // 预览 image: decoded in the page from the stored bytes
      await page.getByRole('button', { name: '预览「读书班现场.png」' }).click();
      const img = page.getByRole('dialog').getByRole('img', { name: '读书班现场.png' });
      await img.waitFor();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
      await closeDialog(page);

      // 移除 → 撤销
      await page.getByRole('button', { name: '移除「读书班现场.png」' }).click();
      await page.getByText('已移除「读书班现场.png」').waitFor();
      expect((await app.services.call('evidence.list', { measureId: m.id })).map((a) => a.originalName)).toEqual(['读书班学习记录.txt']);
      await page.getByRole('button', { name: '撤销' }).click();
      await page.getByRole('button', { name: '预览「读书班现场.png」' }).waitFor();
      expect((await app.services.call('evidence.list', { measureId: m.id })).map((a) => a.originalName)).toEqual(['读书班学习记录.txt', '读书班现场.png']);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('完整性检查：文件完好时报告完好；内容被改动时列出方案、措施和原文件名', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[2]!;
      const att = await app.services.call('evidence.attachData', {
        measureId: m.id,
        originalName: '财务报销管理办法（修订）.txt',
        type: '制度文本',
        dataBase64: Buffer.from('第一条 为规范财务报销……', 'utf8').toString('base64'),
      });
      await openTab(app, plan.planId, '台账');
      await page.getByRole('button', { name: '完整性检查' }).click();
      await page.getByText('全部佐证材料完好').waitFor();
      await closeDialog(page);

      // Flip one byte in the stored file.
      const file = blobPath(app.dataDir, att.sha256);
      const fd = openSync(file, 'r+');
      const one = Buffer.alloc(1);
      readSync(fd, one, 0, 1, 0);
      one[0] = one[0]! ^ 0xff;
      writeSync(fd, one, 0, 1, 0);
      closeSync(fd);

      await page.getByRole('button', { name: '完整性检查' }).click();
      await page.getByText('发现 1 个文件有问题').waitFor();
      const problems = page.getByRole('table', { name: '有问题的佐证材料' });
      await problems.getByText('内容被改动').waitFor();
      await problems.getByText('财务报销管理办法（修订）.txt').waitFor();
      await problems.getByText(`${m.path} ${m.heading}`).waitFor();
      await problems.getByText('关于巡察反馈问题的整改方案').waitFor();
    } finally {
      await app.close();
    }
  });
});
