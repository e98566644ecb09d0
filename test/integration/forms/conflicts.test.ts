// 回收 never overwrites what it should not (issue 11 item 2): each conflict kind is flagged and left out of
// a plain apply; the user may still accept a row; unreadable and hostile files are reported and nothing
// from them is applied.
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { zipBombDocx } from '../../helpers/hostile-files.ts';
import { fillProgress, formsInZip, returned, seedPlan, tamper, threeDepartmentPlan, type Seeded } from './fixture.ts';

async function workbook(): Promise<{ s: Services; plan: Seeded }> {
  const s = await createServices({ dataDir: tempDir() });
  return { s, plan: await seedPlan(s) };
}

async function officeForm(s: Services, planId: string): Promise<{ name: string; bytes: Buffer }> {
  const file = await s.call('forms.issueFile', { planId, departments: ['办公室'], due: '2026-04-20' });
  await s.call('forms.confirmIssue', { token: file.token });
  return (await formsInZip(Buffer.from(file.dataBase64, 'base64'))).get('办公室')!;
}

const REPORT = { '一-1-1': { progress: '已召开党组会专题学习。', status: '已完成', reporter: '王秘书' } };

async function version(s: Services, planId: string): Promise<number> {
  return (await s.call('plans.get', { id: planId })).version;
}

