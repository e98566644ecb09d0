import { describe, expect, it } from 'vitest';
import { m, nodeId, openServices, samplePlan, sec, version } from './helpers.ts';
import { emptyDocument } from '../../../shared/domain/document.ts';
import type { Services } from '../../../electron/services/index.ts';

async function planWith(s: Services, title: string, measures: ReturnType<typeof m>[]): Promise<string> {
  const doc = emptyDocument(title, 'minzhu-shenghuohui');
  doc.sections = [sec('整改任务', measures)];
  return (await s.call('plans.createFromDocument', { document: doc })).id;
}

describe('常用语（phrases.*）', () => {
  it('内置常用语按模板类别给出，加上通用的；自己的常用语排在最前，可删除', async () => {
    const { s } = await openServices();
    const audit = await s.call('phrases.list', { kind: 'shenji' });
    expect(audit.some((p) => p.builtin && p.kind === 'shenji' && p.text.includes('归还原资金渠道'))).toBe(true);
    expect(audit.some((p) => p.builtin && p.kind === '' && p.text === '特此报告。')).toBe(true);
    expect(audit.some((p) => p.kind === 'xunshi-xuncha')).toBe(false);

    const mine = await s.call('phrases.create', { text: '坚持问题导向，逐条抓好整改。', kind: 'shenji' });
    expect(mine).toMatchObject({ builtin: false, category: '我的常用语', kind: 'shenji' });
    expect(await s.call('phrases.create', { text: '坚持问题导向，逐条抓好整改。', kind: 'shenji' })).toEqual(mine);
    expect((await s.call('phrases.list', { kind: 'shenji' }))[0]).toEqual(mine);
    expect((await s.call('phrases.list', { kind: 'xunshi-xuncha' })).some((p) => p.id === mine.id)).toBe(false);

    await expect(s.call('phrases.delete', { id: audit[0]!.id })).rejects.toMatchObject({ code: 'bad_input', message: '内置常用语不能删除' });
    await s.call('phrases.delete', { id: mine.id });
    expect((await s.call('phrases.list', { kind: 'shenji' })).some((p) => p.id === mine.id)).toBe(false);
    await expect(s.call('phrases.delete', { id: mine.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(s.call('phrases.create', { text: '  ' })).rejects.toMatchObject({ code: 'bad_input' });
    s.close();
  });
});

describe('人员和部门名录（directory.*）', () => {
  it('保存措施时名录自动增长，常用的排在前面，前缀匹配优先', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    const b = await nodeId(s, planId, '措施B');
    let v = await version(s, planId);
    v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: a, patch: { measure: { leader: '党组书记', department: '市委办公室', cooperating: ['机关党委', '研究室'], person: '王某某' } } })).version;
    v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: b, patch: { measure: { department: '办公室', cooperating: ['机关党委'] } } })).version;
    await s.call('outline.addNode', { planId, expectedVersion: v, parentId: null, kind: 'measure', measure: { department: '机关党委' } });

    // 措施A's 办公室 came with the plan (not typed, not counted); typed names count once per save that sets them.
    const depts = Object.fromEntries((await s.call('directory.list', { type: 'department' })).map((d) => [d.name, d.useCount]));
    expect(depts).toEqual({ 办公室: 1, 市委办公室: 1, 机关党委: 3, 研究室: 1 });
    expect((await s.call('directory.search', { type: 'department', query: '' }))[0]!.name).toBe('机关党委');
    expect((await s.call('directory.search', { type: 'department', query: '办公室' })).map((d) => d.name)).toEqual(['办公室', '市委办公室']);
    expect((await s.call('directory.search', { type: 'person', query: '书记' })).map((d) => d.name)).toEqual(['党组书记']);
    expect((await s.call('directory.list', { type: 'person' })).map((d) => d.name).sort()).toEqual(['党组书记', '王某某'].sort());
    s.close();
  });

  it('边输入边自动保存时，输入到一半的名称不留在名录中', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const b = await nodeId(s, planId, '措施B');
    let v = await version(s, planId);
    await s.call('directory.add', { type: 'department', name: '办公' }); // a real entry elsewhere keeps existing
    for (const typed of ['办', '办公', '办公室', '办公室、研究室']) {
      v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: b, patch: { measure: { department: typed } } })).version;
    }
    for (const typed of ['张', '张某某']) {
      v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: b, patch: { measure: { leader: typed } } })).version;
    }
    expect((await s.call('directory.list', { type: 'department' })).map((d) => d.name)).toEqual(['办公', '办公室、研究室']);
    expect((await s.call('directory.list', { type: 'person' })).map((d) => d.name)).toEqual(['张某某']);
    // Changing to a different name keeps the old one: it was a real name once.
    await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: b, patch: { measure: { leader: '李某某' } } });
    expect((await s.call('directory.list', { type: 'person' })).map((d) => d.name).sort()).toEqual(['张某某', '李某某'].sort());
    s.close();
  });

  it('名录可添加、修改（同名则合并）、删除', async () => {
    const { s } = await openServices();
    const a = await s.call('directory.add', { type: 'department', name: ' 办公室 ' });
    expect(a).toMatchObject({ name: '办公室', useCount: 1 });
    const b = await s.call('directory.add', { type: 'department', name: '综合科' });
    const renamed = await s.call('directory.update', { type: 'department', id: b.id, name: '综合处' });
    expect(renamed.name).toBe('综合处');
    const merged = await s.call('directory.update', { type: 'department', id: b.id, name: '办公室' });
    expect(merged.id).toBe(a.id);
    expect((await s.call('directory.list', { type: 'department' })).map((d) => d.name)).toEqual(['办公室']);
    await s.call('directory.delete', { type: 'department', id: a.id });
    expect(await s.call('directory.list', { type: 'department' })).toEqual([]);
    await expect(s.call('directory.delete', { type: 'department', id: a.id })).rejects.toMatchObject({ code: 'not_found' });
    s.close();
  });
});

