import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipBuffer } from '../helpers/zip.ts';
import type { Download, Page } from 'playwright-core';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { openTab, PAST, SOON, seedPlan, openMeasure } from './progress-fixture.ts';

afterAll(closeBrowser);

async function pickOption(page: Page, label: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

/** Saves a captured download into the test's data folder and returns its bytes and suggested name. */
async function saved(download: Download, dir: string): Promise<{ name: string; bytes: Buffer }> {
  const name = download.suggestedFilename();
  const file = path.join(dir, `download-${Date.now()}-${name}`);
  await download.saveAs(file);
  return { name, bytes: readFileSync(file) };
}

/** The visible text of a .docx body (runs joined per paragraph). */
async function docxText(bytes: Buffer): Promise<string> {
  const xml = (await unzipBuffer(bytes)).get('word/document.xml')?.toString('utf8') ?? '';
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

describe('整改进展、台账与导出（浏览器端到端）', () => {
  it('记录状态变化（日期和进展），历史中可见；对账销号记录审核人；调整时限保留原时限和原因', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[0]!;
      await openMeasure(app, plan.planId, m);

      // 正在推进, 2026-01-10, with a progress note
      const form = page.getByRole('form', { name: '记录进展' });
      await form.getByLabel('新状态').click();
      await pickOption(page, '正在推进');
      await form.getByLabel('进展日期').fill('2026-01-10');
      // Enter in a field must not record anything by itself (a history entry cannot be taken back).
      await form.getByLabel('进展日期').press('Enter');
      await form.getByLabel('进展日期').press('Tab');
      await form.getByLabel('记录人').fill('办公室 李明');
      await form.getByLabel('整改进展').fill('已召开党组会专题研究第一议题制度落实。');
      await form.getByRole('button', { name: '记录进展' }).click();
      const history = page.getByRole('list', { name: '状态历史' });
      await history.getByText('已召开党组会专题研究第一议题制度落实。').waitFor();
      await page.getByLabel('当前状态：正在推进').waitFor();

      let p = await app.services.call('progress.get', { measureId: m.id });
      expect(p.measure.status).toBe('in_progress');
      expect(p.history).toHaveLength(1);
      expect(p.history[0]).toMatchObject({ kind: 'status', status: 'in_progress', date: '2026-01-10', note: '已召开党组会专题研究第一议题制度落实。', actor: '办公室 李明' });
      // The measure list on the left follows.
      await page.getByRole('button', { name: `措施 ${m.path} ${m.heading}` }).getByText('正在推进').waitFor();

      // 调整时限
      await page.getByRole('button', { name: '调整时限' }).click();
      const dlg = page.getByRole('dialog', { name: '调整完成时限' });
      await dlg.getByLabel('现时限').fill('2026年6月底前');
      await dlg.getByLabel('调整原因').fill('需待上级制度出台后同步修订');
      await dlg.getByRole('button', { name: '确认调整' }).click();
      await history.getByText(/调整时限：.* → 2026年6月底前/).waitFor();
      await history.getByText('原因：需待上级制度出台后同步修订').waitFor();
      p = await app.services.call('progress.get', { measureId: m.id });
      expect(p.measure.deadline).toBe('2026年6月底前');
      expect(p.measure.originalDeadline).toMatch(/日前$/);

      // 对账销号 requires the approver
      await page.getByRole('button', { name: '对账销号' }).click();
      const close = page.getByRole('dialog', { name: '对账销号' });
      await close.getByRole('button', { name: '确认销号' }).click();
      await close.getByText('请填写审核销号的领导').waitFor();
      await close.getByLabel('审核人').fill('党组书记 王强');
      await close.getByLabel('销号日期').fill('2026-03-31');
      await close.getByLabel('销号日期').press('Tab');
      await close.getByRole('button', { name: '确认销号' }).click();
      await page.getByLabel('当前状态：已销号').waitFor();
      await history.getByText('销号（审核人：党组书记 王强）').waitFor();
      p = await app.services.call('progress.get', { measureId: m.id });
      expect(p.measure).toMatchObject({ status: 'closed', closedBy: '党组书记 王强', closedOn: '2026-03-31' });
      expect(p.history.map((e) => e.kind).sort()).toEqual(['close', 'deadline', 'status']);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('台账：默认列组 D，切换到 E 显示进展和佐证材料；筛选、排序、直接修改责任部门和状态', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      await app.services.call('evidence.attachData', {
        measureId: plan.measures[2]!.id,
        originalName: '财务报销管理办法.pdf',
        type: '制度文本',
        date: '2026-01-15',
        dataBase64: Buffer.from('%PDF-1.4').toString('base64'),
      });
      await openTab(app, plan.planId, '台账');
      const table = page.getByRole('table').filter({ hasText: '整改措施' }).first();
      await table.getByText('修订财务报销制度').waitFor();
      const headers = async () => (await page.locator('.ant-table-thead th').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      expect(await headers()).toEqual(['序号', '问题类别', '问题', '整改措施', '责任领导', '责任部门', '完成时限', '备注', '状态', '操作']);
      await page.getByRole('status', { name: '台账统计' }).getByText('问题2个，措施3项，已完成0项（其中已销号0项），完成率0%').waitFor();

      await page.getByText('整改台账（含进展和佐证材料）').click();
      await page.locator('.ant-table-thead th').filter({ hasText: '整改进展' }).waitFor();
      expect(await headers()).toContain('佐证材料');
      await table.getByText('二-1_制度文本_20260115.pdf').waitFor();

      // 筛选
      await page.getByLabel('筛选台账').fill('读书班');
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
      await page.getByLabel('筛选台账').fill('');
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(3);

      // 排序 by 完成时限 (dates first, then the long-term one)
      await page.locator('.ant-table-thead th').filter({ hasText: '完成时限' }).click();
      const order = async () => page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(1)').allInnerTexts();
      expect(await order()).toEqual(PAST < SOON ? ['1', '2', '3'] : ['2', '1', '3']);
      await page.locator('.ant-table-thead th').filter({ hasText: '完成时限' }).click();
      expect((await order())[0]).toBe('3');

      // 直接修改责任部门
      await page.getByRole('button', { name: /^一-2的责任部门：机关党委/ }).click();
      await page.getByLabel('编辑一-2的责任部门').fill('机关党委（宣传处）');
      await page.getByLabel('编辑一-2的责任部门').press('Enter');
      await expect.poll(async () => (await app.services.call('progress.get', { measureId: plan.measures[1]!.id })).measure.department).toBe('机关党委（宣传处）');
      await table.getByText('机关党委（宣传处）').waitFor();

      // 直接修改状态
      await page.getByLabel('二-1的状态').click();
      await pickOption(page, '已完成');
      await expect.poll(async () => (await app.services.call('progress.get', { measureId: plan.measures[2]!.id })).measure.status).toBe('done');
      await page.getByRole('status', { name: '台账统计' }).getByText('已完成1项（其中已销号0项），完成率33.33%', { exact: false }).waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('导出台账为 Excel 和 Word、导出整改落实情况报告和佐证材料包：下载的文件内容与台账一致', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      await app.services.call('progress.setStatus', { measureId: plan.measures[2]!.id, status: 'done', note: '已印发新制度', date: '2026-02-01' });
      await app.services.call('progress.close', { measureId: plan.measures[2]!.id, approver: '党组书记', date: '2026-03-01' });
      await app.services.call('evidence.attachData', {
        measureId: plan.measures[2]!.id,
        originalName: '财务报销管理办法.pdf',
        type: '制度文本',
        date: '2026-01-15',
        dataBase64: Buffer.from('%PDF-1.4 制度').toString('base64'),
      });
      const ledger = await app.services.call('progress.ledger', { planId: plan.planId, columnSet: 'E' });
      await openTab(app, plan.planId, '台账');
      await page.getByText('整改台账（含进展和佐证材料）').click();
      await page.locator('.ant-table-thead th').filter({ hasText: '整改进展' }).waitFor();

      // .xlsx
      await page.getByRole('button', { name: '导出台账' }).hover();
      let wait = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: '导出为 Excel（.xlsx）' }).click();
      const xlsx = await saved(await wait, app.dataDir);
      expect(xlsx.name).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const cells: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text))));
      for (const label of ledger.columns.map((c) => c.label)) expect(cells).toContain(label);
      for (const m of ledger.measures) expect(cells.some((c) => c.includes(m.heading))).toBe(true);
      expect(cells.some((c) => c.includes('二-1_制度文本_20260115.pdf'))).toBe(true);

      // .docx
      await page.getByRole('button', { name: '导出台账' }).hover();
      wait = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: '导出为 Word（.docx）' }).click();
      const docx = await saved(await wait, app.dataDir);
      expect(docx.name).toMatch(/\.docx$/);
      const ledgerText = await docxText(docx.bytes);
      for (const m of ledger.measures) expect(ledgerText).toContain(m.heading);
      expect(ledgerText).toContain('整改进展');

      // 整改落实情况报告 (.docx): its numbers are the ledger's
      await page.getByRole('button', { name: '整改落实情况报告' }).hover();
      wait = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: '导出报告为 Word（.docx）' }).click();
      const report = await saved(await wait, app.dataDir);
      expect(report.name).toBe('关于巡察反馈问题整改落实情况的报告.docx');
      const reportText = await docxText(report.bytes);
      const c = ledger.counts;
      expect(c).toMatchObject({ problems: 2, measures: 3, completed: 1, completionRateText: '33.33%' });
      expect(reportText).toContain(`问题${c.problems}个`);
      expect(reportText).toContain(`措施${c.measures}项`);
      expect(reportText).toContain(`已完成${c.completed}项`);
      expect(reportText).toContain(`完成率${c.completionRateText}`);
      for (const m of ledger.measures) expect(reportText).toContain(m.heading);

      // 佐证材料包 (.zip)
      wait = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出佐证材料包' }).click();
      const pkg = await saved(await wait, app.dataDir);
      expect(pkg.name).toBe('关于巡察反馈问题的整改方案_佐证材料.zip');
      const entries = [...(await unzipBuffer(pkg.bytes)).keys()];
      expect(entries.some((e) => e.endsWith('二-1_制度文本_20260115.pdf'))).toBe(true);
      expect(entries.some((e) => e.includes('佐证材料目录'))).toBe(true);

      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('编辑页刚输入的内容，立即切换到台账也能看到并导出（先等编辑器保存完）', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      await page.goto(`${app.host.url}#/plan/${encodeURIComponent(plan.planId)}`);
      // Saves reach the service late: the ledger must not be read before they are stored.
      await page.route('**/api/rpc', async (route) => {
        if (route.request().postData()?.includes('"outline.updateNode"')) await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await page.getByRole('treeitem', { name: /落实第一议题制度/ }).click();
      await page.getByLabel('责任部门').fill('组织人事处');
      await page.getByRole('tab', { name: '台账' }).click();
      await page.locator('.ant-table-tbody').getByText('组织人事处').waitFor({ timeout: 15_000 });

      await page.getByRole('button', { name: '导出台账' }).hover();
      const wait = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: '导出为 Excel（.xlsx）' }).click();
      const xlsx = await saved(await wait, app.dataDir);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const cells: string[] = [];
      wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.text))));
      expect(cells).toContain('组织人事处');
      expect(cells).not.toContain('办公室');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('生成可编辑的报告：保存为新方案并可打开', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      await openTab(app, plan.planId, '台账');
      await page.getByRole('button', { name: '整改落实情况报告' }).hover();
      await page.getByRole('menuitem', { name: '生成可编辑的报告' }).click();
      await page.locator('.ant-modal-confirm-title:visible').filter({ hasText: '已生成整改落实情况报告' }).waitFor();
      await page.getByRole('button', { name: '打开报告' }).click();
      await expect.poll(async () => (await app.services.call('plans.list', {})).length).toBe(2);
      const report = (await app.services.call('plans.list', {})).find((p) => p.id !== plan.planId)!;
      await expect.poll(() => page.url()).toContain(encodeURIComponent(report.id));
    } finally {
      await app.close();
    }
  });

  it('进度看板：按状态统计、完成率、逾期（红）和7天内到期（黄）与服务计算一致', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      await app.services.call('progress.setStatus', { measureId: plan.measures[2]!.id, status: 'done' });
      await openTab(app, plan.planId, '进度看板');
      await page.getByRole('region', { name: '进度看板' }).waitFor();
      await page.getByRole('listitem', { name: '已完成：1项' }).waitFor();
      await page.getByRole('listitem', { name: '未启动：2项' }).waitFor();
      await page.locator('.ant-statistic').filter({ hasText: '完成率' }).getByText('33.33%').waitFor();
      const overdue = page.getByRole('list', { name: '逾期事项' });
      await overdue.getByText('落实第一议题制度').waitFor();
      expect(await overdue.locator('li').count()).toBe(1);
      expect(await overdue.locator('li').first().evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(245, 34, 45)');
      const soon = page.getByRole('list', { name: '7天内到期事项' });
      await soon.getByText('开展专题读书班').waitFor();
      await soon.getByText('3 天后到期').waitFor();
      expect(await soon.locator('li').first().evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(250, 173, 20)');
      await page.getByRole('table', { name: '按责任部门统计' }).getByText('财务处').waitFor();
      await page.getByRole('table', { name: '按责任领导统计' }).getByText('党组副书记').waitFor();

      // An overdue item opens the measure in 整改跟踪.
      await overdue.getByRole('link', { name: '落实第一议题制度' }).click();
      await page.getByRole('form', { name: '记录进展' }).waitFor();
      expect(await page.getByRole('button', { name: /^措施 一-1 落实第一议题制度/ }).getAttribute('aria-current')).toBe('true');
    } finally {
      await app.close();
    }
  });
});
