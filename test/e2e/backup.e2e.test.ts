import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServices } from '../../electron/services/index.ts';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { createTrackedPlan } from '../integration/progress/fixture.ts';
import { damageDatabase } from '../helpers/damage-db.ts';

afterAll(closeBrowser);

const TITLE = '中共某某局党组关于2025年度民主生活会查摆问题的整改方案';

function scratch(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-backup-'));
}

describe('备份与恢复（浏览器端到端）', () => {
  it('立即备份，删除一个方案，从备份列表恢复，方案又回来了', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await createTrackedPlan(app.services);
      await page.reload();
      await page.getByRole('link', { name: TITLE }).waitFor();
      // No backup yet: the home page says so.
      await page.getByRole('alert').filter({ hasText: '工作台还没有成功的备份' }).waitFor();

      await page.getByRole('button', { name: '设置' }).click();
      await page.getByRole('menuitem', { name: '备份与恢复' }).waitFor();
      await page.getByRole('button', { name: '立即备份' }).click();
      await page.getByText('已备份到 1 个位置，并已校验').waitFor();
      const list = page.getByRole('table', { name: '备份列表' });
      await list.getByText('1 个方案、5 项措施、0 个佐证材料').waitFor();
      await list.getByText('已校验').waitFor();
      await page.setViewportSize({ width: 1366, height: 768 });
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/backup-page.png' });

      await page.getByRole('button', { name: '返回方案列表' }).click();
      await page.getByRole('button', { name: '删除', exact: true }).first().click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
      await page.getByText('还没有方案').waitFor();

      await page.getByRole('button', { name: '设置' }).click();
      await list.getByRole('button', { name: '恢复', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: '恢复整个工作台' });
      await confirm.getByText(/当前工作台的全部内容（0 个方案、0 项措施、0 个佐证材料.*将被替换为/).waitFor();
      await confirm.getByText(/恢复前自动备份/).waitFor();
      await confirm.getByRole('button', { name: '恢复' }).click();

      // The window reloads on the plan list, with the plan back.
      await page.getByRole('link', { name: TITLE }).waitFor();
      expect((await app.services.call('plans.list', {})).map((p) => p.title)).toEqual([TITLE]);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('从备份恢复一个方案：选中备份中的方案，作为新方案打开', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const { planId } = await createTrackedPlan(app.services);
      await app.services.call('backup.create', {});
      await app.services.call('plans.delete', { id: planId });
      await app.services.call('plans.create', { title: '删除之后新建的方案' });
      await page.goto(`${app.host.url}#/settings/backup`);
      await page.getByRole('table', { name: '备份列表' }).getByRole('button', { name: '恢复方案' }).click();
      const dialog = page.getByRole('dialog', { name: '从备份恢复方案' });
      await dialog.getByRole('cell', { name: TITLE }).click();
      await dialog.getByText('工作台中已没有').waitFor();
      await dialog.getByRole('button', { name: '恢复为新方案' }).click();
      await page.getByRole('heading', { name: TITLE }).waitFor();
      expect((await app.services.call('plans.list', {})).map((p) => p.title).sort()).toEqual([TITLE, '删除之后新建的方案'].sort());
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('数据文件损坏：打开就到备份与恢复，最新的完好备份已选中，恢复后工作台回来', async () => {
    const dataDir = scratch();
    try {
      const s = await createServices({ dataDir });
      await createTrackedPlan(s);
      await s.call('backup.create', {});
      s.close();
      const file = path.join(dataDir, 'workbook.sqlite');
      damageDatabase(file);

      const app = await startApp({ dataDir, allowUnopened: true });
      const { page } = app;
      try {
        await page.getByText('数据文件已损坏，工作台无法打开').waitFor();
        expect(page.url()).toContain('#/settings/backup');
        const row = page.getByRole('row').filter({ hasText: '最新的完好备份' });
        await row.waitFor();
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.screenshot({ path: 'test-results/backup-damaged.png' });
        await row.getByRole('button', { name: '恢复', exact: true }).click();
        const confirm = page.getByRole('dialog', { name: '恢复整个工作台' });
        await confirm.getByText(/当前的数据文件无法打开（已损坏）/).waitFor();
        await confirm.getByRole('button', { name: '恢复' }).click();
        await page.getByRole('link', { name: TITLE }).waitFor();
        expect(app.pageErrors.filter((e) => !e.includes('数据文件已损坏'))).toEqual([]);
      } finally {
        await app.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('新电脑：首页“从备份恢复”选择导出工作台时的文件夹，恢复整个工作台', async () => {
    const oldPc = scratch();
    const usb = scratch();
    try {
      const s = await createServices({ dataDir: oldPc });
      await createTrackedPlan(s);
      await s.call('backup.create', { folder: usb, note: '导出' });
      s.close();

      const app = await startApp();
      const { page } = app;
      try {
        await page.getByText('还没有方案').waitFor();
        await page.getByRole('button', { name: '从备份恢复' }).click();
        // The browser host has no folder dialog: the path is typed in.
        await page.getByLabel('文件夹路径').fill(usb);
        await page.getByRole('button', { name: '确定' }).click();
        const found = page.getByRole('dialog', { name: '从其他位置恢复' });
        await found.getByText('最新的完好备份').waitFor();
        await found.getByRole('button', { name: '恢复', exact: true }).click();
        await page.getByRole('dialog', { name: '恢复整个工作台' }).getByRole('button', { name: '恢复' }).click();
        await page.getByRole('link', { name: TITLE }).waitFor();
        expect((await app.services.call('plans.list', {})).map((p) => p.title)).toEqual([TITLE]);
      } finally {
        await app.close();
      }
    } finally {
      rmSync(oldPc, { recursive: true, force: true });
      rmSync(usb, { recursive: true, force: true });
    }
  });
});
