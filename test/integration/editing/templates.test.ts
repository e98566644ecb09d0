import { describe, expect, it } from 'vitest';
import { openServices, version } from './helpers.ts';
import { PlanDocumentSchema } from '../../../shared/domain/document.ts';

describe('模板（templates.*）', () => {
  it('列出七个内置模板：名称、用途、带中文名称的变量', async () => {
    const { s } = await openServices();
    const list = await s.call('templates.list', {});
    expect(list.map((t) => t.name)).toEqual([
      '民主生活会查摆问题整改方案',
      '巡视/巡察反馈意见整改落实方案',
      '主题教育（学习教育）检视问题整改方案',
      '审计发现问题整改方案',
      '组织生活会查摆问题整改清单',
      '督查/考核反馈问题整改方案',
      '整改落实情况报告',
    ]);
    expect(list.every((t) => t.builtin && t.purpose !== '')).toBe(true);
    expect(list[0]!.variables.map((v) => v.name)).toEqual(['单位', '年度', '会议', '上级', '落款', '成文日期']);
    expect(list.find((t) => t.id === 'xunshi-xuncha')!.variables.map((v) => v.name)).toContain('巡察组');
    expect(list.find((t) => t.id === 'shenji')!.variables.map((v) => v.name)).toContain('审计项目');
    s.close();
  });

  it('由每个内置模板新建方案：标题已填，骨架完整，未填的占位符列出，写作提示按节点给出', async () => {
    const { s } = await openServices();
    for (const t of await s.call('templates.list', {})) {
      const variables: Record<string, string> = {};
      for (const v of t.variables) variables[v.name] = v.name === '年度' ? '2025' : v.name === '成文日期' ? '2025年12月5日' : `某${v.name}`;
      const { plan, unfilled } = await s.call('templates.instantiate', { templateId: t.id, variables });
      expect(plan.kind).toBe(t.kind);
      expect(plan.title).not.toMatch(/[{}]/);
      expect(plan.measureCount).toBeGreaterThan(0);
      for (const v of t.variables) expect(unfilled).not.toContain(v.name);
      const doc = PlanDocumentSchema.parse(await s.call('plans.document', { id: plan.id }));
      expect(doc.sections.length).toBeGreaterThan(1);
      const detail = await s.call('plans.get', { id: plan.id });
      expect(detail.meta.templateId).toBe(t.id);
      expect(detail.meta.variables).toEqual(variables);
      const hints = await s.call('templates.hints', { planId: plan.id });
      const first = detail.outline[0]!;
      if (first.kind === 'section') expect(hints.hints[first.id]?.hint).toBeTruthy();
      expect(hints.preambleHint).toBeTruthy();
      // The checks see the same placeholders the dialog reported.
      const report = await s.call('checks.run', { planId: plan.id });
      expect(new Set(report.findings.filter((f) => f.rule === 'placeholder').map((f) => /“\{(.+?)\}”/.exec(f.message)![1]))).toEqual(new Set(unfilled));
    }
    s.close();
  });

  it('单位、年度写入方案信息；必填变量未填时拒绝并说明', async () => {
    const { s } = await openServices();
    const { plan, unfilled } = await s.call('templates.instantiate', { templateId: 'minzhu-shenghuohui', variables: { 单位: 'XX市人大常委会', 年度: '2025' } });
    expect(plan.title).toBe('XX市人大常委会领导班子2025年度民主生活会查摆问题整改方案');
    expect(unfilled).toEqual(expect.arrayContaining(['落款', '成文日期', '会议']));
    const detail = await s.call('plans.get', { id: plan.id });
    expect(detail.meta).toMatchObject({ org: 'XX市人大常委会', year: 2025 });
    expect(detail.document.issuer).toBe('{落款}');
    await expect(s.call('templates.instantiate', { templateId: 'minzhu-shenghuohui', variables: { 年度: '2025' } })).rejects.toMatchObject({
      code: 'bad_input',
      message: '请填写：单位',
    });
    await expect(s.call('templates.instantiate', { templateId: 'nope', variables: {} })).rejects.toMatchObject({ code: 'not_found' });
    s.close();
  });

  it('另存为模板，用它新建方案；自定义模板可修改、删除，内置模板不能', async () => {
    const { s } = await openServices();
    const { plan } = await s.call('templates.instantiate', {
      templateId: 'xunshi-xuncha',
      variables: { 单位: '甲局', 巡察组: '区委第一巡察组', 落款: '中共甲局党组' },
    });
    const detail = await s.call('plans.get', { id: plan.id });
    const task = detail.outline[2]!;
    await s.call('outline.addNode', { planId: plan.id, expectedVersion: detail.version, parentId: task.id, kind: 'section', heading: '甲局自己加的一节' });

    const saved = await s.call('templates.saveFromPlan', { planId: plan.id, name: '我局巡察整改模板', purpose: '按我局习惯' });
    expect(saved).toMatchObject({ builtin: false, name: '我局巡察整改模板', purpose: '按我局习惯', kind: 'xunshi-xuncha' });
    expect(saved.titlePattern).toBe('中共{单位}党组关于{巡察组}巡察反馈意见的整改落实方案');
    expect((await s.call('templates.list', {})).map((t) => t.id)).toContain(saved.id);

    const next = await s.call('templates.instantiate', { templateId: saved.id, variables: { 单位: '乙局', 巡察组: '区委第三巡察组', 落款: '中共乙局党组' } });
    expect(next.plan.title).toBe('中共乙局党组关于区委第三巡察组巡察反馈意见的整改落实方案');
    const nextDoc = await s.call('plans.document', { id: next.plan.id });
    expect(nextDoc.issuer).toBe('中共乙局党组');
    // the unit's name in its own text became {单位} and is filled with the new unit
    expect(nextDoc.sections[2]!.children.map((c) => c.heading)).toContain('乙局自己加的一节');
    expect(JSON.stringify(nextDoc)).not.toContain('甲局');
    // hints travel with the template
    const hints = await s.call('templates.hints', { planId: next.plan.id });
    expect(Object.keys(hints.hints).length).toBeGreaterThan(3);

    const renamed = await s.call('templates.update', { id: saved.id, name: '巡察整改（新）' });
    expect(renamed.name).toBe('巡察整改（新）');
    const full = await s.call('templates.get', { id: saved.id });
    const edited = await s.call('templates.update', { id: saved.id, definition: { ...full.definition, titlePattern: '{单位}巡察整改方案' } });
    expect(edited).toMatchObject({ titlePattern: '{单位}巡察整改方案', name: '巡察整改（新）' });
    await expect(s.call('templates.update', { id: 'shenji', name: '改内置' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('内置模板') });
    await expect(s.call('templates.delete', { id: 'shenji' })).rejects.toMatchObject({ code: 'bad_input' });
    await s.call('templates.delete', { id: saved.id });
    expect((await s.call('templates.list', {})).some((t) => t.id === saved.id)).toBe(false);
    await expect(s.call('templates.get', { id: saved.id })).rejects.toMatchObject({ code: 'not_found' });
    // The plan made from it is untouched.
    expect((await s.call('plans.get', { id: next.plan.id })).title).toBe(next.plan.title);
    expect(await version(s, next.plan.id)).toBe(1);
    s.close();
  });
});
