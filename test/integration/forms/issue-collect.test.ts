// 下发 and 回收 of 进展填报表 (issue 11 items 1–2): forms for a plan with three departments, filled as Excel
// and WPS save them, collected (dry run, apply, apply again), with each kind of conflict.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { unzipBuffer } from '../../helpers/zip.ts';
import { fillProgress, formsInZip, returned, seedPlan, tamper, threeDepartmentPlan, type Seeded } from './fixture.ts';

async function workbook(): Promise<{ s: Services; plan: Seeded; dir: string }> {
  const dir = tempDir();
  const s = await createServices({ dataDir: dir });
  return { s, plan: await seedPlan(s), dir };
}

async function issueZip(s: Services, planId: string, options: { departments?: string[]; due?: string } = {}) {
  const file = await s.call('forms.issueFile', { planId, due: options.due ?? '2026-04-20', ...(options.departments ? { departments: options.departments } : {}) });
  await s.call('forms.confirmIssue', { token: file.token });
  return { file, forms: await formsInZip(Buffer.from(file.dataBase64, 'base64')) };
}

describe('下发进展填报表', () => {
  it('每个责任部门一个 .xlsx（部门_方案简称_进展填报表_截止日期.xlsx），列出本部门的措施；也可写入文件夹或 .zip', async () => {
    const { s, plan, dir } = await workbook();
    try {
      const { file, forms } = await issueZip(s, plan.planId);
      expect(file.fileName).toBe('巡察反馈问题整改方案_进展填报表_20260420.zip');
      expect(file.files.map((f) => [f.department, f.file, f.rows])).toEqual([
        ['办公室', '办公室_巡察反馈问题整改方案_进展填报表_20260420.xlsx', 3],
        ['组织人事科', '组织人事科_巡察反馈问题整改方案_进展填报表_20260420.xlsx', 1],
        ['财务科', '财务科_巡察反馈问题整改方案_进展填报表_20260420.xlsx', 2],
      ]);
      expect([...forms.keys()]).toEqual(['办公室', '组织人事科', '财务科']);

      const folder = path.join(dir, '填报表');
      const written = await s.call('forms.issue', { planId: plan.planId, output: folder, departments: ['财务科'], due: '2026-05-20' });
      expect(written.files).toEqual([{ department: '财务科', file: path.join(folder, '财务科_巡察反馈问题整改方案_进展填报表_20260520.xlsx'), rows: 2 }]);
      expect(readdirSync(folder)).toEqual(['财务科_巡察反馈问题整改方案_进展填报表_20260520.xlsx']);

      const zipped = await s.call('forms.issue', { planId: plan.planId, output: path.join(dir, '下发.zip'), due: '2026-05-20' });
      expect(zipped.files.map((f) => f.file)).toEqual([...(await unzipBuffer(readFileSync(path.join(dir, '下发.zip')))).keys()]);

      await expect(s.call('forms.issueFile', { planId: plan.planId, departments: ['宣传科'] })).rejects.toMatchObject({
        code: 'bad_input',
        message: expect.stringContaining('方案中没有由“宣传科”负责的措施'),
      });
    } finally {
      s.close();
    }
  });

  it('表格：说明在上、表头重复、A4 横向适应宽度；只有填写列不锁定（无密码保护）；状态为下拉列表；隐藏工作表记录方案、措施与版本', async () => {
    const { s, plan } = await workbook();
    try {
      const { forms } = await issueZip(s, plan.planId);
      const parts = await unzipBuffer(forms.get('办公室')!.bytes);
      const workbookXml = parts.get('xl/workbook.xml')!.toString('utf8');
      expect(workbookXml).toMatch(/<sheet [^>]*name="进展填报表"/);
      expect(workbookXml).toMatch(/<sheet [^>]*name="填报表信息"[^>]*state="hidden"/);
      expect(workbookXml).toMatch(/<definedName name="_xlnm.Print_Titles"[^>]*>&apos;进展填报表&apos;!\$4:\$4<\/definedName>/);
      const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
      expect(sheet).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
      expect(sheet).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      // Protected without a password: no hash, nothing to type to open or save it.
      expect(sheet).toMatch(/<sheetProtection sheet="1"/);
      expect(sheet).not.toMatch(/hashValue|password=/);
      expect(sheet).toMatch(/<dataValidation type="list"[^>]*sqref="H5:H7"[\s\S]*?<formula1>&quot;未启动,正在推进,长期坚持,基本完成,已完成,申请销号,未完成,延期&quot;<\/formula1>/);
      // Hidden identity columns.
      expect(sheet).toMatch(/<col min="13" max="14"[^>]*hidden="1"/);

      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(forms.get('办公室')!.bytes as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('进展填报表')!;
      expect(String(ws.getCell('A3').value)).toMatch(/^填报说明：1\.请在浅黄色的列中填写本期进展/);
      expect(String(ws.getCell('A3').value)).toContain('于2026年4月20日前报送');
      expect(String(ws.getCell('A2').value)).toContain('责任部门：办公室');
      expect((ws.getRow(4).values as unknown[]).slice(1, 13)).toEqual(['编号', '问题', '整改措施', '责任领导', '完成时限', '当前状态', '本期进展', '状态', '完成时间', '佐证材料清单', '填报人', '填报日期']);
      expect((ws.getRow(5).values as unknown[]).slice(1, 7)).toEqual(['一-1-1', '理论学习不够深入系统', '落实第一议题制度。落实第一议题制度的具体做法。', '党组书记张三', '2026年3月底前', '未启动']);
      // The measure shared by 财务科、办公室 is on both departments' forms.
      expect(ws.getCell('A7').value).toBe('一-3-2');
      expect(ws.getCell('C5').protection?.locked).not.toBe(false);
      for (const col of ['G', 'H', 'I', 'J', 'K', 'L']) expect(ws.getCell(`${col}5`).protection?.locked, col).toBe(false);
      const info = wb.getWorksheet('填报表信息')!;
      expect(info.state).toBe('hidden');
      const pairs = new Map<string, string>();
      info.eachRow((row) => pairs.set(String(row.getCell(1).value), String(row.getCell(2).value)));
      expect(pairs.get('planId')).toBe(plan.planId);
      expect(pairs.get('department')).toBe('办公室');
      expect(pairs.get('dueOn')).toBe('2026-04-20');
      expect(pairs.get(plan.ids['一-1-1']!)).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      s.close();
    }
  });
});

describe('回收进展填报表', () => {
  it('Excel 和 WPS 填写的文件：预览列出变化（不保存），应用后记入状态历史并注明来源，同一文件再应用一次不再改变', async () => {
    const { s, plan } = await workbook();
    try {
      const { forms } = await issueZip(s, plan.planId);
      const office = await fillProgress(
        forms.get('办公室')!.bytes,
        {
          '一-1-1': { progress: '已召开党组会专题学习，建立第一议题台账。', status: '已完成', completedOn: new Date(Date.UTC(2026, 2, 15)), evidence: '党组会议纪要', reporter: '王秘书', reportedOn: new Date(Date.UTC(2026, 3, 18)) },
          '一-1-2': { progress: '已建立台账，按月更新。', status: '长期坚持', reporter: '王秘书', reportedOn: new Date(Date.UTC(2026, 3, 18)) },
        },
        'excel',
      );
      // WPS-style: inline strings, dates typed as text, the status typed in other words.
      const staff = await fillProgress(forms.get('组织人事科')!.bytes, { '一-2-1': { progress: '培训计划已印发。', status: '已整改到位', completedOn: '2026.3.1', reporter: '赵干事', reportedOn: '2026年4月19日' } }, 'wps');
      expect((await unzipBuffer(staff)).get('xl/worksheets/sheet1.xml')!.toString('utf8')).toContain('t="inlineStr"');
      const files = [returned(forms.get('办公室')!.name, office), returned(forms.get('组织人事科')!.name, staff)];

      const dry = await s.call('forms.collect', { files, planId: plan.planId });
      expect(dry.errors).toEqual([]);
      expect(dry.conflicts).toEqual([]);
      expect(dry.changes.map((c) => [c.path, c.department, c.field, c.from, c.to])).toEqual([
        ['一-1-1', '办公室', 'status', 'not_started', 'done'],
        ['一-1-1', '办公室', 'progress', null, '已召开党组会专题学习，建立第一议题台账。'],
        ['一-1-1', '办公室', 'completedOn', null, '2026-03-15'],
        ['一-1-1', '办公室', 'evidence', null, '党组会议纪要'],
        ['一-1-2', '办公室', 'status', 'not_started', 'ongoing'],
        ['一-1-2', '办公室', 'progress', null, '已建立台账，按月更新。'],
        ['一-2-1', '组织人事科', 'status', 'not_started', 'done'],
        ['一-2-1', '组织人事科', 'progress', null, '培训计划已印发。'],
        ['一-2-1', '组织人事科', 'completedOn', null, '2026-03-01'],
      ]);
      expect(dry.rows.find((r) => r.path === '一-1-1')).toMatchObject({ reporter: '王秘书', reportedOn: '2026-04-18', applicable: true });
      // A dry run stores nothing.
      expect((await s.call('progress.get', { measureId: plan.ids['一-1-1']! })).history).toEqual([]);

      const applied = await s.call('forms.apply', { files, planId: plan.planId });
      expect(applied.applied).toBe(3);
      expect(applied.changes).toEqual(dry.changes);
      const m1 = await s.call('progress.get', { measureId: plan.ids['一-1-1']! });
      expect(m1.measure.status).toBe('done');
      expect(m1.history).toEqual([
        expect.objectContaining({
          kind: 'status',
          status: 'done',
          date: '2026-03-15',
          note: '已召开党组会专题学习，建立第一议题台账。\n佐证材料：党组会议纪要',
          actor: '王秘书',
          source: `部门报送：办公室，${forms.get('办公室')!.name}，王秘书，2026-04-18`,
        }),
      ]);
      expect(m1.measure.progressText).toBe('已召开党组会专题学习，建立第一议题台账。\n佐证材料：党组会议纪要');
      const m3 = await s.call('progress.get', { measureId: plan.ids['一-2-1']! });
      expect(m3.history[0]).toMatchObject({ status: 'done', date: '2026-03-01', source: `部门报送：组织人事科，${forms.get('组织人事科')!.name}，赵干事，2026-04-19` });

      // The same files again: nothing new, nothing recorded twice.
      const again = await s.call('forms.apply', { files, planId: plan.planId });
      expect(again).toMatchObject({ applied: 0, changes: [], conflicts: [], errors: [] });
      expect(again.rows.every((r) => r.alreadyApplied)).toBe(true);
      expect((await s.call('progress.get', { measureId: plan.ids['一-1-1']! })).history).toHaveLength(1);
    } finally {
      s.close();
    }
  });

  it('行被重新排序后仍按措施对应', async () => {
    const { s, plan } = await workbook();
    try {
      const { forms } = await issueZip(s, plan.planId);
      const filled = await fillProgress(forms.get('财务科')!.bytes, { '一-3-1': { status: '正在推进', progress: '已起草办法初稿。' } });
      // Swap the two rows completely (as Excel's sort does), hidden id column included.
      const sorted = await tamper(filled, (ws) => {
        const a = ws.getRow(5).values as ExcelJS.CellValue[];
        const b = ws.getRow(6).values as ExcelJS.CellValue[];
        ws.getRow(5).values = b;
        ws.getRow(6).values = a;
      });
      const r = await s.call('forms.collect', { files: [returned('财务科.xlsx', sorted)] });
      expect(r.conflicts).toEqual([]);
      expect(r.changes.map((c) => [c.measureId, c.field, c.to])).toEqual([
        [plan.ids['一-3-1'], 'status', 'in_progress'],
        [plan.ids['一-3-1'], 'progress', '已起草办法初稿。'],
      ]);
    } finally {
      s.close();
    }
  });
});

export { threeDepartmentPlan };
