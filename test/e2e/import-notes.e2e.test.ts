// The import preview explains each reading (a reason on hover) and lets the user undo one in a click
// before 确认导入 (issue 13): demote an inferred heading, restore a dropped web-page line.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { UNNUMBERED, WEB_PAGES } from '../unit/import/family-texts.ts';
import { closeBrowser, startApp } from './harness.ts';

afterAll(closeBrowser);

async function paste(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByRole('button', { name: '粘贴文字' }).click();
  await page.getByLabel('粘贴的文字').fill(text);
  await page.getByRole('button', { name: '识别', exact: true }).click();
}

describe('导入预览：识别依据与一键更正（浏览器端到端）', () => {
  it('推断的标题显示依据，点“改为正文”后不再是标题，确认导入后作为正文保存', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await paste(page, UNNUMBERED[0]!.text);
      const outline = page.getByLabel('识别结果');
      const heading = '坚持能力提升“赋能”，锻造过硬专业本领';
      await outline.getByText(heading).waitFor();
      await expect.poll(() => outline.getByText('推断的标题').count()).toBe(4);
      // The reason is on hover.
      await outline.getByText(heading).hover();
      await page.getByRole('tooltip').getByText(/推断为一级标题/).waitFor();

      const row = outline.locator('div[data-kind="section"]').filter({ hasText: heading });
      await row.getByRole('button', { name: '改为正文' }).click();
      await outline.getByText(heading).waitFor({ state: 'detached' });
      await expect.poll(() => outline.getByText('推断的标题').count()).toBe(3);

      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByRole('heading', { name: 'XX区教育局2025年干部队伍建设工作总结' }).waitFor();
      const [plan] = await app.services.call('plans.list', {});
      const doc = await app.services.call('plans.document', { id: plan!.id });
      expect(doc.sections.map((s) => s.heading)).not.toContain(heading);
      expect(doc.sections.flatMap((s) => s.body)).toContain(heading);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('去除的网页杂项在“识别依据”中列出原因，点“恢复此行”后保留', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await paste(page, WEB_PAGES[0]!.text);
      await page.getByLabel('识别结果').getByText('XX市人民政府办公室关于进一步压减审批时限的整改方案').waitFor();
      await page.getByRole('tab', { name: /识别依据/ }).click();
      const notes = page.getByLabel('识别依据');
      const crumb = notes.locator('li').filter({ hasText: '当前位置：首页' });
      await crumb.getByText(/当前位置导航/).first().waitFor();
      await crumb.getByRole('button', { name: '恢复此行' }).click();
      await notes.locator('li').filter({ hasText: '当前位置：首页' }).getByRole('button', { name: '恢复此行' }).waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: '识别结果' }).click();
      await page.getByLabel('识别结果').getByText('当前位置：首页 >> 政务公开 >> 政策文件').waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
