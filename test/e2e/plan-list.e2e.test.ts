import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';

afterAll(closeBrowser);

describe('方案列表（浏览器端到端）', () => {
  it('新建方案后出现在列表中，刷新后仍在；主窗口不向本机以外发出任何请求', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await page.getByRole('button', { name: '新建方案' }).click();
      await page.getByRole('button', { name: /空白方案/ }).click();
      await page.getByLabel('方案标题').fill('关于2025年度民主生活会查摆问题的整改方案');
      await page.getByRole('button', { name: '创建' }).click();
      // Creating opens the plan; going back lists it.
      await page.getByRole('heading', { name: '关于2025年度民主生活会查摆问题的整改方案' }).waitFor();
      await page.getByRole('button', { name: '返回方案列表' }).click();
      await page.getByRole('link', { name: '关于2025年度民主生活会查摆问题的整改方案' }).waitFor();

      await page.reload();
      await page.getByRole('link', { name: '关于2025年度民主生活会查摆问题的整改方案' }).waitFor();
      expect(await app.services.call('plans.list', {})).toHaveLength(1);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('删除前要求确认；取消则不删除，确认后删除', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await app.services.call('plans.create', { title: '待删除的方案' });
      await page.reload();
      await page.getByRole('link', { name: '待删除的方案' }).waitFor();

      await page.getByRole('button', { name: '删除', exact: true }).first().click();
      await page.getByText('确定删除“待删除的方案”吗？删除后无法恢复。').waitFor();
      await page.getByRole('button', { name: '取消' }).click();
      expect(await app.services.call('plans.list', {})).toHaveLength(1);

      await page.getByRole('button', { name: '删除', exact: true }).first().click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
      await page.getByText('还没有方案').waitFor();
      expect(await app.services.call('plans.list', {})).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('界面为简体中文（antd zh_CN 语言包生效）', async () => {
    const app = await startApp();
    try {
      await app.page.getByText('还没有方案').waitFor();
      expect(await app.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      // The table's empty state and the header are Chinese; no English antd defaults.
      const text = await app.page.locator('body').innerText();
      expect(text).not.toMatch(/No data|Cancel|Delete/);
    } finally {
      await app.close();
    }
  });
});
