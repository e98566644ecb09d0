import { afterAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { seedWorkbench } from './workbench-fixture.ts';

afterAll(closeBrowser);

/** The screen: a 1366×768 office PC. */
async function laptop(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Waits as long as a busy 2-core machine may need (expect.poll's own default is one second). */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 20_000 });
}

/** Whether the element is fully inside the scrolling list that holds it (and that list inside the window). */
async function inView(item: Locator, container: Locator): Promise<boolean> {
  const a = await item.boundingBox();
  const b = await container.boundingBox();
  if (!a || !b) return false;
  return a.y >= b.y && a.y + a.height <= b.y + b.height + 1 && a.y + a.height <= 768;
}

describe('工作台（浏览器端到端，1366×768）', () => {
  it('三个方案：到期提醒、方案的完成率与逾期数；点击一条逾期事项，在其方案的整改跟踪中选中该措施并滚动到可见处', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await laptop(page);
      // 40 more overdue measures at the end of the first plan: the chosen one sits far down its list.
      const ids = await seedWorkbench(app.services, { extraOverdue: 40 });
      await page.reload();
      const panel = page.getByRole('region', { name: '到期提醒' });
      await panel.waitFor();
      const overview = await app.services.call('workbench.overview', {});
      expect(overview.overdue.length).toBe(44);
      await poll(() => panel.getByRole('tab', { name: /已逾期/ }).innerText()).toContain('44');

      // Each plan's row: 完成率 and a red overdue count.
      const row = page.getByRole('row', { name: /关于审计发现问题的整改方案/ });
      await poll(() => row.getByLabel('完成率 0%').count()).toBe(1);
      expect(await row.locator('.overdue-count.due-late').innerText()).toBe('1');
      expect(await page.getByRole('row', { name: /某某局领导班子2025年度民主生活会/ }).getByLabel('完成率 33.33%').count()).toBe(1);

      // The most overdue comes first: 第40项 (40 days), the last measure of the first plan.
      const target = overview.overdue[0]!;
      expect(target).toMatchObject({ heading: '第40项逾期的整改任务', planId: ids.xuncha, daysOverdue: 40 });
      await panel.getByRole('table', { name: '已逾期' }).getByRole('row', { name: /第40项逾期的整改任务/ }).click();

      await page.waitForURL(new RegExp(`#/plans/${ids.xuncha}/tracking/${target.measureId}$`));
      await page.getByRole('tab', { name: '整改跟踪', selected: true }).waitFor();
      const item = page.getByRole('button', { name: `措施 ${target.path} 第40项逾期的整改任务` });
      await poll(() => item.getAttribute('aria-current')).toBe('true');
      const list = page.locator('.measure-list');
      await poll(() => inView(item, list)).toBe(true);
      expect(app.pageErrors).toEqual([]);
      expect(offMachineRequests(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('按任意列排序；归档后不在列表和到期提醒中，显示已归档后可恢复；点击责任部门列出其全部措施', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await laptop(page);
      const ids = await seedWorkbench(app.services);
      await page.reload();
      const titles = () => page.locator('.home-plans tbody tr td:first-child a').allInnerTexts();
      await poll(titles).toHaveLength(3);
      const overdueColumn = page.getByRole('region', { name: '方案列表' }).getByRole('columnheader', { name: '逾期' });
      await overdueColumn.click();
      await poll(titles).toEqual(['关于审计发现问题的整改方案', '某某局领导班子2025年度民主生活会查摆问题整改方案', '中共某某局党组关于市委第三巡察组反馈意见的整改方案']);
      await overdueColumn.click();
      await poll(async () => (await titles())[0]).toBe('中共某某局党组关于市委第三巡察组反馈意见的整改方案');

      const panel = page.getByRole('region', { name: '到期提醒' });
      await poll(() => panel.getByRole('tab', { name: /已逾期/ }).innerText()).toContain('4');
      await page.getByRole('row', { name: /关于审计发现问题的整改方案/ }).getByRole('button', { name: '归档' }).click();
      await poll(titles).toHaveLength(2);
      await poll(() => panel.getByRole('tab', { name: /已逾期/ }).innerText()).toContain('3');
      expect((await app.services.call('plans.list', { includeArchived: true })).find((p) => p.id === ids.shenji)?.archived).toBe(true);

      await page.getByRole('switch', { name: '显示已归档的方案' }).click();
      const archived = page.getByRole('row', { name: /关于审计发现问题的整改方案/ });
      await archived.getByText('已归档').waitFor();
      await archived.getByRole('button', { name: '恢复' }).click();
      await poll(() => panel.getByRole('tab', { name: /已逾期/ }).innerText()).toContain('4');
      expect((await app.services.call('plans.list', {})).map((p) => p.id)).toContain(ids.shenji);

      await page.getByRole('region', { name: '按责任部门' }).getByRole('button', { name: '财务科', exact: true }).click();
      const drawer = page.getByRole('dialog', { name: '财务科的整改措施（全部方案）' });
      await drawer.getByRole('table', { name: '财务科的措施' }).getByRole('link', { name: '清理长期挂账往来款项' }).waitFor();
      expect(await drawer.getByRole('link', { name: '规范政府采购程序' }).count()).toBe(1);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('四百多项逾期：清单分页并说明只列出最早的若干项；按方案、按部门筛选列出全部符合的', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await laptop(page);
      await seedWorkbench(app.services, { extraOverdue: 400 });
      await page.reload();
      const panel = page.getByRole('region', { name: '到期提醒' });
      await poll(() => panel.getByRole('tab', { name: /已逾期/ }).innerText()).toContain('404');
      await panel.getByText(/共 404 项，这里列出最早到期的 300 项/).waitFor();
      await panel.getByRole('listitem', { name: '下一页' }).waitFor();
      const rows = panel.getByRole('table', { name: '已逾期' }).locator('tbody tr.due-row');
      expect(await rows.count()).toBe(6);

      // One department: all of its overdue measures, asked of the service (the first 300 do not hold them all).
      const office = (await app.services.call('workbench.due', { overdue: true, department: '财务科' })).length;
      expect(office).toBeGreaterThan(100);
      await panel.getByRole('combobox', { name: '只看一个责任部门' }).click();
      await page.locator('.ant-select-dropdown').getByTitle('财务科', { exact: true }).click();
      await poll(() => panel.getByRole('tab', { name: /已逾期/ }).innerText()).toContain(String(office));
      await panel.getByText(`共 ${office} 项`).waitFor();

      await panel.getByRole('combobox', { name: '只看一个方案' }).click();
      await page.locator('.ant-select-dropdown').getByTitle('关于审计发现问题的整改方案').click();
      await poll(() => rows.count()).toBe(1);
      await rows.getByRole('link', { name: '清理长期挂账往来款项' }).waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('空工作台说明第一步做什么；“新建方案”“导入”各只有一个', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await laptop(page);
      await page.getByText('还没有方案。').waitFor();
      await page.getByText(/点击右上方的“新建方案”/).waitFor();
      await page.getByText(/点击页面顶部的“导入”/).waitFor();
      expect(await page.getByRole('button', { name: '新建方案', exact: true }).count()).toBe(1);
      expect(await page.getByRole('button', { name: '导入', exact: true }).count()).toBe(1);
      expect(await page.getByRole('region', { name: '到期提醒' }).count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('顶栏搜索（浏览器端到端，1366×768）', () => {
  it('在顶栏搜两个字，结果按方案分组、标出匹配处；点击结果在编辑页选中该节点', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await laptop(page);
      const ids = await seedWorkbench(app.services);
      await page.reload();
      await page.getByRole('region', { name: '到期提醒' }).waitFor();
      // Ctrl+K from anywhere on the page puts the cursor in the search box.
      await page.locator('body').click({ position: { x: 5, y: 700 } });
      await page.keyboard.press('Control+k');
      const box = page.getByRole('textbox', { name: '搜索' });
      await poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('批评');
      const results = page.getByRole('region', { name: '搜索结果' });
      const group = results.getByRole('region', { name: '某某局领导班子2025年度民主生活会查摆问题整改方案' });
      const hit = group.getByRole('button', { name: /正文.*批评/ });
      await hit.waitFor();
      expect(await hit.locator('mark').allInnerTexts()).toEqual(['批评', '批评']);

      await hit.click();
      const measure = (await app.services.call('progress.measures', { planId: ids.shenghuohui }))[0]!;
      await page.waitForURL(new RegExp(`#/plans/${ids.shenghuohui}/edit/${measure.id}$`));
      await poll(() => page.locator(`.editor-tree [data-node-id="${measure.id}"]`).getAttribute('aria-selected')).toBe('true');
      const heading = page.getByLabel('措施标题', { exact: true });
      await poll(() => heading.inputValue()).toBe('严肃党内政治生活');
      expect(await results.count()).toBe(0);

      // Ctrl+F in a text field stays the browser's find; outside one it goes to the search box.
      await heading.focus();
      await page.keyboard.press('Control+f');
      expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.locator('.editor-tree [data-node-id]').first().click();
      await page.keyboard.press('Control+f');
      await poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('进展说明里的词打开整改跟踪；勾选“只搜索当前方案”后只列本方案的结果', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await laptop(page);
      const ids = await seedWorkbench(app.services);
      const [first] = await app.services.call('progress.measures', { planId: ids.shenji });
      await app.services.call('progress.setStatus', { measureId: first!.id, status: 'in_progress', note: '已召开专题会议研究清欠方案' });
      await page.goto(`${app.host.url}#/plan/${ids.xuncha}`);
      await page.getByRole('tab', { name: '整改跟踪' }).waitFor();

      const box = page.getByRole('textbox', { name: '搜索' });
      await box.fill('清欠');
      const results = page.getByRole('region', { name: '搜索结果' });
      const hit = results.getByRole('button', { name: /进展说明.*清欠/ });
      await hit.waitFor();
      await results.getByRole('checkbox', { name: '只搜索当前方案' }).check();
      await results.getByText('没有找到“清欠”').waitFor();
      await results.getByRole('checkbox', { name: '只搜索当前方案' }).uncheck();
      await hit.click();
      await page.waitForURL(new RegExp(`#/plans/${ids.shenji}/tracking/${first!.id}$`));
      await page.getByRole('tab', { name: '整改跟踪', selected: true }).waitFor();
      await poll(() => page.getByRole('button', { name: `措施 ${first!.path} ${first!.heading}` }).getAttribute('aria-current')).toBe('true');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