describe('回收时的冲突', () => {
  it('下发后措施在工作台中又有改动：标出冲突，默认不应用；用户明确接受后才应用', async () => {
    const { s, plan } = await workbook();
    try {
      const form = await officeForm(s, plan.planId);
      await s.call('progress.setStatus', { measureId: plan.ids['一-1-1']!, status: 'in_progress', note: '办公室已在推进', date: '2026-04-02' });
      const files = [returned(form.name, await fillProgress(form.bytes, REPORT))];
      const dry = await s.call('forms.collect', { files });
      expect(dry.changes).toEqual([]);
      expect(dry.conflicts).toEqual([
        { measureId: plan.ids['一-1-1'], path: '一-1-1', reason: expect.stringMatching(/^填报表下发后，该措施在工作台中又有改动（现在的状态：正在推进，最近记录于2026-04-02）$/) },
      ]);
      const plain = await s.call('forms.apply', { files });
      expect(plain.applied).toBe(0);
      expect((await s.call('progress.get', { measureId: plan.ids['一-1-1']! })).measure.status).toBe('in_progress');
      const key = dry.rows[0]!.key;
      const chosen = await s.call('forms.apply', { files, accept: [key] });
      expect(chosen.applied).toBe(1);
      expect(chosen.changes.map((c) => [c.field, c.from, c.to])).toEqual([
        ['status', 'in_progress', 'done'],
        ['progress', '办公室已在推进', '已召开党组会专题学习。'],
      ]);
      const after = await s.call('progress.get', { measureId: plan.ids['一-1-1']! });
      expect(after.history.map((e) => [e.status, e.note])).toEqual([
        ['in_progress', '办公室已在推进'],
        ['done', '已召开党组会专题学习。'],
      ]);
    } finally {
      s.close();
    }
  });

  it('措施已删除、已改由其他部门负责：分别标出，已删除的不能应用', async () => {
    const { s, plan } = await workbook();
    try {
      const form = await officeForm(s, plan.planId);
      await s.call('outline.deleteNode', { planId: plan.planId, expectedVersion: await version(s, plan.planId), nodeId: plan.ids['一-1-1']! });
      await s.call('progress.updateMeasure', { measureId: plan.ids['一-1-2']!, department: '组织人事科' });
      const files = [returned(form.name, await fillProgress(form.bytes, { ...REPORT, '一-1-2': { progress: '台账已建立。' } }))];
      const r = await s.call('forms.collect', { files });
      expect(r.rows.map((x) => [x.measureId, x.conflicts.map((c) => c.code), x.applicable])).toEqual([
        [plan.ids['一-1-1'], ['deleted'], false],
        [plan.ids['一-1-2'], ['moved', 'changed'], true],
      ]);
      expect(r.conflicts.find((c) => c.measureId === plan.ids['一-1-2'])?.reason).toBe('措施现由“组织人事科”负责，这份填报表是下发给“办公室”的');
      // Accepting a deleted measure's row is not possible: nothing happens to it.
      const applied = await s.call('forms.apply', { files, accept: r.rows.map((x) => x.key) });
      expect(applied.applied).toBe(1);
      expect((await s.call('progress.get', { measureId: plan.ids['一-1-2']! })).history[0]?.note).toBe('台账已建立。');
    } finally {
      s.close();
    }
  });

  it('表中新增的行、被改动的锁定内容、无法识别的状态和日期：逐一标出', async () => {
    const { s, plan } = await workbook();
    try {
      const form = await officeForm(s, plan.planId);
      const filled = await fillProgress(form.bytes, {
        '一-1-1': { progress: '已召开党组会。', status: '差不多了', completedOn: '下周' },
        '一-1-2': { progress: '台账已建立。' },
      });
      const edited = await tamper(filled, (ws, column) => {
        ws.getRow(6).getCell(column('整改措施')).value = '建立理论学习台账（已改）';
        const extra = ws.getRow(8);
        extra.getCell(column('编号')).value = '一-1-9';
        extra.getCell(column('整改措施')).value = '部门自行增加的措施';
        extra.getCell(column('本期进展')).value = '已开展。';
      });
      const r = await s.call('forms.collect', { files: [returned(form.name, edited)] });
      expect(r.rows.map((x) => [x.path, x.conflicts.map((c) => c.code)])).toEqual([
        ['一-1-1', ['bad_value', 'bad_value']],
        ['一-1-2', ['edited_key']],
        ['一-1-9', ['added_row']],
      ]);
      expect(r.conflicts.map((c) => c.reason)).toEqual([
        expect.stringMatching(/^状态“差不多了”无法识别/),
        '完成时间“下周”不是日期，应用时不记录',
        '填报表中锁定的内容（编号、问题、整改措施、责任领导、完成时限或当前状态）被改动过，请核对',
        '第8行不是填报表原有的行，无法对应到措施，请核对后在台账中手工录入',
      ]);
      expect(r.conflicts[3]!.measureId).toBeNull();
      // Accepting the row with the unreadable status records the text and keeps the status.
      await s.call('forms.apply', { files: [returned(form.name, edited)], accept: [r.rows[0]!.key] });
      const m = await s.call('progress.get', { measureId: plan.ids['一-1-1']! });
      expect(m.measure.status).toBe('not_started');
      expect(m.history[0]).toMatchObject({ status: 'not_started', note: '已召开党组会。' });
    } finally {
      s.close();
    }
  });

  it('另一方案的填报表、同一部门较早的一份、同一措施在两个文件中：标出冲突', async () => {
    const { s, plan } = await workbook();
    try {
      const other = await seedPlan(s, { ...threeDepartmentPlan(), title: '关于审计发现问题的整改方案' });
      const otherForm = await officeForm(s, other.planId);
      const older = await officeForm(s, plan.planId);
      const newer = await officeForm(s, plan.planId);
      const files = [
        returned('另一方案.xlsx', await fillProgress(otherForm.bytes, REPORT)),
        returned('旧表.xlsx', await fillProgress(older.bytes, REPORT)),
        returned('新表.xlsx', await fillProgress(newer.bytes, { '一-1-1': { progress: '已完成学习。', status: '已完成' } })),
      ];
      const r = await s.call('forms.collect', { files, planId: plan.planId });
      expect(r.rows.map((x) => [x.file, x.conflicts.map((c) => c.code)])).toEqual([
        ['另一方案.xlsx', ['other_plan']],
        ['旧表.xlsx', ['older_form', 'twice']],
        ['新表.xlsx', ['twice']],
      ]);
      expect(r.conflicts[0]!.reason).toBe('这是另一方案《关于审计发现问题的整改方案》的填报表，不是当前方案的');
      expect(r.conflicts[1]!.reason).toMatch(/^这是较早的一份填报表（.+下发）；.+已向“办公室”下发了新的填报表$/);
      expect(r.conflicts[2]!.reason).toBe('该措施在本次回收的多个文件中都有填报（“旧表.xlsx”、“新表.xlsx”），请选择采用哪一份');
      expect(r.changes).toEqual([]);
      // Without the plan named (rectify collect), another plan's form simply goes to its own plan.
      const free = await s.call('forms.collect', { files: [files[0]!] });
      expect(free.changes.map((c) => c.measureId)).toEqual([other.ids['一-1-1'], other.ids['一-1-1']]);
    } finally {
      s.close();
    }
  });

  it('生成后未保存（对话框取消）的填报表不算下发：之前下发的那份不会被当作较早的一份', async () => {
    const { s, plan } = await workbook();
    try {
      const sent = await officeForm(s, plan.planId);
      const cancelled = await s.call('forms.issueFile', { planId: plan.planId, departments: ['办公室'], due: '2026-05-20' });
      const files = [returned(sent.name, await fillProgress(sent.bytes, REPORT))];
      expect((await s.call('forms.collect', { files })).conflicts).toEqual([]);
      expect(await s.call('forms.confirmIssue', { token: cancelled.token })).toEqual({ recorded: 1 });
      expect((await s.call('forms.collect', { files })).rows[0]!.conflicts.map((c) => c.code)).toEqual(['older_form']);
      await expect(s.call('forms.confirmIssue', { token: cancelled.token })).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      s.close();
    }
  });

  it('无法读取的文件（损坏、压缩炸弹、不是 Excel、方案不在本工作台）逐个报告，不应用其中任何内容，其他文件照常', async () => {
    const { s, plan } = await workbook();
    const elsewhere = await createServices({ dataDir: tempDir() });
    try {
      const form = await officeForm(s, plan.planId);
      const good = await fillProgress(form.bytes, REPORT);
      const foreignPlan = await seedPlan(elsewhere);
      const foreign = await officeForm(elsewhere, foreignPlan.planId);
      const files = [
        returned('损坏.xlsx', good.subarray(0, Math.floor(good.length / 2))),
        returned('炸弹.xlsx', await zipBombDocx(600 * 1024 * 1024)),
        returned('说明.xlsx', Buffer.from('这不是表格', 'utf8')),
        returned('别处.xlsx', await fillProgress(foreign.bytes, REPORT)),
        returned(form.name, good),
      ];
      const r = await s.call('forms.apply', { files });
      expect(r.errors.map((e) => e.file)).toEqual(['损坏.xlsx', '炸弹.xlsx', '说明.xlsx', '别处.xlsx']);
      expect(r.errors[0]!.message).toMatch(/^“损坏\.xlsx”已损坏或不完整/);
      expect(r.errors[1]!.message).toMatch(/^“炸弹\.xlsx”.*(超过|异常).*超出可读取的上限/);
      expect(r.errors[2]!.message).toBe('“说明.xlsx”不是 Excel 工作簿（.xlsx），无法作为填报表读取');
      expect(r.errors[3]!.message).toMatch(/^“别处\.xlsx”是方案《中共某某局党组关于巡察反馈问题的整改方案》的填报表，该方案不在本工作台中/);
      expect(r.applied).toBe(1);
      expect(r.changes.every((c) => c.measureId === plan.ids['一-1-1'])).toBe(true);
    } finally {
      s.close();
      elsewhere.close();
    }
  });
});
