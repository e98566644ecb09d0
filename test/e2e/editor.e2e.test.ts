import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { headings, measure, pickOption, openPlan, outline, planDocument, section, treeItem, treeLabels, waitSaved } from './editor-support.ts';

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
        '方案信息',
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
      await expect.poll(() => page.evaluate(() => document.activeElement?.id && document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent)).toBe('措施标题');
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

      // Drag and drop as the FIRST child: 4. dragged right onto the upper half of its section's row; while
      // dragging, the row says where it will land; released, it becomes 1. and the rest renumber.
      const last = await treeItem(page, '4.定期开展学习检查。').boundingBox();
      const sectionRow = treeItem(page, '（一）理论学习方面');
      const head = await sectionRow.boundingBox();
      await page.mouse.move(last!.x + 60, last!.y + last!.height / 2);
      await page.mouse.down();
      await page.mouse.move(last!.x + 60, last!.y - 10, { steps: 4 });
      await page.mouse.move(head!.x + 140, head!.y + head!.height * 0.3, { steps: 12 });
      await expect.poll(() => sectionRow.getAttribute('data-drop')).toBe('firstChild');
      expect(await sectionRow.locator('.tree-drop-hint').innerText()).toBe('放入其下，作第一项');
      // The lower half of the same row would put it last instead.
      await page.mouse.move(head!.x + 140, head!.y + head!.height * 0.8, { steps: 3 });
      await expect.poll(() => sectionRow.getAttribute('data-drop')).toBe('lastChild');
      expect(await sectionRow.locator('.tree-drop-hint').innerText()).toBe('放入其下，作最后一项');
      await page.mouse.move(head!.x + 140, head!.y + head!.height * 0.3, { steps: 3 });
      await expect.poll(() => sectionRow.getAttribute('data-drop')).toBe('firstChild');
      await page.mouse.up();
      await treeItem(page, '1.定期开展学习检查。').waitFor();
      await treeItem(page, '2.开展专题研讨。').waitFor();
      expect(await page.locator('.tree-drop-hint').count()).toBe(0);
      await waitSaved(page);
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['定期开展学习检查。', '开展专题研讨。', '落实“第一议题”制度。', '健全学习制度。']);

      // Collapse a section; its count stays visible.
      const row = treeItem(page, '（一）理论学习方面');
      await expect(row.innerText()).resolves.toContain('4项');
      await row.click();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => row.getAttribute('aria-expanded')).toBe('false');
      expect(await treeItem(page, '1.定期开展学习检查。').count()).toBe(0);
      await page.keyboard.press('ArrowRight');
      await treeItem(page, '1.定期开展学习检查。').waitFor();

      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('措施字段：责任部门、配合部门从名录自动补全（名录随填写增长），完成时限选月份，状态', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await app.services.call('directory.add', { type: 'department', name: '党委办公室' });
      await app.services.call('directory.add', { type: 'department', name: '组织人事处' });
      await app.services.call('directory.add', { type: 'person', name: '王局长' });
      const planId = await openPlan(app, doc());
      await treeItem(page, '2.开展专题研讨。').click();

      await page.getByLabel('责任部门').click();
      await page.getByLabel('责任部门').pressSequentially('党委');
      await pickOption(page, '党委办公室');
      await expect(page.getByLabel('责任部门').inputValue()).resolves.toBe('党委办公室');

      await page.getByLabel('责任领导').click();
      await page.getByLabel('责任领导').pressSequentially('王');
      await pickOption(page, '王局长');

      await page.getByLabel('配合部门').click();
      await page.getByLabel('配合部门').pressSequentially('组织');
      await pickOption(page, '组织人事处');
      // A department not yet in the directory can be typed and is kept.
      await page.getByLabel('配合部门').pressSequentially('宣传科');
      await page.getByLabel('配合部门').press('Enter');
      await page.getByLabel('责任人').click();
      await waitSaved(page);
      const m = (await outline(app, planId))[1]!.children[0]!.children[1]!.measure!;
      expect(m).toMatchObject({ department: '党委办公室', leader: '王局长', cooperating: ['组织人事处', '宣传科'] });

      // 完成时限 from the month picker reads "2026年3月底前" and is classified; 状态 from the list.
      await page.getByLabel('选择完成月份').click();
      await page.getByLabel('选择完成月份').fill('2026-03');
      await page.getByLabel('选择完成月份').press('Enter');
      await expect.poll(() => page.getByLabel('完成时限').inputValue()).toBe('2026年3月底前');
      await page.getByText('限期完成', { exact: true }).waitFor();
      await page.getByLabel('状态').click();
      await pickOption(page, '正在推进');
      await waitSaved(page);
      const m2 = (await outline(app, planId))[1]!.children[0]!.children[1]!.measure!;
      expect(m2).toMatchObject({ deadline: '2026年3月底前', deadlineKind: 'date', deadlineDate: '2026-03-31', status: 'in_progress' });
      await treeItem(page, '2.开展专题研讨。').getByText('正在推进').waitFor();

      // The new name joined the directory: another measure is offered it.
      await treeItem(page, '1.深化调查研究。').click();
      await page.getByLabel('责任部门').click();
      await page.getByLabel('责任部门').pressSequentially('宣传');
      await pickOption(page, '宣传科');
      await waitSaved(page);
      expect((await outline(app, planId))[1]!.children[1]!.children[0]!.measure!.department).toBe('宣传科');

      // The directory can be corrected: rename an entry.
      await page.getByRole('button', { name: '更多' }).click();
      await page.getByRole('menuitem', { name: '人员与部门名录' }).click();
      const dir = page.getByRole('dialog', { name: '人员与部门名录' });
      const entry = dir.locator('.ant-list-item').filter({ hasText: '宣传科' });
      await entry.getByRole('button', { name: '修改' }).click();
      await dir.getByLabel('修改部门名称').fill('宣传部');
      await dir.getByRole('button', { name: '确定' }).click();
      await dir.locator('.ant-list-item').filter({ hasText: '宣传部' }).waitFor();
      const names = (await app.services.call('directory.list', { type: 'department' })).map((e) => e.name);
      expect(names).toContain('宣传部');
      expect(names).not.toContain('宣传科');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('常用语插入到光标处；选中文字存为常用语', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(app, doc());
      await treeItem(page, '一、总体要求').click();
      const body = page.getByLabel('正文');
      // Cursor after "以", before "习近平…".
      await body.click();
      await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(1, 1));
      await page.getByRole('button', { name: '常用语' }).click();
      const panel = page.getByRole('region', { name: '常用语' });
      const phrase = panel.locator('.phrase-text').first();
      const text = await phrase.innerText();
      expect(text.length).toBeGreaterThan(4);
      await phrase.click();
      await expect.poll(() => body.inputValue()).toBe(`以${text}习近平新时代中国特色社会主义思想为指导。`);
      await waitSaved(page);
      expect((await outline(app, planId))[0]!.body).toEqual([`以${text}习近平新时代中国特色社会主义思想为指导。`]);

      // Select words in the field and keep them as my own phrase.
      await body.evaluate((el: HTMLTextAreaElement) => {
        const start = el.value.lastIndexOf('习近平');
        el.focus();
        el.setSelectionRange(start, start + '习近平新时代中国特色社会主义思想'.length);
      });
      await panel.getByRole('button', { name: '将选中文字存为常用语' }).click();
      await page.getByText('已存为常用语').waitFor();
      await panel.getByRole('region', { name: '我的常用语' }).getByText('习近平新时代中国特色社会主义思想', { exact: true }).waitFor();
      const mine = (await app.services.call('phrases.list', {})).filter((p) => !p.builtin).map((p) => p.text);
      expect(mine).toEqual(['习近平新时代中国特色社会主义思想']);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('撤销/重做（Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z）覆盖文字与结构修改', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(app, doc());
      await treeItem(page, '1.健全学习制度。').click();
      const heading = page.getByLabel('措施标题');
      await heading.fill('健全完善学习制度。');
      await waitSaved(page);
      expect((await outline(app, planId))[1]!.children[0]!.children[0]!.heading).toBe('健全完善学习制度。');

      await page.keyboard.press('Control+z');
      await treeItem(page, '1.健全学习制度。').waitFor();
      await expect.poll(() => page.getByLabel('措施标题').inputValue()).toBe('健全学习制度。');
      expect((await outline(app, planId))[1]!.children[0]!.children[0]!.heading).toBe('健全学习制度。');

      await page.keyboard.press('Control+y');
      await treeItem(page, '1.健全完善学习制度。').waitFor();
      expect((await outline(app, planId))[1]!.children[0]!.children[0]!.heading).toBe('健全完善学习制度。');

      // A structure edit: move down, undo puts it back, Ctrl+Shift+Z repeats it.
      await treeItem(page, '1.健全完善学习制度。').click();
      await page.keyboard.press('Alt+ArrowDown');
      await treeItem(page, '2.健全完善学习制度。').waitFor();
      await waitSaved(page);
      await page.keyboard.press('Control+z');
      await treeItem(page, '1.健全完善学习制度。').waitFor();
      expect(headings((await outline(app, planId))[1]!.children[0]!.children)).toEqual(['健全完善学习制度。', '开展专题研讨。']);
      await page.keyboard.press('Control+Shift+z');
      await treeItem(page, '2.健全完善学习制度。').waitFor();
      expect(headings((await outline(app, planId))[1]!.children[0]!.children)).toEqual(['开展专题研讨。', '健全完善学习制度。']);

      // The toolbar buttons do the same.
      await page.getByRole('button', { name: '撤销' }).click();
      await treeItem(page, '1.健全完善学习制度。').waitFor();
      await page.getByRole('button', { name: '重做' }).click();
      await treeItem(page, '2.健全完善学习制度。').waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('刷新后一切仍在：自动保存在一秒内完成，隐藏窗口时立即保存', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(app, doc());
      await treeItem(page, '方案信息').click();
      await page.getByLabel('主送机关').fill('市委巡察办');
      await page.getByLabel('成文日期').fill('2025年12月15日');
      await treeItem(page, '2.开展专题研讨。').click();
      await page.getByLabel('措施标题').fill('开展专题研讨交流。');
      await page.getByLabel('完成时限').fill('2026年6月底前');
      // Within a second of the last keystroke the edit is stored, with no blur or save.
      const started = Date.now();
      await expect
        .poll(async () => (await outline(app, planId))[1]!.children[0]!.children[1]!.measure!.deadline, { timeout: 3000, interval: 50 })
        .toBe('2026年6月底前');
      expect(Date.now() - started).toBeLessThan(1500);

      // Hiding the window sends what is waiting at once (well before the debounce would).
      await page.getByLabel('责任人').fill('李四');
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await expect
        .poll(async () => (await outline(app, planId))[1]!.children[0]!.children[1]!.measure!.person, { timeout: 400, interval: 20 })
        .toBe('李四');

      await page.reload();
      await page.getByRole('tree', { name: '方案大纲' }).waitFor();
      await treeItem(page, '2.开展专题研讨交流。').click();
      await expect(page.getByLabel('完成时限').inputValue()).resolves.toBe('2026年6月底前');
      await expect(page.getByLabel('责任人').inputValue()).resolves.toBe('李四');
      await treeItem(page, '方案信息').click();
      await expect(page.getByLabel('主送机关').inputValue()).resolves.toBe('市委巡察办');
      await expect(page.getByLabel('成文日期').inputValue()).resolves.toBe('2025年12月15日');

      // Reloading straight after typing (inside the autosave delay) still keeps the words.
      await page.getByLabel('落款').fill('中共某某局委员会');
      await page.reload();
      await page.getByRole('tree', { name: '方案大纲' }).waitFor();
      await expect.poll(async () => (await app.services.call('plans.get', { id: planId })).document.issuer).toBe('中共某某局委员会');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('Ctrl+S 保存并显示“已保存”、留存版本；历史版本可对比并恢复（恢复可撤销）', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(app, doc());
      await treeItem(page, '1.健全学习制度。').click();
      await page.getByLabel('措施标题').fill('健全学习制度（第一版）。');
      await page.keyboard.press('Control+s');
      await page.locator('.ant-message').getByText('已保存', { exact: true }).waitFor();
      let revisions = await app.services.call('revisions.list', { planId });
      expect(revisions).toHaveLength(1);
      expect(revisions[0]!.reason).toBe('保存');

      // Change more, then compare with the saved version and restore it.
      await page.getByLabel('措施标题').fill('健全学习制度（第二版）。');
      await page.getByLabel('责任部门').fill('机关党委');
      await treeItem(page, '2.开展专题研讨。').click();
      await page.keyboard.press('Delete');
      await treeItem(page, '（二）工作作风方面').waitFor();
      await waitSaved(page);
      expect(headings((await outline(app, planId))[1]!.children[0]!.children)).toEqual(['健全学习制度（第二版）。']);

      await page.getByRole('button', { name: '历史版本' }).click();
      const panel = page.getByRole('region', { name: '历史版本' });
      await panel.getByRole('button', { name: '与当前对比' }).click();
      const diff = page.getByRole('dialog', { name: /的版本对比/ });
      await diff.getByText('健全学习制度（第一版）。').first().waitFor();
      await diff.getByText('健全学习制度（第二版）。').first().waitFor();
      await diff.getByText('删除', { exact: true }).first().waitFor();
      await diff.getByRole('button', { name: '恢复此版本' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '恢复' }).click();
      await treeItem(page, '1.健全学习制度（第一版）。').waitFor();
      await treeItem(page, '2.开展专题研讨。').waitFor();
      let sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['健全学习制度（第一版）。', '开展专题研讨。']);
      expect(sec.children[0]!.measure!.department).toBe('办公室');
      // Restoring kept a safety copy of what was there before.
      revisions = await app.services.call('revisions.list', { planId });
      expect(revisions.map((r) => r.reason)).toContain('恢复前');

      // Restoring is itself undoable.
      await page.keyboard.press('Control+z');
      await treeItem(page, '1.健全学习制度（第二版）。').waitFor();
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['健全学习制度（第二版）。']);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('公文检查列出问题、点击定位，一键修正半角标点', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(
        app,
        planDocument('关于某局整改方案。', [
          section('总体要求', [], ['坚持问题导向,目标导向,结果导向。']),
          section('整改任务', [measure('健全学习制度。', { department: '办公室', deadline: '2026年3月底前' }), measure('开展专题研讨。')]),
          section('组织保障'),
        ]),
      );
      await page.getByRole('button', { name: '公文检查' }).click();
      const panel = page.getByRole('region', { name: '公文检查' });
      const findings = panel.getByRole('list', { name: '检查结果' });
      await findings.getByRole('button').first().waitFor();
      const texts = await findings.getByRole('button').allInnerTexts();
      const joined = texts.join('\n');
      expect(joined).toMatch(/责任部门/);
      expect(joined).toMatch(/完成时限/);
      expect(joined).toMatch(/半角/);
      expect(joined).toMatch(/标题/);

      // Click a finding about the measure without 责任部门: the measure opens with that field focused.
      await findings.getByRole('button', { name: /责任部门/ }).first().click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id && document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent))
        .toBe('责任部门');
      await expect.poll(() => page.getByRole('treeitem', { selected: true }).getAttribute('aria-label')).toBe('（二）开展专题研讨。');

      // Fill it in: the finding goes away on the next check.
      await page.keyboard.type('宣传部');
      await panel.getByRole('button', { name: '重新检查' }).click();
      await expect.poll(async () => (await findings.getByRole('button').allInnerTexts()).join('\n')).not.toMatch(/责任部门/);

      // One click fixes the half-width punctuation (and can be undone).
      await panel.getByRole('button', { name: '一键修正半角标点' }).click();
      await page.getByText(/已修正 \d+ 处半角标点/).waitFor();
      expect((await outline(app, planId))[0]!.body).toEqual(['坚持问题导向，目标导向，结果导向。']);
      await expect.poll(async () => (await findings.getByRole('button').allInnerTexts()).join('\n')).not.toMatch(/半角/);
      await treeItem(page, '一、总体要求').click();
      await expect(page.getByLabel('正文').inputValue()).resolves.toBe('坚持问题导向，目标导向，结果导向。');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('由选中文字新建问题并关联措施；复用其他方案中的措施', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await app.services.call('plans.createFromDocument', {
        document: planDocument('其他方案', [section('措施', [measure('建立谈心谈话常态化机制。', { department: '组织人事处', deadline: '长期坚持' }, ['每半年开展一次谈心谈话。'])])]),
      });
      const planId = await openPlan(app, doc());
      await treeItem(page, '1.健全学习制度。').click();
      const body = page.getByLabel('正文');
      await body.fill('针对理论学习不够深入的问题，健全学习制度。');
      await body.evaluate((el: HTMLTextAreaElement) => {
        el.focus();
        el.setSelectionRange(2, 2 + '理论学习不够深入'.length);
      });
      await page.getByRole('button', { name: '问题清单' }).click();
      const panel = page.getByRole('region', { name: '问题清单' });
      await panel.getByRole('button', { name: '由选中文字新建问题' }).click();
      await page.getByText('已新建问题并关联到当前措施').waitFor();
      const problems = await app.services.call('problems.list', { planId });
      expect(problems.map((p) => p.text)).toEqual(['理论学习不够深入']);
      const measureId = (await outline(app, planId))[1]!.children[0]!.children[0]!.id;
      expect(problems[0]!.nodeIds).toEqual([measureId]);
      await page.getByRole('group', { name: '对应问题' }).getByText('理论学习不够深入').waitFor();
      // The problem's wording can be corrected in the list.
      await panel.getByRole('button', { name: '修改', exact: true }).click();
      await panel.getByLabel('修改问题内容').fill('理论学习不够深入系统');
      await panel.getByRole('button', { name: '确定' }).click();
      await panel.getByText('理论学习不够深入系统').waitFor();
      expect((await app.services.call('problems.list', { planId }))[0]!.text).toBe('理论学习不够深入系统');

      // Reuse a measure of the other plan, with its fields, after the selected one.
      await page.getByRole('button', { name: '复用措施' }).click();
      const dialog = page.getByRole('dialog', { name: '复用其他方案中的措施' });
      await dialog.getByLabel('查找措施').fill('谈心谈话');
      await dialog.getByLabel('查找措施').press('Enter');
      await dialog.getByRole('button', { name: /^复用：建立谈心谈话/ }).click();
      await treeItem(page, '2.建立谈心谈话常态化机制。').waitFor();
      await treeItem(page, '3.开展专题研讨。').waitFor();
      const reused = (await outline(app, planId))[1]!.children[0]!.children[1]!;
      expect(reused.heading).toBe('建立谈心谈话常态化机制。');
      expect(reused.body).toEqual(['每半年开展一次谈心谈话。']);
      expect(reused.measure).toMatchObject({ department: '组织人事处', deadline: '长期坚持' });
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('两个窗口同时编辑同一方案：检测冲突并让用户选择', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const planId = await openPlan(app, doc());
      const other = await app.context.newPage();
      await other.goto(`${app.host.url}#/plan/${planId}`);
      await other.getByRole('tree', { name: '方案大纲' }).waitFor();

      // The other window changes the plan first.
      await treeItem(other, '1.健全学习制度。').click();
      await other.getByLabel('措施标题').fill('对方窗口的修改。');
      await waitSaved(other);

      // This window, unaware, edits too: the save is refused and the user chooses.
      await treeItem(page, '2.开展专题研讨。').click();
      await page.getByLabel('措施标题').fill('本窗口的修改。');
      const conflict = page.getByRole('dialog', { name: '方案已在其他窗口中被修改' });
      await conflict.waitFor();
      expect((await outline(app, planId))[1]!.children[0]!.children[1]!.heading).toBe('开展专题研讨。');
      await conflict.getByRole('button', { name: '用我的修改覆盖' }).click();
      await conflict.waitFor({ state: 'hidden' });
      await waitSaved(page);
      let sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['对方窗口的修改。', '本窗口的修改。']);
      // This window now shows both.
      await treeItem(page, '1.对方窗口的修改。').waitFor();

      // The other way round, choosing theirs drops this window's pending edit.
      await page.getByLabel('措施标题').fill('本窗口第二次修改。');
      await waitSaved(page);
      await treeItem(other, '1.对方窗口的修改。').click();
      await other.getByLabel('措施标题').fill('对方第二次修改。');
      const conflict2 = other.getByRole('dialog', { name: '方案已在其他窗口中被修改' });
      await conflict2.waitFor();
      await conflict2.getByRole('button', { name: '载入对方的修改' }).click();
      await treeItem(other, '2.本窗口第二次修改。').waitFor();
      sec = (await outline(app, planId))[1]!.children[0]!;
      expect(headings(sec.children)).toEqual(['对方窗口的修改。', '本窗口第二次修改。']);
      await other.close();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
