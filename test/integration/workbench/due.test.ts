import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { emptyDocument, emptyMeasure, type DocNode, type MeasureFields, type PlanDocument } from '../../../shared/domain/document.ts';
import { DUE_LIST_LIMIT, type DueRow } from '../../../shared/api/workbench.ts';
import { tempDir } from '../../helpers/temp.ts';

/** Today, for every question below: 2026年3月10日 (a Tuesday). */
const TODAY = '2026-03-10';

function measure(heading: string, fields: Partial<MeasureFields>): DocNode {
  return { kind: 'measure', heading, body: [], style: {}, measure: { ...emptyMeasure(), ...fields }, problemKeys: [], children: [] };
}

function plan(title: string, date: string | null, measures: DocNode[]): PlanDocument {
  const doc = emptyDocument(title, 'xunshi-xuncha');
  doc.date = date;
  doc.sections = [{ kind: 'section', heading: '整改任务', body: [], style: {}, measure: null, problemKeys: [], children: measures }];
  return doc;
}

/**
 * Three plans as a secretary runs them at once. Deadlines are as written in real plans; only the first
 * plan stores dates with its measures (a date set in the editor or written as a full date).
 */
async function seed(s: Services) {
  const xuncha = await s.call('plans.createFromDocument', {
    document: plan('关于巡察反馈意见的整改方案', '2026年1月5日', [
      measure('落实第一议题制度', { department: '办公室', deadline: '2026年2月底前', deadlineKind: 'date', deadlineDate: '2026-02-28' }),
      measure('修订财务制度', { department: '财务科', deadline: '2026年3月15日前', deadlineKind: 'date', deadlineDate: '2026-03-15', status: 'in_progress' }),
      measure('整治文山会海', { department: '办公室、人事科', deadline: '立行立改', deadlineKind: 'immediate' }),
      measure('完善议事规则', { department: '办公室', deadline: '2026年1月底前', deadlineKind: 'date', deadlineDate: '2026-01-31', status: 'done' }),
    ]),
  });
  const shenghuohui = await s.call('plans.createFromDocument', {
    document: plan('2025年度民主生活会查摆问题整改方案', '2026年2月1日', [
      // Wording only: the due date is what 时限 says (3月底 → 03-31; 上半年 → 06-30; 长期坚持 → none).
      measure('开展谈心谈话', { department: '机关党委', deadline: '2026年3月底前' }),
      measure('健全学习制度', { department: '办公室', deadline: '2026年上半年' }),
      measure('坚持民主集中制', { department: '机关党委', deadline: '长期坚持' }),
      measure('整改专项检查', { department: '纪检组', deadline: '2026年3月5日前', status: 'close_requested' }),
    ]),
  });
  const shenji = await s.call('plans.createFromDocument', {
    document: plan('关于审计发现问题的整改方案', '2025年12月20日', [
      measure('清理往来款项', { department: '财务科', deadline: '2026年3月12日前' }),
      measure('规范政府采购', { department: null, deadline: '2026年2月10日前', status: 'closed' }),
    ]),
  });
  return { xuncha, shenghuohui, shenji };
}

function brief(rows: readonly DueRow[]) {
  return rows.map((r) => `${r.heading} ${r.dueDate ?? '无'} ${r.daysOverdue ?? '-'}`);
}

