import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { find, openServices, outlineLines, version } from './helpers.ts';

/** A user template to edit: a copy of the built-in 民主生活会 template. */
async function myTemplate(s: Services): Promise<string> {
  const copy = await s.call('templates.copy', { id: 'minzhu-shenghuohui', name: '本委民主生活会整改方案' });
  return copy.id;
}

const VALUES = { 单位: '甲委', 年度: '2025', 会议: '某主题', 上级: '市委', 落款: '中共甲委党组', 成文日期: '2025年12月5日' };

describe('修改模板内容（templates.openDraft / updateFromPlan / discardDraft）', () => {
  it('复制为我的模板：内置模板可复制，副本与原模板生成同样的方案；内置模板本身不能修改内容', async () => {
    const { s } = await openServices();
    const copy = await s.call('templates.copy', { id: 'minzhu-shenghuohui' });
    expect(copy).toMatchObject({ builtin: false, name: '民主生活会查摆问题整改方案（副本）', kind: 'minzhu-shenghuohui' });
    const original = await s.call('templates.get', { id: 'minzhu-shenghuohui' });
    const copied = await s.call('templates.get', { id: copy.id });
    expect({ ...copied.definition, name: original.name }).toEqual(original.definition);

    await expect(s.call('templates.openDraft', { templateId: 'minzhu-shenghuohui' })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('复制为我的模板'),
    });
    const { plan } = await s.call('templates.instantiate', { templateId: 'minzhu-shenghuohui', variables: VALUES });
    await expect(s.call('templates.updateFromPlan', { templateId: 'minzhu-shenghuohui', planId: plan.id })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(s.call('templates.copy', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    s.close();
  });

  it('打开工作稿：占位符原样保留、写作提示在；工作稿不出现在方案列表和措施复用中；再次打开继续同一份', async () => {
    const { s } = await openServices();
    const templateId = await myTemplate(s);
    const ordinary = await s.call('templates.instantiate', { templateId, variables: VALUES });

    const opened = await s.call('templates.openDraft', { templateId });
    expect(opened.resumed).toBe(false);
    const draft = await s.call('plans.get', { id: opened.plan.id });
    expect(draft.title).toBe('{单位}领导班子{年度}年度民主生活会查摆问题整改方案');
    expect(draft.document.issuer).toBe('{落款}');
    expect(draft.document.date).toBe('{成文日期}');
    expect(draft.document.preamble[0]).toContain('{上级}');
    expect(draft.meta.variables).toEqual({});
    const hints = await s.call('templates.hints', { planId: draft.id });
    expect(hints.hints[find(draft.outline, '指导思想').id]?.hint).toBeTruthy();
    expect(hints.preambleHint).toBeTruthy();

    expect((await s.call('plans.list', {})).map((p) => p.id)).toEqual([ordinary.plan.id]);
    const hits = await s.call('measures.search', { query: '整改措施' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.planId === ordinary.plan.id)).toBe(true);

    expect(await s.call('templates.draftForPlan', { planId: draft.id })).toMatchObject({
      planId: draft.id,
      templateId,
      templateName: '本委民主生活会整改方案',
      templateChanged: false,
    });
    expect(await s.call('templates.draftForPlan', { planId: ordinary.plan.id })).toBeNull();
    expect((await s.call('templates.drafts', {})).map((d) => d.planId)).toEqual([draft.id]);

    const again = await s.call('templates.openDraft', { templateId });
    expect(again).toMatchObject({ resumed: true, plan: { id: draft.id } });
    // Renaming the template meanwhile is noticed (the draft still saves into it).
    await s.call('templates.update', { id: templateId, name: '本委民主生活会整改方案（新）' });
    expect(await s.call('templates.draftForPlan', { planId: draft.id })).toMatchObject({ templateChanged: true, templateName: '本委民主生活会整改方案（新）' });
    s.close();
  });

  it('保存到模板：编辑后的骨架、标题、开头写回模板；变量由出现的占位符推出；写作提示随仍在的节点保留；工作稿删除', async () => {
    const { s } = await openServices();
    const templateId = await myTemplate(s);
    const { plan } = await s.call('templates.openDraft', { templateId });
    const planId = plan.id;
    let detail = await s.call('plans.get', { id: planId });
    let v = detail.version;
    const write = async <T extends { version: number }>(p: Promise<T>): Promise<T> => {
      const r = await p;
      v = r.version;
      return r;
    };

    // Title and opening: {会议} no longer occurs anywhere; {批次} is new.
    await write(s.call('plans.updateHeader', { planId, expectedVersion: v, patch: { title: '{单位}领导班子{年度}年度{批次}民主生活会整改方案', preamble: ['根据{上级}部署，{单位}领导班子制定本方案。'] } }));
    // Rename a section, delete one, add a measure with owners given as new placeholders.
    await write(s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: find(detail.outline, '指导思想').id, patch: { heading: '总体要求', body: ['坚持问题导向，{单位}全体班子成员带头整改。'] } }));
    await write(s.call('outline.deleteNode', { planId, expectedVersion: v, nodeId: find(detail.outline, '整改目标').id }));
    const tasks = find(detail.outline, '整改任务与主要措施');
    const aspect = tasks.children[0]!;
    await write(
      s.call('outline.addNode', {
        planId,
        expectedVersion: v,
        parentId: aspect.id,
        kind: 'measure',
        heading: '建立整改台账，逐条对账销号。',
        body: ['{牵头部门}每月调度一次。'],
        measure: { department: '{牵头部门}', deadline: '{完成日期}前' },
      }),
    );
    // A placeholder typed as an owner is not a department: the directory does not learn it.
    expect((await s.call('directory.list', { type: 'department' })).map((e) => e.name)).not.toContain('{牵头部门}');
    // Move the last top-level section to the front.
    detail = await s.call('plans.get', { id: planId });
    const last = detail.outline.at(-1)!;
    await write(s.call('outline.moveNode', { planId, expectedVersion: v, nodeId: last.id, parentId: null, index: 0 }));
    const expectedOutline = await outlineLines(s, planId);
    const lastHeading = last.heading;

    const saved = await s.call('templates.updateFromPlan', { templateId, planId });
    expect(saved).toMatchObject({ id: templateId, builtin: false, name: '本委民主生活会整改方案', titlePattern: '{单位}领导班子{年度}年度{批次}民主生活会整改方案' });
    expect(saved.variables.map((x) => x.name)).toEqual(['单位', '年度', '上级', '落款', '成文日期', '批次', '牵头部门', '完成日期']);
    // Declared variables keep their settings; new ones are optional, with an input guessed from the name.
    expect(saved.variables.find((x) => x.name === '单位')).toMatchObject({ required: true, hint: '如：XX市人大常委会' });
    expect(saved.variables.find((x) => x.name === '完成日期')).toMatchObject({ required: false, input: 'date' });
    expect(saved.variables.find((x) => x.name === '批次')).toMatchObject({ required: false, input: 'text' });
    // {方面}, {整改措施}, {数量}: the built-in leaves them for the plan, and so does the edited template.
    expect(saved.variables.map((x) => x.name)).not.toContain('方面');
    expect(saved.variables.map((x) => x.name)).not.toContain('整改措施');

    // The working plan is gone.
    await expect(s.call('plans.get', { id: planId })).rejects.toMatchObject({ code: 'not_found' });
    expect(await s.call('templates.drafts', {})).toEqual([]);
    expect(await s.call('plans.list', {})).toEqual([]);

    // A plan made from the template now has the edited skeleton, filled in.
    const made = await s.call('templates.instantiate', { templateId, variables: { ...VALUES, 批次: '专题', 牵头部门: '办公室', 完成日期: '2026年6月30日' } });
    expect(made.plan.title).toBe('甲委领导班子2025年度专题民主生活会整改方案');
    expect(await outlineLines(s, made.plan.id)).toEqual(expectedOutline.map((line) => line.replace('{单位}', '甲委')));
    const doc = await s.call('plans.document', { id: made.plan.id });
    expect(doc.preamble).toEqual(['根据市委部署，甲委领导班子制定本方案。']);
    expect(doc.sections[0]!.heading).toBe(lastHeading);
    const added = (await s.call('plans.get', { id: made.plan.id })).outline;
    const measure = find(added, '建立整改台账，逐条对账销号。');
    expect(measure.body).toEqual(['办公室每月调度一次。']);
    expect(measure.measure).toMatchObject({ department: '办公室', deadline: '2026年6月30日前' });
    expect(JSON.stringify(doc)).not.toContain('整改目标');
    // Hints: kept where the node still exists (also after a rename or a move), none on the new measure.
    const hints = await s.call('templates.hints', { planId: made.plan.id });
    expect(hints.hints[find(added, '总体要求').id]?.hint).toContain('指导思想');
    expect(hints.hints[find(added, lastHeading).id]).toBeDefined();
    expect(hints.hints[measure.id]).toBeUndefined();
    expect(hints.preambleHint).toBeTruthy();
    s.close();
  });

  it('不做修改就保存：模板生成的方案与修改前完全相同', async () => {
    const { s } = await openServices();
    const templateId = await myTemplate(s);
    const before = await s.call('templates.get', { id: templateId });
    const first = await s.call('templates.instantiate', { templateId, variables: VALUES });
    const { plan } = await s.call('templates.openDraft', { templateId });
    const saved = await s.call('templates.updateFromPlan', { templateId, planId: plan.id });
    expect(saved.variables).toEqual(before.variables);
    expect(saved.titlePattern).toBe(before.titlePattern);
    const second = await s.call('templates.instantiate', { templateId, variables: VALUES });
    expect(await s.call('plans.document', { id: second.plan.id })).toEqual(await s.call('plans.document', { id: first.plan.id }));
    expect(await s.call('templates.hints', { planId: second.plan.id })).toMatchObject({ preambleHint: before.definition.preambleHint });
    const countHints = async (id: string) => Object.keys((await s.call('templates.hints', { planId: id })).hints).length;
    expect(await countHints(second.plan.id)).toBe(await countHints(first.plan.id));
    s.close();
  });

  it('放弃修改：模板不变，工作稿删除；只有工作稿能这样删除', async () => {
    const { s } = await openServices();
    const templateId = await myTemplate(s);
    const before = await s.call('templates.get', { id: templateId });
    const { plan } = await s.call('templates.openDraft', { templateId });
    const detail = await s.call('plans.get', { id: plan.id });
    await s.call('outline.deleteNode', { planId: plan.id, expectedVersion: detail.version, nodeId: detail.outline[0]!.id });
    expect(await s.call('templates.discardDraft', { planId: plan.id })).toEqual({ discarded: true });
    await expect(s.call('plans.get', { id: plan.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(await s.call('templates.get', { id: templateId })).toEqual(before);
    expect(await s.call('templates.drafts', {})).toEqual([]);

    const ordinary = await s.call('templates.instantiate', { templateId, variables: VALUES });
    await expect(s.call('templates.discardDraft', { planId: ordinary.plan.id })).rejects.toMatchObject({ code: 'bad_input' });
    expect(await version(s, ordinary.plan.id)).toBe(1);
    s.close();
  });

  it('中途崩溃：模板一字不少，工作稿留存、可继续编辑后保存，或放弃', async () => {
    const { s, dir } = await openServices();
    const templateId = await myTemplate(s);
    const before = await s.call('templates.get', { id: templateId });
    const { plan } = await s.call('templates.openDraft', { templateId });
    const detail = await s.call('plans.get', { id: plan.id });
    await s.call('outline.updateNode', { planId: plan.id, expectedVersion: detail.version, nodeId: find(detail.outline, '组织保障').id, patch: { heading: '保障措施' } });
    s.close(); // the window dies before 保存到模板

    const s2 = await createServices({ dataDir: dir });
    expect(await s2.call('templates.get', { id: templateId })).toEqual(before);
    expect(await s2.call('plans.list', {})).toEqual([]);
    const left = await s2.call('templates.drafts', {});
    expect(left).toEqual([expect.objectContaining({ planId: plan.id, templateId, templateName: '本委民主生活会整改方案' })]);
    const resumed = await s2.call('templates.openDraft', { templateId });
    expect(resumed).toMatchObject({ resumed: true, plan: { id: plan.id } });
    expect(find((await s2.call('plans.get', { id: plan.id })).outline, '保障措施')).toBeTruthy();
    await s2.call('templates.updateFromPlan', { templateId, planId: plan.id });
    const made = await s2.call('templates.instantiate', { templateId, variables: VALUES });
    expect((await outlineLines(s2, made.plan.id)).some((l) => l.endsWith('、保障措施'))).toBe(true);
    s2.close();
  });

  it('工作稿不能保存到别的模板；删除模板时其未完成的工作稿一并删除；普通方案也可写回模板（填写的值还原为占位符，方案保留）', async () => {
    const { s } = await openServices();
    const a = await myTemplate(s);
    const b = (await s.call('templates.copy', { id: 'shenji', name: '审计整改（本委）' })).id;
    const draftA = (await s.call('templates.openDraft', { templateId: a })).plan.id;
    await expect(s.call('templates.updateFromPlan', { templateId: b, planId: draftA })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('本委民主生活会整改方案'),
    });
    await s.call('templates.delete', { id: a });
    await expect(s.call('plans.get', { id: draftA })).rejects.toMatchObject({ code: 'not_found' });
    expect(await s.call('templates.drafts', {})).toEqual([]);

    const { plan } = await s.call('templates.instantiate', { templateId: b, variables: { 单位: '乙委', 年度: '2025', 审计项目: '预算执行情况', 落款: '中共乙委党组' } });
    const detail = await s.call('plans.get', { id: plan.id });
    await s.call('outline.addNode', { planId: plan.id, expectedVersion: detail.version, parentId: null, kind: 'section', heading: '乙委的经验做法' });
    const saved = await s.call('templates.updateFromPlan', { templateId: b, planId: plan.id });
    expect(saved.titlePattern).toContain('{单位}');
    expect(saved.titlePattern).not.toContain('乙委');
    expect((await s.call('plans.get', { id: plan.id })).title).toContain('乙委');
    const made = await s.call('templates.instantiate', { templateId: b, variables: { 单位: '丙委', 年度: '2026', 审计项目: '某项目', 落款: '中共丙委党组' } });
    expect((await s.call('plans.document', { id: made.plan.id })).sections.at(-1)!.heading).toBe('丙委的经验做法');
    s.close();
  });

  it('修改变量设置：提示、必填、默认值、顺序；不能凭空增删变量；保存到模板后设置仍在', async () => {
    const { s } = await openServices();
    const templateId = await myTemplate(s);
    const updated = await s.call('templates.updateVariables', {
      id: templateId,
      variables: [
        { name: '落款', hint: '如：中共甲委党组', required: true, defaultValue: ' 中共甲委党组 ' },
        { name: '单位', required: false },
      ],
    });
    expect(updated.variables.map((x) => x.name)).toEqual(['落款', '单位', '年度', '会议', '上级', '成文日期']);
    expect(updated.variables[0]).toEqual({ name: '落款', hint: '如：中共甲委党组', input: 'text', required: true, defaultValue: '中共甲委党组' });
    expect(updated.variables[1]).toMatchObject({ required: false, hint: '如：XX市人大常委会' });
    await expect(s.call('templates.updateVariables', { id: templateId, variables: [{ name: '不存在' }] })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('不存在'),
    });
    await expect(s.call('templates.updateVariables', { id: 'shenji', variables: [] })).rejects.toMatchObject({ code: 'bad_input' });
    // The default fills 落款 on 创建; 单位 may now be left blank.
    const made = await s.call('templates.instantiate', { templateId, variables: { 年度: '2025' } });
    expect((await s.call('plans.document', { id: made.plan.id })).issuer).toBe('中共甲委党组');
    // A content edit keeps the settings.
    const { plan } = await s.call('templates.openDraft', { templateId });
    const saved = await s.call('templates.updateFromPlan', { templateId, planId: plan.id });
    expect(saved.variables).toEqual(updated.variables);
    s.close();
  });
});
