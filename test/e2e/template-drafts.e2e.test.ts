import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { treeItem, waitSaved } from './editor-support.ts';

afterAll(closeBrowser);

const BUILTIN = '民主生活会查摆问题整改方案';
const COPY = `${BUILTIN}（副本）`;

async function openNewPlanDialog(page: Page) {
  await page.getByRole('button', { name: '新建方案' }).click();
  const dialog = page.getByRole('dialog', { name: '新建方案' });
  await dialog.getByRole('group', { name: '内置模板' }).waitFor();
  return dialog;
}

describe('修改模板内容：用方案编辑器编辑自定义模板（浏览器端到端）', () => {
  it('内置模板复制为我的模板；修改其内容并保存到模板；由它新建的方案带有修改', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      // Built-ins are read-only: no 修改模板内容 on their cards, but they can be copied.
      let dialog = await openNewPlanDialog(page);
      expect(await dialog.getByRole('group', { name: '内置模板' }).getByRole('button', { name: /^修改模板内容/ }).count()).toBe(0);
      await dialog.getByRole('group', { name: '内置模板' }).getByRole('button', { name: new RegExp(`^${BUILTIN}`) }).click();
      await dialog.getByRole('button', { name: '复制为我的模板' }).click();
      await page.getByText(`已复制为我的模板“${COPY}”`).waitFor();
      const mine = dialog.getByRole('group', { name: '我的模板' });
      await mine.getByRole('button', { name: new RegExp(`^${COPY.replace(/[()（）]/g, '.')}`) }).waitFor();

      // 修改模板内容 opens the template in the editor, placeholders kept, with the banner.
      await mine.getByRole('button', { name: `修改模板内容“${COPY}”` }).click();
      await page.getByRole('tree', { name: '方案大纲' }).waitFor();
      const banner = page.getByRole('region', { name: '模板编辑' });
      await banner.getByText(`正在编辑模板“${COPY}”`).waitFor();
      await page.getByRole('heading', { name: '{单位}领导班子{年度}年度民主生活会查摆问题整改方案' }).waitFor();
      // A template has no progress to track: no 整改跟踪 / 台账 tabs on its working plan.
      expect(await page.getByRole('tab', { name: '整改跟踪' }).count()).toBe(0);
      const draftId = decodeURIComponent(/#\/plan\/(.+)$/.exec(page.url())![1]!);
      expect(await app.services.call('plans.list', {})).toEqual([]);

      // Edit: rename 一、指导思想, add a measure whose text asks for a new variable {牵头部门}.
      await treeItem(page, '一、指导思想').click();
      await page.getByLabel('标题', { exact: true }).fill('总体要求');
      await treeItem(page, '一、总体要求').waitFor();
      await treeItem(page, '（一）在{方面}方面').first().click();
      await page.getByRole('button', { name: '添加措施' }).click();
      await treeItem(page, '3.（未填写）').waitFor();
      await page.keyboard.type('建立整改台账，逐条对账销号。');
      await page.getByLabel('正文', { exact: true }).fill('{牵头部门}每月调度一次整改进展。');
      await treeItem(page, '3.建立整改台账，逐条对账销号。').waitFor();
      await waitSaved(page);

      // 保存到模板: back to the list, the working plan gone, the template holds the edit.
      await banner.getByRole('button', { name: '保存到模板' }).click();
      await page.getByText(`已保存到模板“${COPY}”`).waitFor();
      await page.getByRole('button', { name: '新建方案' }).waitFor();
      await expect(app.services.call('plans.get', { id: draftId })).rejects.toMatchObject({ code: 'not_found' });
      expect(await app.services.call('plans.list', {})).toEqual([]);
      const saved = (await app.services.call('templates.list', {})).find((t) => t.name === COPY)!;
      expect(saved.variables.map((v) => v.name)).toContain('牵头部门');

      // 修改模板: the new variable gets a hint and becomes required.
      dialog = await openNewPlanDialog(page);
      await dialog.getByRole('button', { name: `修改模板“${COPY}”` }).click();
      const settings = page.getByRole('dialog', { name: '修改模板' });
      await settings.getByLabel('“牵头部门”的填写提示').fill('牵头负责整改台账的部门，如：办公室');
      await settings.getByLabel('“牵头部门”必填').check();
      await settings.getByRole('button', { name: '保存' }).click();
      await settings.waitFor({ state: 'hidden' });
      expect((await app.services.call('templates.get', { id: saved.id })).variables.find((v) => v.name === '牵头部门')).toMatchObject({
        hint: '牵头负责整改台账的部门，如：办公室',
        required: true,
      });

      // A plan made from it: the new variable is asked for, the edits are there, filled in.
      await dialog.getByRole('group', { name: '我的模板' }).getByRole('button', { name: new RegExp(`^${COPY.replace(/[()（）]/g, '.')}`) }).click();
      await dialog.getByText('牵头负责整改台账的部门，如：办公室').waitFor();
      await dialog.getByLabel('单位', { exact: true }).fill('甲委');
      await dialog.getByRole('button', { name: '创建' }).click();
      await dialog.getByText('请填写牵头部门').waitFor();
      await dialog.getByLabel('牵头部门', { exact: true }).fill('办公室');
      await dialog.getByRole('button', { name: '创建' }).click();
      await page.getByRole('tree', { name: '方案大纲' }).waitFor();
      await treeItem(page, '一、总体要求').waitFor();
      await treeItem(page, '3.建立整改台账，逐条对账销号。').click();
      expect(await page.getByLabel('正文', { exact: true }).inputValue()).toBe('办公室每月调度一次整改进展。');
      expect(await page.getByRole('region', { name: '模板编辑' }).count()).toBe(0);
      const plans = await app.services.call('plans.list', {});
      expect(plans).toHaveLength(1);
      expect(plans[0]!.title).toMatch(/^甲委领导班子\d{4}年度民主生活会查摆问题整改方案$/);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('离开未保存的模板修改：不进方案列表，卡片提示并可继续；放弃修改后模板不变', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const copy = await app.services.call('templates.copy', { id: 'minzhu-shenghuohui', name: '本委模板' });
      const before = await app.services.call('templates.get', { id: copy.id });
      await page.reload();
      let dialog = await openNewPlanDialog(page);
      await dialog.getByRole('button', { name: '修改模板内容“本委模板”' }).click();
      await page.getByRole('region', { name: '模板编辑' }).waitFor();
      await treeItem(page, '一、指导思想').click();
      await page.getByLabel('标题', { exact: true }).fill('指导思想和总体要求');
      await treeItem(page, '一、指导思想和总体要求').waitFor();
      await waitSaved(page);

      // Leave without finishing (as a closed window would): the list stays clean, nothing is lost.
      await page.getByRole('button', { name: '返回方案列表' }).click();
      await page.getByRole('button', { name: '新建方案' }).waitFor();
      expect(await app.services.call('plans.list', {})).toEqual([]);
      expect(await page.getByText('{单位}领导班子').count()).toBe(0);
      dialog = await openNewPlanDialog(page);
      await dialog.getByText('有未保存的内容修改').waitFor();
      await dialog.getByRole('button', { name: '修改模板内容“本委模板”' }).click();
      await page.getByText('继续上次未完成的修改').waitFor();
      await treeItem(page, '一、指导思想和总体要求').waitFor();

      // 放弃修改 (confirmed): the template is as it was, the working plan gone.
      await page.getByRole('region', { name: '模板编辑' }).getByRole('button', { name: '放弃修改' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '放弃修改' }).click();
      await page.getByText('已放弃对模板“本委模板”的修改').waitFor();
      await page.getByRole('button', { name: '新建方案' }).waitFor();
      expect(await app.services.call('templates.get', { id: copy.id })).toEqual(before);
      expect(await app.services.call('templates.drafts', {})).toEqual([]);
      dialog = await openNewPlanDialog(page);
      await dialog.getByRole('group', { name: '我的模板' }).waitFor();
      expect(await dialog.getByText('有未保存的内容修改').count()).toBe(0);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
