import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { openPlan, planDocument, section, measure, treeItem, treeLabels } from './editor-support.ts';

afterAll(closeBrowser);

describe('新建方案：由模板创建（浏览器端到端）', () => {
  it('每个内置模板都能新建方案：填写变量后标题已填好、骨架齐全、未填的占位符高亮', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const builtins = (await app.services.call('templates.list', {})).filter((t) => t.builtin);
      expect(builtins.length).toBeGreaterThanOrEqual(7);
      for (const [i, template] of builtins.entries()) {
        const unit = `测试单位${i + 1}号`;
        await page.goto(`${app.host.url}#/`);
        await page.getByRole('button', { name: '新建方案' }).click();
        const dialog = page.getByRole('dialog', { name: '新建方案' });
        // The card shows the name and the one-line purpose.
        const card = dialog.getByRole('button', { name: new RegExp(template.name.replace(/[()（）/]/g, '.')) });
        await expect(card.innerText()).resolves.toContain(template.purpose);
        await card.click();
        // Every variable is an input labelled with its name (单位, 年度, 落款, 成文日期 …).
        for (const v of template.variables) await dialog.getByLabel(v.name, { exact: true }).waitFor();
        const hasUnit = template.variables.some((v) => v.name === '单位');
        if (hasUnit) await dialog.getByLabel('单位', { exact: true }).fill(unit);
        if (template.variables.some((v) => v.name === '落款')) await dialog.getByLabel('落款', { exact: true }).fill(`中共${unit}委员会`);
        for (const v of template.variables.filter((x) => x.required && x.name !== '单位')) {
          const input = dialog.getByLabel(v.name, { exact: true });
          if ((await input.inputValue()) === '') await input.fill(`填写的${v.name}`);
        }
        await dialog.getByRole('button', { name: '创建' }).click();
        await page.getByRole('tree', { name: '方案大纲' }).waitFor();

        const planId = decodeURIComponent(/#\/plan\/(.+)$/.exec(page.url())![1]!);
        const plan = await app.services.call('plans.get', { id: planId });
        expect(plan.kind).toBe(template.kind);
        expect(plan.outline.length).toBeGreaterThan(0);
        // The title is the pattern with the variables filled in.
        if (template.titlePattern.includes('{单位}')) expect(plan.title).toContain(unit);
        expect(plan.title).not.toContain('{单位}');
        expect(plan.title).not.toContain('{年度}');
        await page.getByRole('heading', { name: plan.title }).waitFor();
        if (template.variables.some((v) => v.name === '落款')) expect(plan.document.issuer).toBe(`中共${unit}委员会`);
        // The skeleton is in the tree with generated markers.
        const labels = await treeLabels(page);
        expect(labels[1]).toMatch(/^一、/);
        expect(labels.length).toBe(1 + countNodes(plan.outline));
        // Placeholders left in the plan are highlighted in the tree.
        const text = JSON.stringify(plan.outline);
        if (/\{[^{}]{1,20}\}/.test(text)) {
          expect(await page.getByRole('tree').locator('mark.placeholder').count()).toBeGreaterThan(0);
        }
      }
      expect(await app.services.call('plans.list', {})).toHaveLength(builtins.length);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('必填变量未填写时不创建，并提示', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const withRequired = (await app.services.call('templates.list', {})).find((t) => t.builtin && t.variables.some((v) => v.required));
      expect(withRequired).toBeDefined();
      await page.getByRole('button', { name: '新建方案' }).click();
      const dialog = page.getByRole('dialog', { name: '新建方案' });
      await dialog.getByRole('button', { name: new RegExp(withRequired!.name.replace(/[()（）/]/g, '.')) }).click();
      const required = withRequired!.variables.find((v) => v.required)!;
      await dialog.getByLabel(required.name, { exact: true }).fill('');
      await dialog.getByRole('button', { name: '创建' }).click();
      await dialog.getByText(`请填写${required.name}`).waitFor();
      expect(await app.services.call('plans.list', {})).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('另存为模板，再由它新建方案；自定义模板可修改、可删除', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await openPlan(
        app,
        planDocument('关于某局2025年度巡察反馈问题的整改方案', [
          section('总体要求', [], ['坚持问题导向。']),
          section('整改措施', [measure('健全制度机制。', { department: '办公室', deadline: '2026年3月底前' })]),
        ]),
      );
      await page.getByRole('button', { name: '更多' }).click();
      await page.getByRole('menuitem', { name: '另存为模板' }).click();
      const dialog = page.getByRole('dialog', { name: '另存为模板' });
      await dialog.getByLabel('模板名称').fill('本局巡察整改模板');
      await dialog.getByLabel('用途说明').fill('本局接受巡察后使用');
      await dialog.getByRole('button', { name: '保存为模板' }).click();
      await page.getByText('已另存为模板').waitFor();
      const mine = (await app.services.call('templates.list', {})).filter((t) => !t.builtin);
      expect(mine.map((t) => t.name)).toEqual(['本局巡察整改模板']);

      // Create a plan from it.
      await page.getByRole('button', { name: '返回方案列表' }).click();
      await page.getByRole('button', { name: '新建方案' }).click();
      let newDialog = page.getByRole('dialog', { name: '新建方案' });
      await newDialog.getByRole('group', { name: '我的模板' }).getByRole('button', { name: /^本局巡察整改模板/ }).click();
      await newDialog.getByRole('button', { name: '创建' }).click();
      await page.getByRole('tree', { name: '方案大纲' }).waitFor();
      await treeItem(page, '一、总体要求').waitFor();
      await treeItem(page, '二、整改措施').waitFor();
      await treeItem(page, '（一）健全制度机制。').waitFor();
      expect(await app.services.call('plans.list', {})).toHaveLength(2);

      // Rename it, then delete it.
      await page.getByRole('button', { name: '返回方案列表' }).click();
      await page.getByRole('button', { name: '新建方案' }).click();
      newDialog = page.getByRole('dialog', { name: '新建方案' });
      await newDialog.getByRole('button', { name: '修改模板“本局巡察整改模板”' }).click();
      const edit = page.getByRole('dialog', { name: '修改模板' });
      await edit.getByLabel('模板名称').fill('巡察整改（本局）');
      await edit.getByRole('button', { name: '保存' }).click();
      await newDialog.getByRole('button', { name: /^巡察整改（本局）/ }).waitFor();
      expect((await app.services.call('templates.list', {})).filter((t) => !t.builtin).map((t) => t.name)).toEqual(['巡察整改（本局）']);

      await newDialog.getByRole('button', { name: '删除模板“巡察整改（本局）”' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
      await page.getByText('已删除模板').waitFor();
      expect((await app.services.call('templates.list', {})).filter((t) => !t.builtin)).toHaveLength(0);
      expect(await newDialog.getByRole('group', { name: '我的模板' }).count()).toBe(0);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

function countNodes(nodes: readonly { children: readonly unknown[] }[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children as { children: unknown[] }[]), 0);
}
