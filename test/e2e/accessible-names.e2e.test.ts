import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closeBrowser, startApp } from './harness.ts';

// The issues name buttons and fields by their exact words (新建方案, 添加措施, 导入, 导出 Word, 保存, 确认导入,
// 取消, 创建; 单位/年度/落款/成文日期; 措施标题 … 状态). Screen readers and tests find them by accessible name,
// so each must carry exactly that name — not "plus 新建方案" from an icon, nor "确认导入（2 个）".
afterAll(closeBrowser);
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

async function exactButton(scope: Page | Locator, name: string): Promise<void> {
  expect(await scope.getByRole('button', { name, exact: true }).count(), `按钮「${name}」`).toBeGreaterThan(0);
}

async function exactLabel(scope: Page | Locator, name: string): Promise<void> {
  expect(await scope.getByLabel(name, { exact: true }).count(), `字段「${name}」`).toBeGreaterThan(0);
}

describe('按钮和字段的可访问名称与需求用词完全一致', () => {
  it('方案列表、新建方案对话框、编辑器、措施字段、导入预览', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await page.getByRole('heading', { name: '方案列表' }).waitFor();
      await exactButton(page, '新建方案');
      await exactButton(page, '导入');

      await page.getByRole('button', { name: '新建方案', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '新建方案' });
      await dialog.getByRole('button', { name: /^民主生活会查摆问题整改方案/ }).click();
      for (const label of ['单位', '年度', '落款', '成文日期']) await exactLabel(dialog, label);
      await exactButton(dialog, '取消');
      await exactButton(dialog, '创建');
      await dialog.getByLabel('单位', { exact: true }).fill('某某局');
      await dialog.getByRole('button', { name: '创建', exact: true }).click();

      await page.getByRole('tree', { name: '方案大纲' }).waitFor();
      for (const name of ['添加措施', '导入', '导出 Word', '保存']) await exactButton(page, name);
      await page.getByRole('button', { name: '添加措施', exact: true }).click();
      await page.getByLabel('措施标题', { exact: true }).waitFor();
      for (const label of ['措施标题', '正文', '责任领导', '责任部门', '配合部门', '责任人', '完成时限', '状态']) await exactLabel(page, label);

      await page.getByRole('button', { name: '导入', exact: true }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '选择文件', exact: true }).click();
      await (await chooser).setFiles([
        path.join(FIXTURES, 'synthetic-07-kaohe-fankui-zhenggai.txt'),
        path.join(FIXTURES, 'synthetic-05-zuzhishenghuohui-qingdan.txt'),
      ]);
      const importDialog = page.getByRole('dialog', { name: '导入方案' });
      await importDialog.getByText('共 2 个文件可导入').waitFor();
      await exactButton(importDialog, '确认导入');
      await exactButton(importDialog, '取消');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
