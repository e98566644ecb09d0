import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { headings, measure, openPlan, outline, planDocument, section, treeItem, treeLabels, waitSaved } from './editor-support.ts';

afterAll(closeBrowser);

const doc = () =>
  planDocument('关于某局2025年度民主生活会查摆问题的整改方案', [
    section('总体要求', [], ['以习近平新时代中国特色社会主义思想为指导。']),
    section('整改任务', [
      section('理论学习方面', [measure('健全学习制度。', { department: '办公室', deadline: '2026年3月底前' }), measure('开展专题研讨。')]),
      section('工作作风方面', [measure('深化调查研究。')]),
    ]),
    section('组织保障'),
  ]);

describe('方案编辑器：大纲与措施（浏览器端到端）', () => {
  it('添加、编辑措施，键盘移动、降级/升级、删除（可撤销）与拖放，序号即时重排并保存', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(app, doc());
      expect(await treeLabels(page)).toEqual([
        '方案信息（标题、落款、成文日期）',
        '一、总体要求',
        '二、整改任务',
        '（一）理论学习方面',
        '1.健全学习制度。',
        '2.开展专题研讨。',
        '（二）工作作风方面',
        '1.深化调查研究。',
        '三、组织保障',
      ]);

      // 添加措施 into the selected section: the new measure is selected with 措施标题 focused.
      await treeItem(page, '（一）理论学习方面').click();
      await page.getByRole('button', { name: '添加措施' }).click();
      await treeItem(page, '3.（未填写）').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id && document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent)).toBe('措施标题');
      await page.keyboard.type('落实“第一议题”制度。');
      await page.getByLabel('正文').fill('每月召开一次理论学习中心组学习会。');
      await page.getByLabel('责任部门').fill('机关党委');
      await page.getByRole('button', { name: '立行立改' }).click();
      await page.getByLabel('完成时限').press('Tab');
      await treeItem(page, '3.落实“第一议题”制度。').waitFor();
      await waitSaved(page);
      let sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['健全学习制度。', '开展专题研讨。', '落实“第一议题”制度。']);
      const added = sec.children[2]!;
      expect(added.body).toEqual(['每月召开一次理论学习中心组学习会。']);
      expect(added.measure).toMatchObject({ department: '机关党委', deadline: '立行立改', deadlineKind: 'immediate' });

      // Alt+↑ moves it up among its siblings: 3. → 2.
      await treeItem(page, '3.落实“第一议题”制度。').click();
      await page.keyboard.press('Alt+ArrowUp');
      await treeItem(page, '2.落实“第一议题”制度。').waitFor();
      await treeItem(page, '3.开展专题研讨。').waitFor();
      await waitSaved(page);
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['健全学习制度。', '落实“第一议题”制度。', '开展专题研讨。']);

      // Alt+↓ moves it back down.
      await page.keyboard.press('Alt+ArrowDown');
      await treeItem(page, '3.落实“第一议题”制度。').waitFor();
      await waitSaved(page);

      // Tab demotes (child of the previous sibling: （1）), Shift+Tab promotes back.
      await page.keyboard.press('Tab');
      await treeItem(page, '（1）落实“第一议题”制度。').waitFor();
      await waitSaved(page);
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['健全学习制度。', '开展专题研讨。']);
      expect(headings(sec.children[1]!.children)).toEqual(['落实“第一议题”制度。']);
      await page.keyboard.press('Shift+Tab');
      await treeItem(page, '3.落实“第一议题”制度。').waitFor();
      await waitSaved(page);
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['健全学习制度。', '开展专题研讨。', '落实“第一议题”制度。']);

      // Enter adds a new sibling after it (4.), focused for typing.
      await treeItem(page, '3.落实“第一议题”制度。').click();
      await page.keyboard.press('Enter');
      await treeItem(page, '4.（未填写）').waitFor();
      await page.keyboard.type('定期开展学习检查。');
      await treeItem(page, '4.定期开展学习检查。').waitFor();

      // Delete removes a measure and renumbers; 撤销删除 brings it back.
      await treeItem(page, '1.健全学习制度。').click();
      await page.keyboard.press('Delete');
      await treeItem(page, '1.开展专题研讨。').waitFor();
      await treeItem(page, '3.定期开展学习检查。').waitFor();
      await waitSaved(page);
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['开展专题研讨。', '落实“第一议题”制度。', '定期开展学习检查。']);
      await page.getByRole('button', { name: '撤销删除' }).click();
      await treeItem(page, '1.健全学习制度。').waitFor();
      await treeItem(page, '4.定期开展学习检查。').waitFor();
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['健全学习制度。', '开展专题研讨。', '落实“第一议题”制度。', '定期开展学习检查。']);
      expect(sec.children[0]!.measure).toMatchObject({ department: '办公室', deadline: '2026年3月底前' });

      // Drag and drop: 1. dropped onto 3. lands after it and everything renumbers.
      const from = await treeItem(page, '1.健全学习制度。').boundingBox();
      const to = await treeItem(page, '3.落实“第一议题”制度。').boundingBox();
      await page.mouse.move(from!.x + 60, from!.y + from!.height / 2);
      await page.mouse.down();
      await page.mouse.move(from!.x + 60, from!.y + 20, { steps: 4 });
      await page.mouse.move(to!.x + 60, to!.y + to!.height / 2 + 2, { steps: 12 });
      await page.mouse.up();
      await treeItem(page, '3.健全学习制度。').waitFor();
      await treeItem(page, '1.开展专题研讨。').waitFor();
      await waitSaved(page);
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['开展专题研讨。', '落实“第一议题”制度。', '健全学习制度。', '定期开展学习检查。']);

      // Collapse a section; its count stays visible.
      const row = treeItem(page, '（一）理论学习方面');
      await expect(row.innerText()).resolves.toContain('4项');
      await row.click();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => row.getAttribute('aria-expanded')).toBe('false');
      expect(await treeItem(page, '1.开展专题研讨。').count()).toBe(0);
      await page.keyboard.press('ArrowRight');
      await treeItem(page, '1.开展专题研讨。').waitFor();

      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