describe('复用其他方案的措施（measures.search）', () => {
  it('三个字以上用全文索引，一两个字用逐字查找；排除正在编辑的方案', async () => {
    const { s } = await openServices();
    const p1 = await planWith(s, '甲方案', [
      m('健全会议纪要制度', { department: '办公室', deadline: '长期坚持' }, ['规范党组会议纪要的起草和审签。']),
      m('深化理论武装', {}, ['坚持第一议题制度。']),
    ]);
    const p2 = await planWith(s, '乙方案', [m('加强整改督办', {}, ['每月通报整改进展，会议纪要及时归档。'])]);

    const two = await s.call('measures.search', { query: '纪要' });
    expect(two.map((h) => h.heading).sort()).toEqual(['健全会议纪要制度', '加强整改督办']);
    const first = two.find((h) => h.heading === '健全会议纪要制度')!;
    expect(first).toMatchObject({ planId: p1, planTitle: '甲方案', measure: { department: '办公室', deadline: '长期坚持' } });
    expect(first.snippet).toContain('【纪要】');

    const three = await s.call('measures.search', { query: '第一议题' });
    expect(three.map((h) => h.heading)).toEqual(['深化理论武装']);
    expect(three[0]!.snippet).toContain('【第一议题】');
    expect(await s.call('measures.search', { query: '会议纪要', excludePlanId: p1 })).toMatchObject([{ planId: p2 }]);
    expect(await s.call('measures.search', { query: '不存在的内容' })).toEqual([]);
    expect((await s.call('measures.search', { query: '督' })).map((h) => h.heading)).toEqual(['加强整改督办']);

    // The index follows edits and deletes.
    const id = await nodeId(s, p2, '加强整改督办');
    const v = (await s.call('outline.updateNode', { planId: p2, expectedVersion: await version(s, p2), nodeId: id, patch: { body: ['建立督办台账。'] } })).version;
    expect((await s.call('measures.search', { query: '会议纪要' })).map((h) => h.planId)).toEqual([p1]);
    expect((await s.call('measures.search', { query: '督办台账' })).map((h) => h.nodeId)).toEqual([id]);
    await s.call('outline.deleteNode', { planId: p2, expectedVersion: v, nodeId: id });
    expect(await s.call('measures.search', { query: '督办台账' })).toEqual([]);
    await s.call('plans.delete', { id: p1 });
    expect(await s.call('measures.search', { query: '第一议题' })).toEqual([]);
    s.close();
  });
});
