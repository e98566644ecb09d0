// The forms as LibreOffice sees them (issue 11): a form filled in Excel and saved again by LibreOffice's
// xlsx filter still comes back, and a generated form prints as a clean A4 landscape table.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { convertWithLibreOffice, readPdfLayout } from '../export/render.ts';
import { fillProgress, formsInZip, returned, seedPlan } from './fixture.ts';

describe('填报表与 LibreOffice', () => {
  it('经 LibreOffice 另存的填报表照常回收；生成的填报表打印为一页 A4 横向表格，表头和说明齐全', async () => {
    const dir = tempDir();
    const s = await createServices({ dataDir: path.join(dir, 'data') });
    try {
      const plan = await seedPlan(s);
      const file = await s.call('forms.issueFile', { planId: plan.planId, due: '2026-04-20' });
      const form = (await formsInZip(Buffer.from(file.dataBase64, 'base64'))).get('财务科')!;
      const blank = path.join(dir, form.name);
      writeFileSync(blank, form.bytes);

      const pdf = convertWithLibreOffice(blank, 'pdf', path.join(dir, 'pdf'));
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+1\n/);
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.\d+ pts \(A4\)/);
      const text = readPdfLayout(pdf)[0]!.lines.map((l) => l.text).join('\n');
      for (const label of ['巡察反馈问题整改方案进展填报表', '责任部门：财务科', '填报说明：', '编号', '本期进展', '佐证材料清单', '修订公务接待办法', '第1页，共1页']) {
        expect(text.replace(/\s+/g, '')).toContain(label);
      }
      // The hidden identity columns do not print.
      expect(text).not.toContain(plan.ids['一-3-1']!);

      const filled = path.join(dir, 'filled', form.name);
      execFileSync('mkdir', ['-p', path.dirname(filled)]);
      writeFileSync(filled, await fillProgress(form.bytes, { '一-3-1': { progress: '办法已印发。', status: '已完成', completedOn: new Date(Date.UTC(2026, 3, 10)), reporter: '钱会计' } }));
      const resaved = convertWithLibreOffice(filled, 'xlsx', path.join(dir, 'resaved'));
      const r = await s.call('forms.apply', { files: [returned(form.name, readFileSync(resaved))] });
      expect(r.errors).toEqual([]);
      expect(r.conflicts).toEqual([]);
      expect(r.changes.map((c) => [c.path, c.field, c.to])).toEqual([
        ['一-3-1', 'status', 'done'],
        ['一-3-1', 'progress', '办法已印发。'],
        ['一-3-1', 'completedOn', '2026-04-10'],
      ]);
      expect((await s.call('progress.get', { measureId: plan.ids['一-3-1']! })).history[0]).toMatchObject({ status: 'done', date: '2026-04-10', actor: '钱会计' });
    } finally {
      s.close();
    }
  });
});
