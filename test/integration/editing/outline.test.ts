import { describe, expect, it } from 'vitest';
import { find, nodeId, openServices, outlineLines, samplePlan, version } from './helpers.ts';

describe('大纲编辑（outline.*、plans.updateHeader）', () => {
  it('添加措施：插在指定节点之后，其后序号顺延；措施字段保存并对完成时限分类', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const parentId = await nodeId(s, planId, '甲方面');
    const afterId = await nodeId(s, planId, '措施A');
    const v = await version(s, planId);
    const r = await s.call('outline.addNode', {
      planId,
      expectedVersion: v,
      parentId,
      afterId,
      kind: 'measure',
      heading: '新措施',
      measure: { leader: '党组书记', department: '办公室', cooperating: ['机关党委', '研究室'], deadline: '2026年3月底前' },
    });
    expect(r.version).toBe(v + 1);
    expect(r.node?.heading).toBe('新措施');
    expect(r.node?.measure).toMatchObject({ deadline: '2026年3月底前', deadlineKind: 'date', deadlineDate: '2026-03-31', cooperating: ['机关党委', '研究室'] });
    expect(await outlineLines(s, planId)).toEqual([
      '一、指导思想',
      '二、整改任务',
      '  （一）甲方面',
      '    1.措施A',
      '    2.新措施',
      '    3.措施B',
      '  （二）乙方面',
      '    1.措施C',
      '三、组织保障',
    ]);
    // afterId null = first, omitted = last
    await s.call('outline.addNode', { planId, expectedVersion: r.version, parentId: null, afterId: null, kind: 'section', heading: '总体要求' });
    await s.call('outline.addNode', { planId, expectedVersion: r.version + 1, parentId: null, kind: 'paragraph', heading: '', body: ['特此报告。'] });
    const lines = await outlineLines(s, planId);
    expect(lines[0]).toBe('一、总体要求');
    expect(lines.at(-2)).toBe('四、组织保障');
    expect(lines.at(-1)).toBe('');
    s.close();
  });

  it('修改节点：标题、正文、样式、措施字段；立行立改、长期坚持按原文保存并分类', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const id = await nodeId(s, planId, '措施B');
    let v = await version(s, planId);
    const r1 = await s.call('outline.updateNode', {
      planId,
      expectedVersion: v,
      nodeId: id,
      patch: { heading: '压实主体责任', body: ['制定责任清单。', '每半年听取一次汇报。'], style: { bold: true }, measure: { deadline: '立行立改', department: ' 组织部 ' } },
    });
    expect(r1.node).toMatchObject({
      heading: '压实主体责任',
      body: ['制定责任清单。', '每半年听取一次汇报。'],
      style: { bold: true },
      measure: { deadline: '立行立改', deadlineKind: 'immediate', department: '组织部' },
    });
    v = r1.version;
    // The state of a measure is not a field of the document: the generic edit refuses it …
    await expect(
      s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: id, patch: { measure: { deadline: '长期坚持', status: 'in_progress' } } }),
    ).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('整改跟踪') });
    // … it is recorded through the progress service, and kept by later edits of the text.
    v = (await s.call('progress.setStatus', { measureId: id, status: 'in_progress', expectedVersion: v })).planVersion;
    const r2 = await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: id, patch: { measure: { deadline: '长期坚持' } } });
    expect(r2.node?.measure).toMatchObject({ deadline: '长期坚持', deadlineKind: 'long_term', deadlineDate: null, status: 'in_progress', department: '组织部' });
    const r3 = await s.call('outline.updateNode', { planId, expectedVersion: r2.version, nodeId: id, patch: { measure: { deadline: '' } } });
    expect(r3.node?.measure).toMatchObject({ deadline: null, deadlineKind: null });
    // The document (what the exporter reads) has it too.
    const doc = await s.call('plans.document', { id: planId });
    expect(doc.sections[1]!.children[0]!.children[1]!.heading).toBe('压实主体责任');
    // A section turned measure gets measure fields; back to section drops them.
    const secId = await nodeId(s, planId, '乙方面');
    const r4 = await s.call('outline.updateNode', { planId, expectedVersion: r3.version, nodeId: secId, patch: { kind: 'measure' } });
    expect(r4.node?.measure?.status).toBe('not_started');
    const r5 = await s.call('outline.updateNode', { planId, expectedVersion: r4.version, nodeId: secId, patch: { kind: 'section' } });
    expect(r5.node?.measure).toBeNull();
    await expect(
      s.call('outline.updateNode', { planId, expectedVersion: r5.version, nodeId: secId, patch: { measure: { department: '办公室' } } }),
    ).rejects.toMatchObject({ code: 'bad_input' });
    s.close();
  });

  it('移动、升级、降级后立即重新编号；显式层级随节点移动', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const c = await nodeId(s, planId, '措施C');
    const jia = await nodeId(s, planId, '甲方面');
    let r = await s.call('outline.moveNode', { planId, expectedVersion: await version(s, planId), nodeId: c, parentId: jia, index: 0 });
    expect(await outlineLines(s, planId)).toEqual([
      '一、指导思想',
      '二、整改任务',
      '  （一）甲方面',
      '    1.措施C',
      '    2.措施A',
      '    3.措施B',
      '  （二）乙方面',
      '三、组织保障',
    ]);
    // Alt+↓: same parent, one further down
    r = await s.call('outline.moveNode', { planId, expectedVersion: r.version, nodeId: c, parentId: jia, index: 1 });
    expect((await outlineLines(s, planId)).slice(3, 6)).toEqual(['    1.措施A', '    2.措施C', '    3.措施B']);
    // Shift+Tab: 措施C becomes a sibling after 甲方面 → （二）措施C, 乙方面 → （三）
    r = await s.call('outline.outdent', { planId, expectedVersion: r.version, nodeId: c });
    expect((await outlineLines(s, planId)).slice(2, 8)).toEqual(['  （一）甲方面', '    1.措施A', '    2.措施B', '  （二）措施C', '  （三）乙方面', '三、组织保障']);
    // Tab: back under 甲方面, as its last child
    r = await s.call('outline.indent', { planId, expectedVersion: r.version, nodeId: c });
    expect((await outlineLines(s, planId)).slice(2, 7)).toEqual(['  （一）甲方面', '    1.措施A', '    2.措施B', '    3.措施C', '  （二）乙方面']);
    // A node with an explicit level keeps its look relative to the parent when moved up a level.
    const b = await nodeId(s, planId, '措施B');
    r = await s.call('outline.updateNode', { planId, expectedVersion: r.version, nodeId: b, patch: { style: { level: 3 } } });
    const taskId = await nodeId(s, planId, '整改任务');
    r = await s.call('outline.moveNode', { planId, expectedVersion: r.version, nodeId: b, parentId: taskId, index: 0 });
    expect(r.node?.style.level).toBe(2);
    expect((await outlineLines(s, planId)).slice(2, 4)).toEqual(['  （一）措施B', '  （二）甲方面']);
    r = await s.call('outline.moveNode', { planId, expectedVersion: r.version, nodeId: b, parentId: null, index: 0 });
    expect(r.node?.style.level).toBe(1);
    // Guard rails
    const v = r.version;
    await expect(s.call('outline.indent', { planId, expectedVersion: v, nodeId: b })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('不能降级') });
    await expect(s.call('outline.outdent', { planId, expectedVersion: v, nodeId: b })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('最高一级') });
    const task = await nodeId(s, planId, '整改任务');
    await expect(s.call('outline.moveNode', { planId, expectedVersion: v, nodeId: task, parentId: jia, index: 0 })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('自己的下级'),
    });
    expect(await version(s, planId)).toBe(v);
    s.close();
  });

  it('删除节点连同下级，其后序号前移', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const r = await s.call('outline.deleteNode', { planId, expectedVersion: await version(s, planId), nodeId: await nodeId(s, planId, '甲方面') });
    expect(r.deletedCount).toBe(3);
    expect(r.node).toBeNull();
    expect(await outlineLines(s, planId)).toEqual(['一、指导思想', '二、整改任务', '  （一）乙方面', '    1.措施C', '三、组织保障']);
    expect((await s.call('plans.get', { id: planId })).measureCount).toBe(1);
    s.close();
  });

  it('修改文头文尾：标题、主送机关、落款、成文日期、开头、附件、序号设置', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const r = await s.call('plans.updateHeader', {
      planId,
      expectedVersion: await version(s, planId),
      patch: {
        title: '新标题整改方案',
        addressee: '市委',
        issuer: '中共测试单位党组',
        date: '2025年12月5日',
        preamble: ['第一段。', '第二段。'],
        attachments: ['整改清单'],
        level3Numbering: 'continuous',
      },
    });
    const doc = await s.call('plans.document', { id: planId });
    expect(doc).toMatchObject({
      title: '新标题整改方案',
      addressee: '市委',
      issuer: '中共测试单位党组',
      date: '2025年12月5日',
      preamble: ['第一段。', '第二段。'],
      attachments: ['整改清单'],
      level3Numbering: 'continuous',
    });
    expect((await outlineLines(s, planId)).filter((l) => l.includes('措施'))).toEqual(['    1.措施A', '    2.措施B', '    3.措施C']);
    await expect(s.call('plans.updateHeader', { planId, expectedVersion: r.version, patch: { title: '  ' } })).rejects.toMatchObject({ code: 'bad_input' });
    s.close();
  });

  it('两个窗口同改一个方案：过期的版本号一律以 conflict 拒绝，且不改动任何内容', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const stale = await version(s, planId);
    const a = await nodeId(s, planId, '措施A');
    const jia = await nodeId(s, planId, '甲方面');
    // window 1 writes
    await s.call('outline.updateNode', { planId, expectedVersion: stale, nodeId: a, patch: { heading: '窗口一的修改' } });
    const before = await s.call('plans.get', { id: planId });
    const calls: [string, () => Promise<unknown>][] = [
      ['updateNode', () => s.call('outline.updateNode', { planId, expectedVersion: stale, nodeId: a, patch: { heading: '窗口二' } })],
      ['addNode', () => s.call('outline.addNode', { planId, expectedVersion: stale, parentId: jia, kind: 'measure' })],
      ['moveNode', () => s.call('outline.moveNode', { planId, expectedVersion: stale, nodeId: a, parentId: null, index: 0 })],
      ['indent', () => s.call('outline.indent', { planId, expectedVersion: stale, nodeId: jia })],
      ['outdent', () => s.call('outline.outdent', { planId, expectedVersion: stale, nodeId: a })],
      ['deleteNode', () => s.call('outline.deleteNode', { planId, expectedVersion: stale, nodeId: a })],
      ['updateHeader', () => s.call('plans.updateHeader', { planId, expectedVersion: stale, patch: { title: '窗口二' } })],
      ['problems.create', () => s.call('problems.create', { planId, expectedVersion: stale, text: '问题' })],
      ['history.undo', () => s.call('history.undo', { planId, expectedVersion: stale })],
      ['checks.fixPunctuation', () => s.call('checks.fixPunctuation', { planId, expectedVersion: stale })],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('其他窗口') });
    }
    expect(await s.call('plans.get', { id: planId })).toEqual(before);
    s.close();
  });

  it('节点不属于该方案、已被删除：not_found，中文说明', async () => {
    const { s } = await openServices();
    const p1 = await samplePlan(s);
    const p2 = await samplePlan(s);
    const other = await nodeId(s, p2, '措施A');
    await expect(
      s.call('outline.updateNode', { planId: p1, expectedVersion: await version(s, p1), nodeId: other, patch: { heading: 'x' } }),
    ).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('找不到该节点') });
    await expect(
      s.call('outline.addNode', { planId: p1, expectedVersion: await version(s, p1), parentId: other, kind: 'measure' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(find((await s.call('plans.get', { id: p2 })).outline, '措施A').heading).toBe('措施A');
    s.close();
  });
});
