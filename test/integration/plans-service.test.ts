import { describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/index.ts';
import { tempDir } from '../helpers/temp.ts';
import { emptyDocument, emptyMeasure } from '../../shared/domain/document.ts';
import type { PlanDocument } from '../../shared/domain/document.ts';

function sampleDocument(): PlanDocument {
  const doc = emptyDocument('关于民主生活会查摆问题的整改方案', 'minzhu-shenghuohui');
  doc.preamble = ['为认真抓好问题整改，制定本方案。'];
  doc.problems = [{ key: 'p1', category: '政治建设', text: '理论学习不够深入' }];
  doc.sections = [
    {
      kind: 'section',
      heading: '整改措施',
      body: [],
      style: {},
      measure: null,
      problemKeys: [],
      children: [
        {
          kind: 'measure',
          heading: '深化理论武装',
          body: ['坚持第一议题制度。'],
          style: {},
          measure: { ...emptyMeasure(), leader: '党组书记', department: '办公室', deadline: '长期坚持', deadlineKind: 'long_term' },
          problemKeys: ['p1'],
          children: [],
        },
      ],
    },
  ];
  return doc;
}

describe('方案服务（plans.*）', () => {
  it('新建的方案出现在列表中，重新打开数据库后仍在', async () => {
    const dir = tempDir();
    const s1 = await createServices({ dataDir: dir });
    const created = await s1.call('plans.create', { title: '测试方案' });
    expect(created.title).toBe('测试方案');
    s1.close();
    const s2 = await createServices({ dataDir: dir });
    const list = await s2.call('plans.list', {});
    expect(list.map((p) => p.title)).toEqual(['测试方案']);
    s2.close();
  });

  it('由结构化文档建立的方案原样读回：大纲、措施字段、问题关联', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const doc = sampleDocument();
    const created = await s.call('plans.createFromDocument', { document: doc });
    expect(created.measureCount).toBe(1);
    expect(await s.call('plans.document', { id: created.id })).toEqual(doc);
    const detail = await s.call('plans.get', { id: created.id });
    expect(detail.outline[0]?.children[0]?.measure?.leader).toBe('党组书记');
    s.close();
  });

  it('重命名、复制、删除', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const a = await s.call('plans.createFromDocument', { document: sampleDocument() });
    const renamed = await s.call('plans.rename', { id: a.id, title: '新标题' });
    expect(renamed.title).toBe('新标题');
    expect(renamed.version).toBeGreaterThan(a.version);
    const copy = await s.call('plans.duplicate', { id: a.id });
    expect(copy.title).toBe('新标题（副本）');
    expect(copy.measureCount).toBe(1);
    await s.call('plans.delete', { id: a.id });
    expect((await s.call('plans.list', {})).map((p) => p.id)).toEqual([copy.id]);
    s.close();
  });

  it('非法输入以中文说明拒绝，不存任何东西', async () => {
    const s = await createServices({ dataDir: tempDir() });
    await expect(s.call('plans.create', { title: '   ' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('方案标题不能为空') });
    await expect(s.callByName('plans.nope', {})).rejects.toMatchObject({ code: 'bad_input' });
    await expect(s.call('plans.get', { id: 'missing' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('找不到方案') });
    expect(await s.call('plans.list', {})).toEqual([]);
    s.close();
  });
});