describe('跨方案的到期事项（workbench.due，rectify due）', () => {
  it('全部方案的未完成措施按到期日排列，最早的在前；已完成、已销号和没有日期的不列', async () => {
    const s = await createServices({ dataDir: tempDir() });
    await seed(s);
    const rows = await s.call('workbench.due', { today: TODAY });
    expect(brief(rows)).toEqual([
      // 立行立改: the plan's date (2026年1月5日) + 30 days, marked as assumed.
      '整治文山会海 2026-02-04 34',
      '落实第一议题制度 2026-02-28 10',
      '整改专项检查 2026-03-05 5',
      '清理往来款项 2026-03-12 -2',
      '修订财务制度 2026-03-15 -5',
      '开展谈心谈话 2026-03-31 -21',
      '健全学习制度 2026-06-30 -112',
    ]);
    expect(rows[0]).toMatchObject({ planTitle: '关于巡察反馈意见的整改方案', path: '一-3', deadline: '立行立改', dueAssumed: true, overdue: true, status: 'not_started' });
    // 申请销号 past its date is listed, but does not count as 逾期 (the department has done its part).
    expect(rows[2]).toMatchObject({ status: 'close_requested', overdue: false });
    expect(rows.find((r) => r.heading === '开展谈心谈话')).toMatchObject({ dueAssumed: false, department: '机关党委' });
    s.close();
  });

  it('--overdue、--within、--department 筛选；两项同时给出时取并集', async () => {
    const s = await createServices({ dataDir: tempDir() });
    await seed(s);
    expect(brief(await s.call('workbench.due', { today: TODAY, overdue: true }))).toEqual([
      '整治文山会海 2026-02-04 34',
      '落实第一议题制度 2026-02-28 10',
    ]);
    expect(brief(await s.call('workbench.due', { today: TODAY, withinDays: 5 }))).toEqual(['清理往来款项 2026-03-12 -2', '修订财务制度 2026-03-15 -5']);
    expect(brief(await s.call('workbench.due', { today: TODAY, overdue: true, withinDays: 2 }))).toEqual([
      '整治文山会海 2026-02-04 34',
      '落实第一议题制度 2026-02-28 10',
      '清理往来款项 2026-03-12 -2',
    ]);
    // 办公室 also matches a field that lists it with another department.
    expect((await s.call('workbench.due', { today: TODAY, department: '办公室' })).map((r) => r.heading)).toEqual(['整治文山会海', '落实第一议题制度', '健全学习制度']);
    expect((await s.call('workbench.due', { today: TODAY, department: '财务科', overdue: true })).map((r) => r.heading)).toEqual([]);
    // The department table's 未填写 and the drawer's full list (done and undated included).
    const full = await s.call('workbench.due', { today: TODAY, department: '机关党委', includeDone: true, includeUndated: true });
    expect(brief(full)).toEqual(['开展谈心谈话 2026-03-31 -21', '坚持民主集中制 无 -']);
    expect((await s.call('workbench.due', { today: TODAY, department: '未填写', includeDone: true })).map((r) => r.heading)).toEqual(['规范政府采购']);
    s.close();
  });

  it('立行立改的天数是工作台设置（默认30天）；改了之后逾期随之变化', async () => {
    const s = await createServices({ dataDir: tempDir() });
    await seed(s);
    expect(await s.call('workbench.settings', {})).toEqual({ immediateDays: 30 });
    await s.call('workbench.updateSettings', { immediateDays: 90 });
    expect(await s.call('workbench.settings', {})).toEqual({ immediateDays: 90 });
    const row = (await s.call('workbench.due', { today: TODAY })).find((r) => r.deadline === '立行立改');
    expect(row).toMatchObject({ dueDate: '2026-04-05', daysOverdue: -26, overdue: false, dueAssumed: true });
    expect((await s.call('workbench.due', { today: TODAY, overdue: true })).map((r) => r.heading)).toEqual(['落实第一议题制度']);
    await expect(s.call('workbench.updateSettings', { immediateDays: -1 })).rejects.toMatchObject({ code: 'bad_input' });
    s.close();
  });
});

