import { describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from './fixture.ts';

describe('措施列表与进展（progress.*）', () => {
  it('按大纲顺序列出措施，编号路径由生成的序号组成', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { planId } = await createTrackedPlan(s);
    const list = await s.call('progress.measures', { planId });
    expect(list.map((m) => m.path)).toEqual(['一-1-1', '一-1-2', '一-2-1', '一-2-2', '二-1']);
    expect(list.map((m) => m.heading)).toEqual(['深化理论武装', '健全学习制度', '整治形式主义', '精简会议文件', '加强组织领导']);
    expect(list[0]).toMatchObject({ leader: '党组书记张三', department: '办公室', deadline: '2026年3月底前', status: 'not_started' });
    expect(Object.keys(list[0]!).sort()).toEqual(['deadline', 'department', 'heading', 'id', 'leader', 'path', 'status']);
    s.close();
  });

  it('状态变化记为事件，保留历史；措施当前状态随最新事件变化，方案版本随之增加', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { planId, measureIds } = await createTrackedPlan(s);
    const id = measureIds[0]!;
    const before = (await s.call('plans.get', { id: planId })).version;
    await s.call('progress.setStatus', { measureId: id, status: 'in_progress', note: '已制定学习计划', date: '2026-01-05', by: '李四' });
    const r = await s.call('progress.setStatus', { measureId: id, status: 'done', note: '完成专题学习12次', date: '2026-02-10', by: '李四' });
    expect(r.measure.status).toBe('done');
    expect(r.measure.progressText).toBe('完成专题学习12次');
    expect(r.history.map((e) => [e.date, e.status, e.note, e.actor])).toEqual([
      ['2026-01-05', 'in_progress', '已制定学习计划', '李四'],
      ['2026-02-10', 'done', '完成专题学习12次', '李四'],
    ]);
    expect((await s.call('plans.get', { id: planId })).version).toBeGreaterThan(before);
    // The status is part of the plan document too.
    const doc = await s.call('plans.document', { id: planId });
    expect(doc.sections[0]!.children[0]!.children[0]!.measure!.status).toBe('done');
    s.close();
  });

  it('销号记录审核人和日期；重新打开后销号信息清除但历史保留', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { measureIds } = await createTrackedPlan(s);
    const id = measureIds[1]!;
    await s.call('progress.setStatus', { measureId: id, status: 'close_requested', date: '2026-01-10', by: '组织人事科' });
    const closed = await s.call('progress.close', { measureId: id, approver: '副局长王五', date: '2026-01-12', note: '经审核同意销号' });
    expect(closed.measure).toMatchObject({ status: 'closed', closedBy: '副局长王五', closedOn: '2026-01-12' });
    expect(closed.measure.cells.closed).toContain('是');
    expect(closed.measure.cells.closed).toContain('副局长王五');
    expect(closed.history.at(-1)).toMatchObject({ kind: 'close', status: 'closed', actor: '副局长王五', date: '2026-01-12' });
    await expect(s.call('progress.close', { measureId: id, approver: '  ' })).rejects.toThrow(/审核销号/);
    const reopened = await s.call('progress.setStatus', { measureId: id, status: 'in_progress', note: '回头看发现反弹', date: '2026-03-01' });
    expect(reopened.measure).toMatchObject({ status: 'in_progress', closedBy: null, closedOn: null });
    expect(reopened.history.map((e) => e.kind)).toEqual(['status', 'close', 'status']);
    s.close();
  });

  it('调整时限保留原时限、现时限和原因，并重新计算到期日', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { measureIds } = await createTrackedPlan(s);
    const id = measureIds[0]!;
    await expect(s.call('progress.changeDeadline', { measureId: id, deadline: '2026年6月底前', reason: '' })).rejects.toThrow(/原因/);
    await s.call('progress.changeDeadline', { measureId: id, deadline: '2026年6月底前', reason: '需等待上级制度出台', date: '2026-03-20', by: '办公室' });
    const r = await s.call('progress.changeDeadline', { measureId: id, deadline: '2026年9月底前', reason: '再次延期', date: '2026-06-20' });
    expect(r.measure).toMatchObject({ deadline: '2026年9月底前', deadlineDate: '2026-09-30', originalDeadline: '2026年3月底前' });
    expect(r.history.filter((e) => e.kind === 'deadline').map((e) => [e.oldDeadline, e.newDeadline, e.note])).toEqual([
      ['2026年3月底前', '2026年6月底前', '需等待上级制度出台'],
      ['2026年6月底前', '2026年9月底前', '再次延期'],
    ]);
    expect(r.measure.cells.remark).toContain('原时限：2026年3月底前；现时限：2026年9月底前');
    expect(r.measure.cells.deadline).toBe('2026年9月底前');
    s.close();
  });

  it('不存在的措施、章节编号和错误日期给出中文提示', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { planId } = await createTrackedPlan(s);
    await expect(s.call('progress.setStatus', { measureId: 'nope', status: 'done' })).rejects.toThrow(/找不到整改措施/);
    const plan = await s.call('plans.get', { id: planId });
    await expect(s.call('progress.setStatus', { measureId: plan.outline[0]!.id, status: 'done' })).rejects.toThrow(/不是整改措施/);
    await expect(s.call('progress.setStatus', { measureId: plan.outline[0]!.children[0]!.children[0]!.id, status: 'done', date: '2026-13-40' })).rejects.toThrow(/日期/);
    s.close();
  });

  it('在台账中直接修改责任领导、部门和责任人', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { measureIds } = await createTrackedPlan(s);
    const m = await s.call('progress.updateMeasure', { measureId: measureIds[4]!, leader: '副局长赵六', department: '机关党委', person: '', cooperating: ['办公室', ' '] });
    expect(m).toMatchObject({ leader: '副局长赵六', department: '机关党委', person: null, cooperating: ['办公室'] });
    expect(m.cells.leader).toBe('副局长赵六');
    s.close();
  });
});

