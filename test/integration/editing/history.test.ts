import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeId, openServices, outlineLines, samplePlan, version } from './helpers.ts';

describe('撤销与重做（history.*）', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('文字修改和结构修改都能逐步撤销、重做，直到初始状态', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const initial = await s.call('plans.document', { id: planId });
    const initialLines = await outlineLines(s, planId);
    expect(await s.call('history.state', { planId })).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });

    const a = await nodeId(s, planId, '措施A');
    const jia = await nodeId(s, planId, '甲方面');
    let v = await version(s, planId);
    v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: a, patch: { heading: '改过的措施A', measure: { leader: '张某某' } } })).version;
    const added = await s.call('outline.addNode', { planId, expectedVersion: v, parentId: jia, kind: 'measure', heading: '新措施' });
    v = (await s.call('outline.moveNode', { planId, expectedVersion: added.version, nodeId: added.nodeId!, parentId: jia, index: 0 })).version;
    v = (await s.call('outline.deleteNode', { planId, expectedVersion: v, nodeId: await nodeId(s, planId, '乙方面') })).version;
    const edited = await s.call('plans.document', { id: planId });
    expect(await s.call('history.state', { planId })).toMatchObject({ canUndo: true, canRedo: false, undoLabel: '删除节点' });

    const labels: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await s.call('history.undo', { planId, expectedVersion: v });
      labels.push(r.label);
      expect(r.version).toBe(v + 1);
      v = r.version;
    }
    expect(labels).toEqual(['删除节点', '移动节点', '添加措施', '修改措施']);
    expect(await s.call('plans.document', { id: planId })).toEqual(initial);
    expect(await outlineLines(s, planId)).toEqual(initialLines);
    await expect(s.call('history.undo', { planId })).rejects.toMatchObject({ code: 'bad_input', message: '没有可以撤销的操作' });

    for (let i = 0; i < 4; i++) v = (await s.call('history.redo', { planId, expectedVersion: v })).version;
    expect(await s.call('plans.document', { id: planId })).toEqual(edited);
    await expect(s.call('history.redo', { planId })).rejects.toMatchObject({ code: 'bad_input', message: '没有可以重做的操作' });
    s.close();
  });

  it('撤销删除会找回整个子树：措施字段、问题关联、节点编号都原样回来', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    const p = await s.call('problems.create', { planId, expectedVersion: await version(s, planId), text: '理论学习不深入', category: '政治建设', nodeIds: [a] });
    const before = await s.call('plans.get', { id: planId });
    const del = await s.call('outline.deleteNode', { planId, expectedVersion: p.version, nodeId: await nodeId(s, planId, '整改任务') });
    expect((await s.call('problems.list', { planId }))[0]!.nodeIds).toEqual([]);
    const undo = await s.call('history.undo', { planId, expectedVersion: del.version });
    const after = await s.call('plans.get', { id: planId });
    expect(after.outline).toEqual(before.outline);
    expect((await s.call('problems.list', { planId }))[0]!.nodeIds).toEqual([a]);
    expect(undo.canRedo).toBe(true);
    s.close();
  });

  it('升级、降级、跨节移动都能撤销回原样', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const initial = await s.call('plans.get', { id: planId });
    const b = await nodeId(s, planId, '措施B');
    const c = await nodeId(s, planId, '措施C');
    let v = initial.version;
    v = (await s.call('outline.outdent', { planId, expectedVersion: v, nodeId: b })).version;
    v = (await s.call('outline.indent', { planId, expectedVersion: v, nodeId: await nodeId(s, planId, '乙方面') })).version;
    v = (await s.call('outline.moveNode', { planId, expectedVersion: v, nodeId: await nodeId(s, planId, '甲方面'), parentId: null, index: 0 })).version;
    v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: c, patch: { style: { level: 4 } } })).version;
    v = (await s.call('outline.moveNode', { planId, expectedVersion: v, nodeId: c, parentId: null, index: 1 })).version;
    for (let i = 0; i < 5; i++) v = (await s.call('history.undo', { planId, expectedVersion: v })).version;
    expect((await s.call('plans.get', { id: planId })).outline).toEqual(initial.outline);
    s.close();
  });

  it('撤销删除也找回措施的进展记录和佐证材料登记', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    const db = s.context.db;
    db.prepare("INSERT INTO status_events (node_id, kind, on_date, status, note, created_at) VALUES (?, 'status', '2026-01-10', 'in_progress', '已召开专题会', '2026-01-10T00:00:00Z')").run(a);
    db.prepare("INSERT INTO blobs (sha256, size, mime, created_at) VALUES ('abc', 3, 'application/pdf', '2026-01-10T00:00:00Z')").run();
    db.prepare("INSERT INTO attachments (id, node_id, sha256, original_name, type, added_at) VALUES ('att1', ?, 'abc', '党组会议纪要.pdf', '会议纪要', '2026-01-10T00:00:00Z')").run(a);
    const rows = () => [
      db.prepare('SELECT node_id, status, note FROM status_events').all(),
      db.prepare('SELECT id, node_id, original_name FROM attachments WHERE removed_at IS NULL').all(),
    ];
    const before = rows();
    const del = await s.call('outline.deleteNode', { planId, expectedVersion: await version(s, planId), nodeId: await nodeId(s, planId, '整改任务') });
    expect(rows()).toEqual([[], []]);
    // The evidence registration is only marked removed (so its file outlives the deletion) …
    expect(db.prepare("SELECT removed_at IS NOT NULL AS removed FROM attachments WHERE id = 'att1'").get()).toEqual({ removed: 1 });
    await s.call('history.undo', { planId, expectedVersion: del.version });
    expect(rows()).toEqual(before);
    s.close();
  });

  it('撤销记录保存在数据文件中：关闭程序再打开仍可撤销', async () => {
    const first = await openServices();
    const planId = await samplePlan(first.s);
    const a = await nodeId(first.s, planId, '措施A');
    await first.s.call('outline.updateNode', { planId, expectedVersion: await version(first.s, planId), nodeId: a, patch: { body: ['重启前写的正文。'] } });
    first.s.close();
    const { s } = await openServices(first.dir);
    expect(await s.call('history.state', { planId })).toMatchObject({ canUndo: true, undoLabel: '修改措施' });
    const r = await s.call('history.undo', { planId });
    expect(r.node?.body).toEqual([]);
    expect(r.nodeId).toBe(a);
    s.close();
  });

  it('连续输入（自动保存）合并为一步撤销；换一个字段或做别的操作另起一步', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    let v = await version(s, planId);
    for (const text of ['深', '深化理论', '深化理论武装']) {
      v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: a, patch: { heading: text } })).version;
    }
    v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: a, patch: { body: ['正文。'] } })).version;
    let r = await s.call('history.undo', { planId, expectedVersion: v });
    expect(r.node).toMatchObject({ heading: '深化理论武装', body: [] });
    r = await s.call('history.undo', { planId, expectedVersion: r.version });
    expect(r.node?.heading).toBe('措施A');
    expect(r.canUndo).toBe(false);
    s.close();
  });

  it('输入停顿超过几秒、或连续输入超过半分钟，另起一步撤销', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    let v = await version(s, planId);
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.parse('2026-01-05T09:00:00Z');
    // 第1段：09:00:00–09:00:09，每3秒保存一次 → 一步
    // 停顿10秒后第2段：09:00:19 起，每3秒一次直到 09:00:58 → 超过30秒的部分另起一步
    const saves: [number, string][] = [
      [0, 'a1'], [3, 'a2'], [6, 'a3'], [9, 'a4'],
      [19, 'b1'], [22, 'b2'], [25, 'b3'], [28, 'b4'], [31, 'b5'], [34, 'b6'], [37, 'b7'], [40, 'b8'], [43, 'b9'], [46, 'b10'], [49, 'b11'], [52, 'c1'], [55, 'c2'],
    ];
    for (const [sec, text] of saves) {
      vi.setSystemTime(t0 + sec * 1000);
      v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: a, patch: { heading: text } })).version;
    }
    const headings: string[] = [];
    for (;;) {
      const r = await s.call('history.undo', { planId, expectedVersion: v });
      v = r.version;
      headings.push(r.node!.heading);
      if (!r.canUndo) break;
    }
    // b1 … b11 span 30 s (19–49); c1 at 52 s starts a new step
    expect(headings).toEqual(['b11', 'a4', '措施A']);
    s.close();
  });

  it('撤销后再做新的修改，重做记录作废', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    let v = (await s.call('outline.updateNode', { planId, expectedVersion: await version(s, planId), nodeId: a, patch: { heading: '一' } })).version;
    v = (await s.call('history.undo', { planId, expectedVersion: v })).version;
    expect((await s.call('history.state', { planId })).canRedo).toBe(true);
    const r = await s.call('outline.deleteNode', { planId, expectedVersion: v, nodeId: a });
    expect(r.canRedo).toBe(false);
    expect(await s.call('history.state', { planId })).toMatchObject({ canUndo: true, canRedo: false, undoLabel: '删除节点' });
    s.close();
  });

  it('撤销只动本方案；另一方案的撤销记录互不影响', async () => {
    const { s } = await openServices();
    const p1 = await samplePlan(s);
    const p2 = await samplePlan(s);
    await s.call('outline.deleteNode', { planId: p1, expectedVersion: await version(s, p1), nodeId: await nodeId(s, p1, '指导思想') });
    expect((await s.call('history.state', { planId: p2 })).canUndo).toBe(false);
    await expect(s.call('history.undo', { planId: p2 })).rejects.toMatchObject({ code: 'bad_input' });
    expect((await outlineLines(s, p1))[0]).toBe('一、整改任务');
    await s.call('history.undo', { planId: p1 });
    expect((await outlineLines(s, p1))[0]).toBe('一、指导思想');
    await expect(s.call('history.state', { planId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    s.close();
  });
});
