import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { parsePlanFile } from '../../electron/services/import/index.ts';
import { readDocxParts } from '../integration/export/docx-xml.ts';
import { measure, openPlan, planDocument, section, treeItem } from './editor-support.ts';

afterAll(closeBrowser);

async function fixturePlan() {
  const doc = (await parsePlanFile('test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt')).document;
  return { ...doc, issuer: '中共XX市人大常委会党组', date: '2025年12月15日' };
}

describe('导出 Word（浏览器端到端）', () => {
  it('对话框显示分页预览（页数与导出文件一致），选择信创字体时提示未安装，导出下载 Word 并记住设置', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const { id } = await app.services.call('plans.createFromDocument', { document: await fixturePlan() });
      await page.goto(`${app.host.url}#/plan/${id}`);
      await page.getByRole('button', { name: '导出 Word' }).click();
      const dialog = page.getByRole('dialog', { name: '导出 Word 公文' });
      await dialog.waitFor();

      // The preview: A4 pages with 22 rows at most, page numbers, the landscape ledger.
      const expected = await app.services.call('export.preview', { planId: id });
      await dialog.getByTestId('export-page-count').getByText(`共 ${expected.pages.length} 页`).waitFor();
      const pages = dialog.locator('.export-page');
      await expect(pages.count()).resolves.toBe(expected.pages.length);
      await expect(dialog.locator('.export-page.landscape').count()).resolves.toBe(expected.pages.filter((p) => p.orientation === 'landscape').length);
      const first = pages.first();
      await expect(first.locator('.export-line').first().innerText()).resolves.toBe('中共XX市人大常委会党组');
      await expect(first.locator('.export-page-number').innerText()).resolves.toBe('— 1 —');
      const firstBox = (await first.boundingBox())!;
      expect(firstBox.height / firstBox.width).toBeCloseTo(16838 / 11906, 2);
      await expect(dialog.locator('.export-page.landscape').first().getByText('整改措施').first().isVisible()).resolves.toBe(true);

      // Changing a setting re-lays out the pages: without the ledger only the portrait pages remain.
      await dialog.getByRole('switch', { name: '附整改台账（横排）' }).click();
      await expect.poll(() => dialog.locator('.export-page.landscape').count(), { timeout: 10_000 }).toBe(0);
      await dialog.getByRole('switch', { name: '附整改台账（横排）' }).click();
      await expect.poll(() => dialog.locator('.export-page.landscape').count(), { timeout: 10_000 }).toBeGreaterThan(0);

      // 信创 fonts are not installed on the build machines: the dialog says so.
      await dialog.getByLabel('字体方案').click();
      await page.locator('.ant-select-item-option', { hasText: '信创' }).click();
      await dialog.getByText(/本机未安装字体：.*方正仿宋_GBK/).waitFor();

      await dialog.getByRole('switch', { name: '加盖印章' }).click();
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: '导出', exact: true }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('中共XX市人大常委会党组2025年度民主生活会查摆问题整改方案.docx');
      const saved = path.join(app.dataDir, 'download.docx');
      await file.saveAs(saved);
      const parts = await readDocxParts(readFileSync(saved));
      expect(parts.get('word/styles.xml')).toContain('w:eastAsia="方正仿宋_GBK"');
      expect(parts.get('word/fontTable.xml')).toContain('w:name="方正小标宋_GBK"');
      expect(parts.get('word/document.xml')).toContain('w:orient="landscape"');
      await page.getByText('已导出：中共XX市人大常委会党组2025年度民主生活会查摆问题整改方案.docx').waitFor();

      // Remembered for this plan.
      const remembered = await app.services.call('export.getSettings', { planId: id });
      expect([remembered.fontProfile, remembered.seal]).toEqual(['xinchuang', true]);
      await page.getByRole('button', { name: '导出 Word' }).click();
      const again = page.getByRole('dialog', { name: '导出 Word 公文' });
      await again.getByText(/信创（方正仿宋_GBK/).waitFor();
      await expect(again.getByRole('switch', { name: '加盖印章' }).getAttribute('aria-checked')).resolves.toBe('true');
      await again.getByRole('button', { name: '取消' }).click();

      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('单独导出整改台账', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const { id } = await app.services.call('plans.createFromDocument', { document: await fixturePlan() });
      await page.goto(`${app.host.url}#/plan/${id}`);
      await page.getByRole('button', { name: '导出 Word' }).click();
      const dialog = page.getByRole('dialog', { name: '导出 Word 公文' });
      await dialog.getByTestId('export-page-count').getByText(/共 \d+ 页/).waitFor();
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: '单独导出台账' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('市人大常委会党组2025年度民主生活会查摆问题整改清单.docx');
      const saved = path.join(app.dataDir, 'ledger.docx');
      await file.saveAs(saved);
      const xml = (await readDocxParts(readFileSync(saved))).get('word/document.xml')!;
      expect(xml).toContain('<w:tblHeader/>');
      expect(xml.match(/<w:sectPr>/g)).toHaveLength(1);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('公文检查未通过时对话框提示（数量与前几条），可跳到公文检查，但仍可导出', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(
        app,
        planDocument('关于某局巡察反馈问题的整改方案。', [
          section('整改措施', [measure('健全学习制度', { department: '办公室', deadline: '2026年3月底前' }), measure('规范公务接待', { deadline: '长期坚持' })]),
        ]),
      );
      const expected = await app.services.call('checks.run', { planId });
      expect(expected.findings.map((f) => f.rule).sort()).toEqual(['measure_no_department', 'title_punctuation']);

      await page.getByRole('button', { name: '导出 Word' }).click();
      const dialog = page.getByRole('dialog', { name: '导出 Word 公文' });
      const warning = dialog.getByRole('alert', { name: '公文检查结果' });
      await warning.getByText('公文检查发现 2 处错误').waitFor();
      await warning.getByText('标题末尾不应有标点符号').waitFor();
      await warning.getByText(/措施.*缺少责任部门/).waitFor();

      // A warning, not a block: the file is produced.
      await dialog.getByTestId('export-page-count').getByText(/共 \d+ 页/).waitFor();
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: '导出', exact: true }).click();
      const file = await download;
      const saved = path.join(app.dataDir, 'checked.docx');
      await file.saveAs(saved);
      expect((await readDocxParts(readFileSync(saved))).get('word/document.xml')).toContain('规范公务接待');

      // From the warning to the 公文检查 panel, where each finding can be clicked.
      await page.getByRole('button', { name: '导出 Word' }).click();
      await dialog.getByRole('alert', { name: '公文检查结果' }).getByRole('button', { name: '查看公文检查' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const panel = page.getByRole('region', { name: '公文检查' });
      await panel.getByText('标题末尾不应有标点符号').waitFor();
      await panel.getByText(/措施.*缺少责任部门/).click();
      await expect.poll(() => page.evaluate(() => document.querySelector(`label[for="${document.activeElement?.id}"]`)?.textContent)).toBe('责任部门');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('刚输入的内容（未等失焦或自动保存）也在预览和导出的文件中：导出前先保存编辑器中待保存的修改', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await openPlan(app, planDocument('关于某局巡察反馈问题的整改方案', [section('整改措施', [measure('健全学习制度', { department: '办公室', deadline: '2026年3月底前' })])]));
      // Saves reach the service late (a slow disk, a busy PC): the export must still wait for them.
      await page.route('**/api/rpc', async (route) => {
        if (route.request().postData()?.includes('"outline.updateNode"')) await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await treeItem(page, /健全学习制度/).click();
      await page.getByLabel('正文').fill('每月第一周召开学习会');
      await page.getByLabel('责任部门').fill('机关党委');
      await page.getByRole('button', { name: '导出 Word' }).click();

      const dialog = page.getByRole('dialog', { name: '导出 Word 公文' });
      await dialog.getByTestId('export-page-count').getByText(/共 \d+ 页/).waitFor({ timeout: 15_000 });
      const previewText = (await dialog.locator('.export-page').first().locator('.export-line').allInnerTexts()).join('');
      expect(previewText).toContain('每月第一周召开学习会');
      expect(previewText).toContain('责任部门：机关党委');

      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: '导出', exact: true }).click();
      const saved = path.join(app.dataDir, 'typed.docx');
      await (await download).saveAs(saved);
      const xml = (await readDocxParts(readFileSync(saved))).get('word/document.xml')!;
      const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
      expect(text).toContain('每月第一周召开学习会');
      expect(text).toContain('机关党委');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