describe('进度看板（progress.dashboard）', () => {
  it('按状态、部门、领导统计，完成率=已完成+已销号，逾期和7天内到期相对给定日期', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { planId, measureIds } = await createTrackedPlan(s);
    const [m1, m2, m3, m4] = measureIds;
    await s.call('progress.setStatus', { measureId: m1!, status: 'done', date: '2026-01-02' });
    await s.call('progress.close', { measureId: m2!, approver: '副局长王五', date: '2026-01-03' });
    await s.call('progress.setStatus', { measureId: m3!, status: 'ongoing', date: '2026-01-03' });
    await s.call('progress.setStatus', { measureId: m4!, status: 'in_progress', date: '2026-01-03' });
    const d = await s.call('progress.dashboard', { planId, today: '2026-01-14' });
    expect(d.counts).toMatchObject({ measures: 5, problems: 3, completed: 2, closed: 1, ongoing: 1, inProgress: 2, notDone: 0 });
    expect(d.counts.completionRate).toBe(40);
    expect(d.counts.completionRateText).toBe('40%');
    expect(d.counts.byStatus).toMatchObject({ done: 1, closed: 1, ongoing: 1, in_progress: 1, not_started: 1 });
    expect(d.byDepartment.map((g) => [g.name, g.total, g.completed])).toEqual([
      ['办公室', 3, 1],
      ['组织人事科', 1, 1],
      ['未填写', 1, 0],
    ]);
    expect(d.byLeader.map((g) => [g.name, g.total, g.completed, g.completionRateText])).toEqual([
      ['党组书记张三', 2, 1, '50%'],
      ['副局长王五', 2, 1, '50%'],
      ['未填写', 1, 0, '0%'],
    ]);
    // m2 (due 01-15) is closed: no warning. m4 due 01-20 is 6 days away.
    expect(d.overdue).toEqual([]);
    expect(d.dueSoon.map((x) => [x.path, x.days])).toEqual([['一-2-2', 6]]);
    const later = await s.call('progress.dashboard', { planId, today: '2026-04-02' });
    expect(later.overdue.map((x) => [x.path, x.days])).toEqual([['一-2-2', 72]]);
    expect(later.byDepartment.find((g) => g.name === '办公室')!.overdue).toBe(1);
    s.close();
  });
});
