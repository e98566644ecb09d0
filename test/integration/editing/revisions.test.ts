import { describe, expect, it } from 'vitest';
import { nodeId, openServices, samplePlan, version } from './helpers.ts';

describe('历史版本（revisions.*）', () => {
  it('保存生成版本；内容未变时不重复保存', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const r1 = await s.call('revisions.create', { planId });
    expect(r1).toMatchObject({ created: true, revision: { reason: '保存', measureCount: 3, title: '测试单位2025年度民主生活会查摆问题整改方案' } });
    const again = await s.call('revisions.create', { planId });
    expect(again).toEqual({ ...r1, created: false });
    await s.call('outline.deleteNode', { planId, expectedVersion: await version(s, planId), nodeId: await nodeId(s, planId, '措施C') });
    const r2 = await s.call('revisions.create', { planId, reason: '导出前' });
    expect(r2.created).toBe(true);
    expect((await s.call('revisions.list', { planId })).map((r) => [r.reason, r.measureCount])).toEqual([
      ['导出前', 2],
      ['保存', 3],
    ]);
    s.close();
  });

  it('逐节点对比：新增、删除、修改（列出字段）、移动，以及文头变化', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const rev = (await s.call('revisions.create', { planId })).revision;
    let v = await version(s, planId);
    const a = await nodeId(s, planId, '措施A');
    const b = await nodeId(s, planId, '措施B');
    const c = await nodeId(s, planId, '措施C');
    const jia = await nodeId(s, planId, '甲方面');
    v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: a, patch: { heading: '措施A（改）', measure: { department: '研究室' } } })).version;
    v = (await s.call('outline.deleteNode', { planId, expectedVersion: v, nodeId: b })).version;
    const added = await s.call('outline.addNode', { planId, expectedVersion: v, parentId: jia, kind: 'measure', heading: '措施D' });
    v = (await s.call('outline.moveNode', { planId, expectedVersion: added.version, nodeId: c, parentId: jia, index: 0 })).version;
    await s.call('plans.updateHeader', { planId, expectedVersion: v, patch: { title: '新标题' } });

    const diff = await s.call('revisions.diff', { revisionId: rev.id });
    const byId = new Map(diff.nodes.map((n) => [n.nodeId, n]));
    expect(byId.get(a)).toMatchObject({ change: 'changed', fields: ['heading', 'measure.department'], labels: ['标题', '责任部门'] });
    expect(byId.get(a)?.before).toMatchObject({ heading: '措施A', marker: '1.', measure: { department: '办公室' } });
    expect(byId.get(a)?.after).toMatchObject({ heading: '措施A（改）', marker: '2.', path: ['二、整改任务', '（一）甲方面'] });
    expect(byId.get(b)).toMatchObject({ change: 'removed', after: null, before: { heading: '措施B' } });
    expect(byId.get(added.nodeId!)).toMatchObject({ change: 'added', before: null, after: { heading: '措施D' } });
    expect(byId.get(c)).toMatchObject({ change: 'moved', labels: ['位置'], before: { marker: '1.', path: ['二、整改任务', '（二）乙方面'] } });
    expect(diff.nodes).toHaveLength(4);
    expect(diff.unchangedCount).toBe(5);
    expect(diff.header).toEqual([{ field: 'title', label: '标题', before: '测试单位2025年度民主生活会查摆问题整改方案', after: '新标题' }]);
    s.close();
  });

  it('恢复历史版本：先自动保存“恢复前”版本，恢复后内容与当时一致，且恢复本身可以撤销', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    const rev = (await s.call('revisions.create', { planId })).revision;
    const saved = await s.call('plans.document', { id: planId });
    let v = await version(s, planId);
    v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: a, patch: { heading: '恢复前的修改' } })).version;
    v = (await s.call('outline.deleteNode', { planId, expectedVersion: v, nodeId: await nodeId(s, planId, '乙方面') })).version;
    v = (await s.call('plans.updateHeader', { planId, expectedVersion: v, patch: { title: '恢复前的标题', attachments: ['附件一'] } })).version;
    const changed = await s.call('plans.document', { id: planId });

    await expect(s.call('revisions.restore', { revisionId: rev.id, expectedVersion: v - 1 })).rejects.toMatchObject({ code: 'conflict' });
    expect((await s.call('revisions.list', { planId })).length).toBe(1);

    const r = await s.call('revisions.restore', { revisionId: rev.id, expectedVersion: v });
    expect(await s.call('plans.document', { id: planId })).toEqual(saved);
    // The node ids survive: the measure restored is the same measure.
    expect(await nodeId(s, planId, '措施A')).toBe(a);
    const list = await s.call('revisions.list', { planId });
    expect(list.map((x) => x.reason)).toEqual(['恢复前', '保存']);
    expect(list[0]!.id).toBe(r.safetyRevisionId);
    expect(await s.call('history.state', { planId })).toMatchObject({ canUndo: true, undoLabel: '恢复历史版本' });

    await s.call('history.undo', { planId, expectedVersion: r.version });
    expect(await s.call('plans.document', { id: planId })).toEqual(changed);
    await s.call('history.redo', { planId });
    expect(await s.call('plans.document', { id: planId })).toEqual(saved);
    s.close();
  });

  it('从“恢复前”版本也能再恢复回来', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const rev = (await s.call('revisions.create', { planId })).revision;
    const v = (await s.call('outline.deleteNode', { planId, expectedVersion: await version(s, planId), nodeId: await nodeId(s, planId, '整改任务') })).version;
    const afterDelete = await s.call('plans.document', { id: planId });
    const r = await s.call('revisions.restore', { revisionId: rev.id, expectedVersion: v });
    await s.call('revisions.restore', { revisionId: r.safetyRevisionId, expectedVersion: r.version });
    expect(await s.call('plans.document', { id: planId })).toEqual(afterDelete);
    await expect(s.call('revisions.diff', { revisionId: 9999 })).rejects.toMatchObject({ code: 'not_found' });
    s.close();
  });
});
