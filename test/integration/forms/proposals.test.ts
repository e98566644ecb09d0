// 征求措施表 while drafting (issue 11 item 3): each department proposes measures for its problems; collecting
// adds the accepted ones under the right problems in the department's order, links the same or nearly
// the same measure instead of adding it twice, and is undone in one step.
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';
import { fillProposals, formsInZip, returned, seedPlan, type Seeded } from './fixture.ts';

async function workbook(): Promise<{ s: Services; plan: Seeded }> {
  const s = await createServices({ dataDir: tempDir() });
  return { s, plan: await seedPlan(s) };
}

async function proposalForms(s: Services, planId: string) {
  const file = await s.call('forms.issueFile', { planId, kind: 'proposals', due: '2026-03-15' });
  return { file, forms: await formsInZip(Buffer.from(file.dataBase64, 'base64')) };
}

async function headings(s: Services, planId: string): Promise<string[][]> {
  return (await s.call('progress.measures', { planId })).map((m) => [m.path, m.heading, m.department ?? '', m.leader ?? '', m.deadline ?? '']);
}

describe('征求措施表', () => {
  it('每个部门收到本部门负责的问题（没有时为全部问题），每个问题下留空行', async () => {
    const { s, plan } = await workbook();
    try {
      const { file } = await proposalForms(s, plan.planId);
      expect(file.fileName).toBe('巡察反馈问题整改方案_征求措施表_20260315.zip');
      expect(file.files.map((f) => [f.department, f.file, f.rows])).toEqual([
        ['办公室', '办公室_巡察反馈问题整改方案_征求措施表_20260315.xlsx', 2],
        ['组织人事科', '组织人事科_巡察反馈问题整改方案_征求措施表_20260315.xlsx', 1],
        ['财务科', '财务科_巡察反馈问题整改方案_征求措施表_20260315.xlsx', 1],
      ]);
      const departments = await s.call('forms.departments', { planId: plan.planId, kind: 'proposals' });
      expect(departments.departments).toEqual([
        { name: '办公室', rows: 2 },
        { name: '组织人事科', rows: 1 },
        { name: '财务科', rows: 1 },
      ]);
      // A department that answers no problem yet is asked about all of them.
      const other = await s.call('forms.issueFile', { planId: plan.planId, kind: 'proposals', departments: ['宣传科'] });
      expect(other.files).toEqual([{ department: '宣传科', file: expect.stringMatching(/^宣传科_/), rows: 3 }]);
    } finally {
      s.close();
    }
  });

  it('采纳的措施按部门填写的顺序加到对应问题下；相同或几乎相同的措施改为关联；一步撤销；再次应用不重复添加', async () => {
    const { s, plan } = await workbook();
    try {
      const { forms } = await proposalForms(s, plan.planId);
      const office = await fillProposals(forms.get('办公室')!.bytes, {
        '1': [
          { measure: '每月召开一次党组理论学习中心组学习会。会前印发学习材料。', leader: '党组书记张三', deadline: '长期坚持' },
          { measure: '落实“第一议题”制度', leader: '党组书记张三' },
          { measure: '开展青年干部读书班', leader: '副局长李四', deadline: '2026年6月底前' },
        ],
        '3': [{ measure: '建立公务接待审批台账', leader: '副局长王五', deadline: '2026年3月底前' }],
      });
      const staff = await fillProposals(
        forms.get('组织人事科')!.bytes,
        {
          '2': [
            { measure: '建立理论学习台账', leader: '副局长李四' },
            { measure: '每月召开一次党组理论学习中心组学习会，会前印发学习材料', leader: '副局长李四' },
          ],
        },
        '赵干事',
        'wps',
      );
      const files = [returned(forms.get('办公室')!.name, office), returned(forms.get('组织人事科')!.name, staff)];

      const dry = await s.call('forms.collect', { files, planId: plan.planId });
      expect(dry.errors).toEqual([]);
      expect(dry.conflicts).toEqual([]);
      expect(dry.rows.map((r) => [r.department, r.path, r.heading, r.duplicateOf?.path ?? null, r.changes.map((c) => c.field)])).toEqual([
        ['办公室', '1', '每月召开一次党组理论学习中心组学习会。会前印发学习材料。', null, ['measure', 'leader', 'deadline']],
        // Already this problem's measure: nothing to do.
        ['办公室', '1', '落实“第一议题”制度', '一-1-1', []],
        ['办公室', '1', '开展青年干部读书班', null, ['measure', 'leader', 'deadline']],
        ['办公室', '3', '建立公务接待审批台账', null, ['measure', 'leader', 'deadline']],
        // The same measure as one under another problem: linked to this problem too.
        ['组织人事科', '2', '建立理论学习台账', '一-1-2', ['link']],
        // The same as another department's proposal in this collect: linked to the measure that one adds.
        ['组织人事科', '2', '每月召开一次党组理论学习中心组学习会，会前印发学习材料', '本次新增（办公室）', ['link']],
      ]);
      expect(dry.rows[0]).toMatchObject({ reporter: '张秘书', reportedOn: '2026-03-10', problem: '【党的建设】理论学习不够深入系统' });
      expect(dry.changes.filter((c) => c.field === 'measure').map((c) => [c.measureId, c.path, c.department, c.to])).toEqual([
        [null, '1', '办公室', '每月召开一次党组理论学习中心组学习会。会前印发学习材料。'],
        [null, '1', '办公室', '开展青年干部读书班'],
        [null, '3', '办公室', '建立公务接待审批台账'],
      ]);

      const applied = await s.call('forms.apply', { files, planId: plan.planId });
      expect(applied.applied).toBe(5);
      expect(await headings(s, plan.planId)).toEqual([
        ['一-1-1', '落实第一议题制度', '办公室', '党组书记张三', '2026年3月底前'],
        ['一-1-2', '建立理论学习台账', '办公室', '党组书记张三', '长期坚持'],
        ['一-1-3', '每月召开一次党组理论学习中心组学习会', '办公室', '党组书记张三', '长期坚持'],
        ['一-1-4', '开展青年干部读书班', '办公室', '副局长李四', '2026年6月底前'],
        ['一-2-1', '制定年度培训计划', '组织人事科', '副局长李四', '2026年2月底前'],
        ['一-3-1', '修订公务接待办法', '财务科', '副局长王五', '2026年4月底前'],
        ['一-3-2', '开展接待费用自查', '财务科、办公室', '副局长王五', '2026年5月底前'],
        ['一-3-3', '建立公务接待审批台账', '办公室', '副局长王五', '2026年3月底前'],
      ]);
      const ids = Object.fromEntries((await s.call('progress.measures', { planId: plan.planId })).map((m) => [m.path, m.id]));
      const node = await s.call('plans.get', { id: plan.planId });
      const added = node.outline[0]!.children[0]!.children[2]!;
      expect(added).toMatchObject({ heading: '每月召开一次党组理论学习中心组学习会', body: ['会前印发学习材料。'], problemKeys: ['p1', 'p2'] });
      const problems = await s.call('problems.list', { planId: plan.planId });
      expect(problems.map((p) => [p.key, p.nodeIds])).toEqual([
        ['p1', [ids['一-1-1'], ids['一-1-2'], ids['一-1-3'], ids['一-1-4']]],
        ['p2', [ids['一-1-2'], ids['一-1-3'], ids['一-2-1']]],
        ['p3', [ids['一-3-1'], ids['一-3-2'], ids['一-3-3']]],
      ]);
      expect(applied.changes.filter((c) => c.field === 'measure').map((c) => c.measureId)).toEqual([ids['一-1-3'], ids['一-1-4'], ids['一-3-3']]);

      const again = await s.call('forms.apply', { files, planId: plan.planId });
      expect(again.applied).toBe(0);
      expect(again.changes).toEqual([]);
      expect(await s.call('progress.measures', { planId: plan.planId })).toHaveLength(8);

      // One undo step takes the whole collect back.
      const state = await s.call('history.state', { planId: plan.planId });
      expect(state).toMatchObject({ canUndo: true, undoLabel: '采纳部门提出的措施' });
      await s.call('history.undo', { planId: plan.planId });
      expect(await s.call('progress.measures', { planId: plan.planId })).toHaveLength(5);
      expect((await s.call('problems.list', { planId: plan.planId })).map((p) => p.nodeIds.length)).toEqual([2, 1, 2]);
      // Undone: the rows can be applied again.
      expect((await s.call('forms.collect', { files, planId: plan.planId })).rows.filter((r) => r.alreadyApplied)).toEqual([]);
    } finally {
      s.close();
    }
  });

  it('用户可以把重复的措施仍作为新措施添加；问题已删除、无法对应的行逐一标出', async () => {
    const { s, plan } = await workbook();
    try {
      const { forms } = await proposalForms(s, plan.planId);
      const staff = await fillProposals(forms.get('组织人事科')!.bytes, { '2': [{ measure: '建立理论学习台账', leader: '副局长李四' }] });
      const r = await s.call('forms.collect', { files: [returned('组织人事科.xlsx', staff)] });
      const key = r.rows[0]!.key;
      const applied = await s.call('forms.apply', { files: [returned('组织人事科.xlsx', staff)], addAnyway: [key] });
      expect(applied.changes.map((c) => [c.field, c.to])).toEqual([
        ['measure', '建立理论学习台账'],
        ['leader', '副局长李四'],
      ]);
      expect((await s.call('progress.measures', { planId: plan.planId })).map((m) => [m.path, m.heading, m.department])).toContainEqual(['一-2-2', '建立理论学习台账', '组织人事科']);

      const office = await fillProposals(forms.get('财务科')!.bytes, { '3': [{ measure: '开展公务接待专项检查' }] });
      const problems = await s.call('problems.list', { planId: plan.planId });
      const version = (await s.call('plans.get', { id: plan.planId })).version;
      await s.call('problems.delete', { planId: plan.planId, expectedVersion: version, problemId: problems[2]!.id });
      const gone = await s.call('forms.collect', { files: [returned('财务科.xlsx', office)] });
      expect(gone.rows.map((x) => [x.conflicts.map((c) => c.reason), x.applicable])).toEqual([[['该问题已在工作台中删除，提出的措施无处添加'], false]]);
    } finally {
      s.close();
    }
  });
});