describe('工作台总览（workbench.overview）与 plans.list 的完成率、逾期、下一到期日', () => {
  it('每个方案的完成率、各状态数、逾期数和下一到期日；跨方案的已逾期、7天内到期、本月到期和按部门统计', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { xuncha, shenghuohui, shenji } = await seed(s);
    const o = await s.call('workbench.overview', { today: TODAY });
    expect(o.today).toBe(TODAY);
    expect(o.immediateDays).toBe(30);
    const byId = new Map(o.plans.map((p) => [p.id, p.progress]));
    expect(byId.get(xuncha.id)).toMatchObject({ total: 4, completed: 1, completionRate: 25, completionRateText: '25%', overdue: 2, nextDueDate: '2026-03-15' });
    expect(byId.get(xuncha.id)!.byStatus).toMatchObject({ not_started: 2, in_progress: 1, done: 1 });
    expect(byId.get(shenghuohui.id)).toMatchObject({ total: 4, completed: 0, overdue: 0, nextDueDate: '2026-03-31' });
    expect(byId.get(shenji.id)).toMatchObject({ total: 2, completed: 1, completionRate: 50, overdue: 0, nextDueDate: '2026-03-12' });

    expect(o.overdue.map((r) => r.heading)).toEqual(['整治文山会海', '落实第一议题制度']);
    expect(o.dueSoon.map((r) => [r.heading, r.daysOverdue])).toEqual([
      ['清理往来款项', -2],
      ['修订财务制度', -5],
    ]);
    expect(o.dueThisMonth.map((r) => r.heading)).toEqual(['清理往来款项', '修订财务制度', '开展谈心谈话']);
    expect(o.totals).toEqual({ overdue: 2, dueSoon: 2, dueThisMonth: 3 });
    const office = o.byDepartment.find((d) => d.name === '办公室');
    expect(office).toMatchObject({ total: 3, completed: 1, overdue: 1, completionRate: 33.33 });
    expect(o.byDepartment.find((d) => d.name === '未填写')).toMatchObject({ total: 1, completed: 1, overdue: 0 });

    // The plan's own 进度看板 counts the same 逾期 where the dates are stored with the measures.
    const dashboard = await s.call('progress.dashboard', { planId: xuncha.id, today: TODAY });
    expect(dashboard.counts.completionRate).toBe(byId.get(xuncha.id)!.completionRate);
    expect(dashboard.overdue.map((d) => d.heading)).toEqual(expect.arrayContaining(['落实第一议题制度']));
    s.close();
  });

  it('总览的每个清单最多列出最紧急的 DUE_LIST_LIMIT 项，totals 给出全部数量；按方案或部门可经 workbench.due 取全', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const many = Array.from({ length: DUE_LIST_LIMIT + 20 }, (_, i) =>
      measure(`第${i + 1}项`, { department: i % 2 === 0 ? '办公室' : '财务科', deadline: `2026年2月${(i % 28) + 1}日前` }),
    );
    const big = await s.call('plans.createFromDocument', { document: plan('关于专项检查发现问题的整改方案', '2026年1月5日', many) });
    const o = await s.call('workbench.overview', { today: TODAY });
    expect(o.totals.overdue).toBe(DUE_LIST_LIMIT + 20);
    expect(o.overdue).toHaveLength(DUE_LIST_LIMIT);
    // The most overdue are the ones listed: the first of the full list, in its order.
    const all = await s.call('workbench.due', { today: TODAY, overdue: true, planId: big.id });
    expect(all).toHaveLength(DUE_LIST_LIMIT + 20);
    expect(o.overdue.map((r) => r.measureId)).toEqual(all.slice(0, DUE_LIST_LIMIT).map((r) => r.measureId));
    expect(o.overdue[0]!.dueDate).toBe('2026-02-01');
    expect(o.plans.find((p) => p.id === big.id)!.progress.overdue).toBe(DUE_LIST_LIMIT + 20);
    expect(await s.call('workbench.due', { today: TODAY, overdue: true, planId: big.id, department: '财务科' })).toHaveLength((DUE_LIST_LIMIT + 20) / 2);
    s.close();
  });

  it('plans.list 的条目带 archived、completionRate、overdue、nextDueDate（按今天计算）', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { xuncha } = await seed(s);
    const entry = (await s.call('plans.list', {})).find((p) => p.id === xuncha.id)!;
    // Real today is long after 2026-03: everything still open with a date is overdue by now, the same as the overview says.
    const today = (await s.call('workbench.overview', {})).plans.find((p) => p.id === xuncha.id)!.progress;
    expect(entry).toMatchObject({ archived: false, completionRate: 25, overdue: today.overdue, nextDueDate: today.nextDueDate });
    s.close();
  });
});

