import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';

afterAll(closeBrowser);
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

describe('导入（浏览器端到端）', () => {
  it('粘贴文字 → 预览原文与识别结果 → 取消不保存', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await page.getByRole('button', { name: '粘贴文字' }).click();
      await page.getByLabel('粘贴的文字').fill(readFileSync(path.join(FIXTURES, 'synthetic-01-minzhu-shenghuohui-renda.txt'), 'utf8'));
      await page.getByRole('button', { name: '识别' }).click();
      const outline = page.getByLabel('识别结果');
      await outline.getByText('1.深化理论武装，筑牢政治忠诚思想根基').waitFor();
      await outline.getByText('（四）在落实管党治党责任方面').waitFor();
      await outline.getByText('时限：2026年1月底前并长期坚持').waitFor();
      await page.getByText('识别类型：民主生活会整改方案').waitFor();
      expect(await page.getByLabel('原文').innerText()).toContain('（责任领导：党组书记、主任；责任部门：办公室、研究室；完成时限：长期坚持）');
      await page.getByRole('button', { name: '取消' }).click();
      await page.getByText('识别结果').waitFor({ state: 'detached' });
      expect(await app.services.call('plans.list', {})).toEqual([]);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('选择两个文件（GB18030 文本和一个 PDF）→ 逐个预览、提示无法导入的文件 → 确认导入创建方案', async () => {
    const app = await startApp();
    const { page } = app;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-import-'));
    try {
      const gbk = path.join(dir, '考核反馈整改方案.txt');
      writeFileSync(gbk, iconv.encode(readFileSync(path.join(FIXTURES, 'synthetic-07-kaohe-fankui-zhenggai.txt'), 'utf8'), 'gb18030'));
      const pdf = path.join(dir, '扫描件.pdf');
      writeFileSync(pdf, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');

      await page.getByRole('button', { name: '导入', exact: true }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '选择文件' }).click();
      await (await chooser).setFiles([gbk, pdf]);
      await page.getByText('措施 5 项').first().waitFor();
      await page.getByText('识别类型：督查考核反馈整改').waitFor();
      await page.getByText('自动识别（GB18030）').waitFor();
      await page.getByLabel('识别结果').getByText('责任人：副秘书长 马某').waitFor();
      await page.getByText('扫描件.pdf').click();
      await page.getByText(/是 PDF 文件，无法直接导入/).waitFor();
      await page.getByText('“扫描件.pdf”无法导入').waitFor();

      await page.getByRole('button', { name: /确认导入/ }).click();
      await page.getByRole('heading', { name: '关于2025年度全市机关党建工作考核反馈问题的整改方案' }).waitFor();
      const plans = await app.services.call('plans.list', {});
      expect(plans).toHaveLength(1);
      expect(plans[0]!.measureCount).toBe(5);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
