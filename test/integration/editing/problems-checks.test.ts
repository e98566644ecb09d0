import { describe, expect, it } from 'vitest';
import { nodeId, openServices, samplePlan, version } from './helpers.ts';

describe('问题清单（problems.*）', () => {
  it('新建问题（可由选中文字新建并关联措施）、修改、排序、关联与取消、删除，均可撤销', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    const b = await nodeId(s, planId, '措施B');
    const c = await nodeId(s, planId, '措施C');
    let v = await version(s, planId);
    const p1 = await s.call('problems.create', { planId, expectedVersion: v, text: '理论学习不够深入', category: '政治建设', nodeIds: [b, a] });
    expect(p1.problem).toMatchObject({ key: 'p1', category: '政治建设', text: '理论学习不够深入', nodeIds: [a, b] });
    expect(p1.node?.problemKeys).toEqual(['p1']);
    const p2 = await s.call('problems.create', { planId, expectedVersion: p1.version, text: '调查研究不够' });
    expect(p2.problem).toMatchObject({ key: 'p2', category: null, nodeIds: [] });
    v = (await s.call('problems.link', { planId, expectedVersion: p2.version, problemId: p2.problem.id, nodeId: c })).version;
    const unlinked = await s.call('problems.unlink', { planId, expectedVersion: v, problemId: p1.problem.id, nodeId: b });
    expect(unlinked.problem.nodeIds).toEqual([a]);
    const moved = await s.call('problems.update', { planId, expectedVersion: unlinked.version, problemId: p2.problem.id, index: 0, text: '调查研究不够深入' });
    expect((await s.call('problems.list', { planId })).map((p) => p.text)).toEqual(['调查研究不够深入', '理论学习不够深入']);
    // The document the exporter reads carries problems and links.
    const doc = await s.call('plans.document', { id: planId });
    expect(doc.problems.map((p) => p.key)).toEqual(['p2', 'p1']);
    expect(doc.sections[1]!.children[1]!.children[0]!.problemKeys).toEqual(['p2']);
    await expect(
      s.call('problems.link', { planId, expectedVersion: moved.version, problemId: p1.problem.id, nodeId: await nodeId(s, planId, '甲方面') }),
    ).rejects.toMatchObject({ code: 'bad_input', message: '问题只能关联到整改措施' });
    const del = await s.call('problems.delete', { planId, expectedVersion: moved.version, problemId: p1.problem.id });
    expect((await s.call('problems.list', { planId })).map((p) => p.key)).toEqual(['p2']);
    await s.call('history.undo', { planId, expectedVersion: del.version });
    expect((await s.call('problems.list', { planId })).map((p) => [p.key, p.nodeIds])).toEqual([
      ['p2', [c]],
      ['p1', [a]],
    ]);
    await expect(s.call('problems.create', { planId, expectedVersion: await version(s, planId), text: ' ' })).rejects.toMatchObject({ code: 'bad_input' });
    s.close();
  });
});

describe('公文检查（checks.*）', () => {
  it('查出各类问题并指向节点；一键修正半角标点后该类问题清零，且可撤销', async () => {
    const { s } = await openServices();
    const planId = await samplePlan(s);
    const a = await nodeId(s, planId, '措施A');
    const b = await nodeId(s, planId, '措施B');
    const c = await nodeId(s, planId, '措施C');
    let v = await version(s, planId);
    v = (await s.call('plans.updateHeader', { planId, expectedVersion: v, patch: { title: '关于{单位}整改工作的方案。', date: '2025-12-05', preamble: ['根据要求(见附件),制定本方案。'] } })).version;
    v = (await s.call('outline.updateNode', { planId, expectedVersion: v, nodeId: b, patch: { heading: '措施A', body: ['每季度开展1次研讨;做好记录。'], measure: { department: '组织部', deadline: '2026年3月底前' } } })).version;
    v = (await s.call('outline.addNode', { planId, expectedVersion: v, parentId: null, kind: 'section', heading: '空的一节' })).version;

    const report = await s.call('checks.run', { planId });
    expect(report.version).toBe(v);
    const rules = (rule: string) => report.findings.filter((f) => f.rule === rule);
    expect(rules('placeholder').map((f) => f.field)).toEqual(['title']);
    expect(rules('title_punctuation')).toHaveLength(1);
    expect(rules('date_format').map((f) => f.field)).toEqual(['date']);
    expect(rules('measure_no_department').map((f) => f.nodeId)).toEqual([c]);
    expect(rules('measure_no_deadline').map((f) => f.nodeId)).toEqual([c]);
    expect(rules('empty_section').map((f) => f.excerpt)).toEqual(['空的一节']);
    expect(rules('duplicate_measure_heading').map((f) => f.nodeId).sort()).toEqual([a, b].sort());
    expect(rules('halfwidth_punctuation').map((f) => [f.field, f.nodeId, f.fixable])).toEqual([
      ['preamble', null, true],
      ['body', b, true],
    ]);
    expect(report.counts).toMatchObject({ halfwidth_punctuation: 2, placeholder: 1, title_too_long: 0 });

    const fixed = await s.call('checks.fixPunctuation', { planId, expectedVersion: v });
    expect(fixed.fixedCount).toBe(4);
    // A bulk fix keeps the text as it was in the version history first.
    const [before] = await s.call('revisions.list', { planId });
    expect(before?.reason).toBe('批量修改前');
    const diff = await s.call('revisions.diff', { revisionId: before!.id });
    expect(JSON.stringify(diff)).toContain('根据要求(见附件)');
    const after = await s.call('checks.run', { planId });
    expect(after.counts.halfwidth_punctuation).toBe(0);
    expect(after.findings.length).toBe(report.findings.length - 2);
    const doc = await s.call('plans.document', { id: planId });
    expect(doc.preamble).toEqual(['根据要求（见附件），制定本方案。']);
    expect(doc.sections[1]!.children[0]!.children[1]!.body).toEqual(['每季度开展1次研讨；做好记录。']);
    // The verbatim deadline is never touched.
    expect(doc.sections[1]!.children[0]!.children[1]!.measure?.deadline).toBe('2026年3月底前');

    await s.call('history.undo', { planId, expectedVersion: fixed.version });
    expect((await s.call('checks.run', { planId })).counts.halfwidth_punctuation).toBe(2);
    // Nothing to fix → no new version, no undo step.
    const clean = await s.call('plans.updateHeader', { planId, expectedVersion: await version(s, planId), patch: { preamble: ['制定本方案。'] } });
    const bodyFix = await s.call('outline.updateNode', { planId, expectedVersion: clean.version, nodeId: b, patch: { body: ['正文。'] } });
    const none = await s.call('checks.fixPunctuation', { planId, expectedVersion: bodyFix.version });
    expect(none.fixedCount).toBe(0);
    expect(none.version).toBe(bodyFix.version);
    await expect(s.call('checks.run', { planId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    s.close();
  });
});