describe('归档与恢复（plans.archive / plans.unarchive）', () => {
  it('归档的方案默认不在列表、到期事项和部门统计中，可列出、可恢复；版本和修改时间不变，内容不动', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { xuncha, shenghuohui, shenji } = await seed(s);
    const before = await s.call('plans.get', { id: xuncha.id });

    const archived = await s.call('plans.archive', { id: xuncha.id });
    expect(archived).toMatchObject({ id: xuncha.id, archived: true, version: before.version, updatedAt: before.updatedAt });
    expect((await s.call('plans.list', {})).map((p) => p.id).sort()).toEqual([shenghuohui.id, shenji.id].sort());
    expect((await s.call('plans.list', { includeArchived: true })).find((p) => p.id === xuncha.id)).toMatchObject({ archived: true });
    expect((await s.call('workbench.due', { today: TODAY, overdue: true })).map((r) => r.heading)).toEqual([]);
    expect((await s.call('workbench.due', { today: TODAY, overdue: true, includeArchived: true })).map((r) => r.heading)).toEqual(['整治文山会海', '落实第一议题制度']);
    const overview = await s.call('workbench.overview', { today: TODAY });
    expect(overview.plans.map((p) => p.id)).not.toContain(xuncha.id);
    expect(overview.archivedCount).toBe(1);
    expect(overview.overdue).toEqual([]);
    // Shown with 显示已归档 (to restore it), its measures still do not count in the panels.
    const all = await s.call('workbench.overview', { today: TODAY, includeArchived: true });
    expect(all.plans.find((p) => p.id === xuncha.id)).toMatchObject({ archived: true, progress: { overdue: 2 } });
    expect(all.overdue).toEqual([]);
    expect(all.archivedCount).toBe(1);
    expect(all.byDepartment.find((d) => d.name === '办公室')).toMatchObject({ total: 1 });
    // Archiving again keeps the first date; the plan itself is untouched and still opens.
    expect((await s.call('plans.archive', { id: xuncha.id })).archived).toBe(true);
    expect((await s.call('plans.get', { id: xuncha.id })).outline).toEqual(before.outline);

    const restored = await s.call('plans.unarchive', { id: xuncha.id });
    expect(restored).toMatchObject({ archived: false, version: before.version });
    expect((await s.call('plans.list', {})).map((p) => p.id)).toContain(xuncha.id);
    expect((await s.call('workbench.due', { today: TODAY, overdue: true })).map((r) => r.heading)).toEqual(['整治文山会海', '落实第一议题制度']);
    await expect(s.call('plans.archive', { id: 'no-such-plan' })).rejects.toMatchObject({ code: 'not_found' });
    s.close();
  });

  it('已归档方案的方案包，在另一台电脑导入后出现在方案列表中（归档是本机列表的状态，不随方案走）', async () => {
    const here = await createServices({ dataDir: tempDir() });
    const { shenji } = await seed(here);
    await here.call('plans.archive', { id: shenji.id });
    const file = path.join(tempDir(), '审计整改.rectify');
    await here.call('exchange.pack', { planId: shenji.id, output: file });
    here.close();
    const there = await createServices({ dataDir: tempDir() });
    await there.call('exchange.unpack', { path: file });
    expect((await there.call('plans.list', {})).map((p) => [p.title, p.archived])).toEqual([['关于审计发现问题的整改方案', false]]);
    there.close();
  });

  it('撤销编辑不会把归档的方案恢复（归档不是方案内容）', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { shenji } = await seed(s);
    const detail = await s.call('plans.get', { id: shenji.id });
    await s.call('outline.updateNode', { planId: shenji.id, expectedVersion: detail.version, nodeId: detail.outline[0]!.id, patch: { heading: '整改任务和措施' } });
    await s.call('plans.archive', { id: shenji.id });
    await s.call('history.undo', { planId: shenji.id });
    expect((await s.call('plans.list', { includeArchived: true })).find((p) => p.id === shenji.id)).toMatchObject({ archived: true });
    s.close();
  });
});
