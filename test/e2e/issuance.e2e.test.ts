import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { parsePlanFile } from '../../electron/services/import/index.ts';
import { readDocxParts } from '../integration/export/docx-xml.ts';
import { openTab, seedPlan } from './progress-fixture.ts';

afterAll(closeBrowser);

async function fixturePlan() {
  const doc = (await parsePlanFile('test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt')).document;
  return { ...doc, addressee: '机关各部门、各党支部', issuer: '中共XX市人大常委会党组', date: '2025年12月15日' };
}

/** The primary button is on the 1366×768 screen without scrolling the page (the dialog body scrolls). */
async function expectInView(page: Page, button: Locator): Promise<void> {
  const box = (await button.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
}

function text(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('发文设置（浏览器端到端）', () => {
  it('导出对话框：发文设置默认收起；印发通知、红色版头、版记在预览中出现；改写通知正文后导出，设置和通知都被记住', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      const { id } = await app.services.call('plans.createFromDocument', { document: await fixturePlan() });
      await page.goto(`${app.host.url}#/plan/${id}`);
      await page.getByRole('button', { name: '导出 Word' }).click();
      const dialog = page.getByRole('dialog', { name: '导出 Word 公文' });
      await dialog.getByTestId('export-page-count').getByText(/共 \d+ 页/).waitFor();
      const exportButton = dialog.getByRole('button', { name: '导出', exact: true });

      // The common case: nothing of the 发文设置 is shown or printed, 导出 is in view.
      const panel = dialog.locator('.export-issuance-panel');
      await panel.getByText('未设置（只导出正文）').waitFor();
      await expect(dialog.getByLabel('发文字号').count()).resolves.toBe(0);
      await expect(dialog.locator('.export-line.red').count()).resolves.toBe(0);
      await expectInView(page, exportButton);

      await panel.getByText('发文设置', { exact: true }).click();
      await dialog.getByRole('radio', { name: '方案印发通知' }).check();
      await dialog.getByRole('radio', { name: '打印红色版头' }).check();
      await dialog.getByLabel('发文字号').fill('人大党组发[2026]第03号');
      // The 发文字号 check speaks at once.
      await dialog.getByText('年份应使用六角括号〔〕').waitFor();
      await dialog.getByLabel('发文字号').fill('人大党组发〔2026〕3号');
      await dialog.getByRole('switch', { name: '版记（抄送、印发机关和印发日期）' }).click();
      await dialog.getByLabel('抄送机关').fill('市纪委监委，市委组织部');
      await dialog.getByRole('switch', { name: /^双面印刷（版记/ }).click();
      await dialog.getByLabel('通知正文').fill('现将《方案》印发给你们，请认真贯彻执行。');
      await panel.getByText('方案印发通知、红色版头、版记（双面印刷）').waitFor();

      // The preview: the notice first with the red 标志 and rule, the 版记 last without a page number.
      await expect.poll(() => dialog.locator('.export-page[data-part="colophon"]').count(), { timeout: 10_000 }).toBe(1);
      const first = dialog.locator('.export-page').first();
      await expect(first.getAttribute('data-part')).resolves.toBe('notice');
      await expect(first.locator('.export-line.red').innerText()).resolves.toBe('中共XX市人大常委会党组文件');
      await expect(first.locator('.export-rule.red').count()).resolves.toBe(1);
      await expect.poll(() => first.locator('.export-line').allInnerTexts().then((t) => t.join(''))).toContain('请认真贯彻执行。');
      const last = dialog.locator('.export-page').last();
      await expect(last.getAttribute('data-part')).resolves.toBe('colophon');
      await expect(last.locator('.export-page-number').count()).resolves.toBe(0);
      await last.getByText('抄送：市纪委监委，市委组织部。').waitFor();
      const pages = await dialog.locator('.export-page').count();
      expect(pages % 2).toBe(0);
      await dialog.getByTestId('export-page-count').getByText(/通知 1 页.*版记 1 页/).waitFor();
      await expectInView(page, exportButton);

      const download = page.waitForEvent('download');
      await exportButton.click();
      const file = path.join(app.dataDir, 'issued.docx');
      await (await download).saveAs(file);
      const parts = await readDocxParts(readFileSync(file));
      const xml = parts.get('word/document.xml')!;
      expect(text(xml)).toContain('中共XX市人大常委会党组文件');
      expect(text(xml)).toContain('请认真贯彻执行。');
      expect(xml).toContain('<w:color w:val="FF0000"/>');
      expect([...parts.keys()].filter((k) => /footer\d*\.xml$/.test(k)).some((k) => parts.get(k)!.includes('抄送：市纪委监委，市委组织部。'))).toBe(true);

      // Remembered: the settings for the plan, the notice with the plan itself.
      const remembered = await app.services.call('export.getSettings', { planId: id });
      expect([remembered.docType, remembered.letterhead, remembered.docNumber, remembered.colophon, remembered.duplex]).toEqual(['notice', 'red', '人大党组发〔2026〕3号', true, true]);
      const stored = await app.services.call('plans.document', { id });
      expect(stored.notice?.body).toEqual(['现将《方案》印发给你们，请认真贯彻执行。']);
      expect(app.pageErrors).toEqual([]);
      expect(offMachineRequests(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('整改落实情况报告的发文设置：上行文的签发人、主送上级机关，导出的报告带红色版头；方案自己的设置不变', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      const plan = await seedPlan(app);
      await openTab(app, plan.planId, '台账');
      await page.getByRole('button', { name: '整改落实情况报告' }).hover();
      await page.getByRole('menuitem', { name: '报告发文设置（版头、签发人、版记）…' }).click();
      const dialog = page.getByRole('dialog', { name: '导出整改落实情况报告' });
      await dialog.getByTestId('export-page-count').getByText(/共 \d+ 页/).waitFor();
      // A report goes up as a 报告; the panel is open.
      await expect(dialog.getByRole('radio', { name: '报告' }).isChecked()).resolves.toBe(true);
      await expect(dialog.getByRole('radio', { name: '方案印发通知' }).count()).resolves.toBe(0);
      await expect(dialog.getByRole('button', { name: '单独导出台账' }).count()).resolves.toBe(0);
      await dialog.getByRole('radio', { name: '打印红色版头' }).check();
      // This plan has no 落款: the 标志 needs its organ, and the preview says so until it has one.
      await dialog.getByText('没有发文机关标志：请在发文设置中填写发文机关，或给方案填写落款。').waitFor();
      await dialog.getByLabel('发文机关（联合行文每行一个，主办机关在前）').fill('中共某某局党组文件');
      await dialog.getByLabel('发文字号').fill('某局党组〔2026〕5号');
      const signers = dialog.getByLabel('签发人');
      await signers.fill('张三');
      await signers.press('Enter');
      await signers.fill('李四');
      await signers.press('Enter');
      await dialog.getByLabel('主送机关（上级机关）').fill('中共某某市委、市纪委');
      await dialog.getByText('上行文只主送一个上级机关，其他机关可以抄送').waitFor();
      await dialog.getByLabel('主送机关（上级机关）').fill('中共某某市委');
      await expect.poll(() => dialog.locator('.export-page').first().locator('.export-line').allInnerTexts().then((t) => t.join('|')), { timeout: 10_000 }).toContain('签发人：|张三|李四');
      await expectInView(page, dialog.getByRole('button', { name: '导出', exact: true }));

      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: '导出', exact: true }).click();
      const file = path.join(app.dataDir, 'report.docx');
      const got = await download;
      expect(got.suggestedFilename()).toBe('关于巡察反馈问题整改落实情况的报告.docx');
      await got.saveAs(file);
      const xml = (await readDocxParts(readFileSync(file))).get('word/document.xml')!;
      expect(text(xml)).toContain('中共某某局党组文件');
      expect(text(xml)).toContain('签发人：张三李四');
      expect(text(xml)).toContain('中共某某市委：');
      expect(xml).toContain('<w:color w:val="FF0000"/>');

      const reportSettings = await app.services.call('export.getSettings', { planId: plan.planId, target: 'report' });
      expect([reportSettings.docType, reportSettings.letterhead, reportSettings.organs, reportSettings.signers, reportSettings.addressee]).toEqual([
        'report',
        'red',
        ['中共某某局党组'],
        ['张三', '李四'],
        '中共某某市委',
      ]);
      const planSettings = await app.services.call('export.getSettings', { planId: plan.planId });
      expect([planSettings.docType, planSettings.letterhead, planSettings.signers]).toEqual(['none', 'none', []]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
