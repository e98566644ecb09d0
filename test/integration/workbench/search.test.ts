import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { emptyDocument, emptyMeasure, type DocNode, type MeasureFields } from '../../../shared/domain/document.ts';
import type { SearchHit } from '../../../shared/api/search.ts';
import { tempDir } from '../../helpers/temp.ts';

/**
 * 搜索 over everything, on whichever SQLite driver runs the suite (npm test runs it on both; locally:
 * RECTIFY_SQLITE=node npx vitest run test/integration/workbench/search.test.ts).
 */

function measure(heading: string, body: string[], fields: Partial<MeasureFields> = {}): DocNode {
  return { kind: 'measure', heading, body, style: {}, measure: { ...emptyMeasure(), ...fields }, problemKeys: [], children: [] };
}

function section(heading: string, children: DocNode[], body: string[] = []): DocNode {
  return { kind: 'section', heading, body, style: {}, measure: null, problemKeys: [], children };
}

async function seed(s: Services) {
  const a = emptyDocument('中共某某局党组关于巡察反馈意见的整改方案', 'xunshi-xuncha');
  a.preamble = ['为认真落实市委第三巡察组反馈意见，制定本方案。'];
  a.problems = [{ key: 'p1', category: '选人用人', text: '干部交流轮岗不够及时' }];
  a.sections = [
    section('总体要求', [], ['坚持问题导向，以钉钉子精神抓好整改。']),
    section('整改任务', [
      section('关于党的建设方面', [
        measure('落实第一议题制度', ['党组会议首先传达学习最新精神。'], { leader: '党组书记', department: '办公室', deadline: '2026年3月底前' }),
        { ...measure('推进干部交流轮岗', ['制定交流轮岗年度计划。'], { department: '组织人事科、纪检组', deadline: '长期坚持' }), problemKeys: ['p1'] },
      ]),
    ]),
  ];
  const b = emptyDocument('某某局2025年度民主生活会查摆问题整改方案', 'minzhu-shenghuohui');
  b.sections = [section('整改措施', [measure('严肃党内政治生活', ['认真开展批评和自我批评。'], { department: '机关党委', deadline: '立行立改' })])];
  const planA = await s.call('plans.createFromDocument', { document: a });
  const planB = await s.call('plans.createFromDocument', { document: b });
  const measuresA = await s.call('progress.measures', { planId: planA.id });
  const measuresB = await s.call('progress.measures', { planId: planB.id });
  return { planA, planB, measuresA, measuresB };
}

/** Which plan (巡察 or 民主生活会), what kind of thing, which field, which numbered node. */
function where(hits: readonly SearchHit[]) {
  return hits.map((h) => ({ plan: h.planTitle.includes('巡察') ? '巡察' : '民主生活会', kind: h.kind, field: h.field, path: h.path }));
}

/** The matched text as the page marks it. */
function marked(h: SearchHit): string[] {
  return h.highlights.map(([start, end]) => h.snippet.slice(start, end));
}

describe('搜索全部方案（search.query）', () => {
  it('三个字以上走全文索引：标题、正文、措施字段、问题都能找到，匹配处标出，编号路径指向节点', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { planA, measuresA } = await seed(s);

    const first = await s.call('search.query', { query: '第一议题' });
    expect(where(first.hits)).toEqual([{ plan: '巡察', kind: 'measure', field: 'heading', path: '二-1-1' }]);
    expect(first.hits[0]).toMatchObject({ planId: planA.id, nodeId: measuresA[0]!.id, planArchived: false, snippet: '落实第一议题制度' });
    expect(marked(first.hits[0]!)).toEqual(['第一议题']);

    // 正文 of a section, a measure's 责任部门, a problem (opening the measure that answers it), the plan's opening.
    expect(where((await s.call('search.query', { query: '钉钉子精神' })).hits)).toEqual([{ plan: '巡察', kind: 'section', field: 'body', path: '一' }]);
    expect(where((await s.call('search.query', { query: '纪检组' })).hits)).toEqual([{ plan: '巡察', kind: 'measure', field: 'department', path: '二-1-2' }]);
    const problem = (await s.call('search.query', { query: '交流轮岗不够' })).hits;
    expect(problem).toEqual([expect.objectContaining({ kind: 'problem', field: 'problem', nodeId: measuresA[1]!.id, path: '二-1-2' })]);
    const preamble = (await s.call('search.query', { query: '第三巡察组' })).hits;
    expect(preamble).toEqual([expect.objectContaining({ kind: 'plan', field: 'preamble', nodeId: null, path: '', planId: planA.id })]);
    s.close();
  });

  it('最相关的在前：标题里的匹配先于较长正文里的匹配；结果跨方案', async () => {
    const s = await createServices({ dataDir: tempDir() });
    await seed(s);
    const hits = (await s.call('search.query', { query: '整改方案' })).hits;
    expect(hits.map((h) => h.field)).toEqual(['title', 'title']);
    const party = (await s.call('search.query', { query: '党组会议' })).hits;
    expect(where(party)).toEqual([{ plan: '巡察', kind: 'measure', field: 'body', path: '二-1-1' }]);
    // Two words: both must occur (in one field).
    expect(where((await s.call('search.query', { query: '交流轮岗 年度计划' })).hits)).toEqual([
      { plan: '巡察', kind: 'measure', field: 'body', path: '二-1-2' },
    ]);
    s.close();
  });

  it('一两个字的查询也能找到（不经过三字索引）：正文、部门、标题', async () => {
    const s = await createServices({ dataDir: tempDir() });
    await seed(s);
    const two = (await s.call('search.query', { query: '批评' })).hits;
    expect(where(two)).toEqual([{ plan: '民主生活会', kind: 'measure', field: 'body', path: '一-1' }]);
    expect(marked(two[0]!)).toEqual(['批评', '批评']);
    const one = (await s.call('search.query', { query: '钉' })).hits;
    expect(one.map((h) => [h.field, h.snippet])).toEqual([['body', '坚持问题导向，以钉钉子精神抓好整改。']]);
    expect(marked(one[0]!)).toEqual(['钉钉']);
    const office = (await s.call('search.query', { query: '党委' })).hits;
    expect(where(office)).toEqual([{ plan: '民主生活会', kind: 'measure', field: 'department', path: '一-1' }]);
    s.close();
  });

  it('只在进展说明里出现的词：找到该措施（长词与两个字都行）', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { measuresB } = await seed(s);
    const id = measuresB[0]!.id;
    expect((await s.call('search.query', { query: '通报会' })).hits).toEqual([]);
    await s.call('progress.setStatus', { measureId: id, status: 'in_progress', note: '已召开专题通报会，逐条对照整改。', date: '2026-01-10' });
    for (const query of ['专题通报会', '通报']) {
      const hits = (await s.call('search.query', { query })).hits;
      expect(hits, query).toEqual([expect.objectContaining({ kind: 'measure', field: 'progress', nodeId: id, path: '一-1' })]);
    }
    s.close();
  });

  it('只在佐证材料名称里出现的词：找到该措施；移除后找不到，撤销移除后又能找到', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { measuresA } = await seed(s);
    const id = measuresA[0]!.id;
    const attached = await s.call('evidence.attachData', {
      measureId: id,
      originalName: '党组第3次会议纪要.pdf',
      dataBase64: Buffer.from('%PDF-1.4 纪要').toString('base64'),
    });
    for (const query of ['会议纪要', '纪要']) {
      expect((await s.call('search.query', { query })).hits, query).toEqual([
        expect.objectContaining({ kind: 'measure', field: 'evidence', nodeId: id, path: '二-1-1', snippet: '党组第3次会议纪要.pdf' }),
      ]);
    }
    await s.call('evidence.remove', { attachmentId: attached.attachmentId });
    expect((await s.call('search.query', { query: '会议纪要' })).hits).toEqual([]);
    expect((await s.call('search.query', { query: '纪要' })).hits).toEqual([]);
    await s.call('evidence.restore', { attachmentId: attached.attachmentId });
    expect((await s.call('search.query', { query: '会议纪要' })).hits.map((h) => h.field)).toEqual(['evidence']);
    s.close();
  });

  it('改过的正文按新文字找得到，按旧文字找不到；撤销后反过来', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { planB, measuresB } = await seed(s);
    const id = measuresB[0]!.id;
    await s.call('outline.updateNode', { planId: planB.id, expectedVersion: planB.version, nodeId: id, patch: { body: ['每季度召开一次谈心谈话会。'] } });
    for (const query of ['谈心谈话', '谈心']) expect(where((await s.call('search.query', { query })).hits), query).toHaveLength(1);
    for (const query of ['自我批评', '批评']) expect((await s.call('search.query', { query })).hits, query).toEqual([]);

    await s.call('history.undo', { planId: planB.id });
    expect((await s.call('search.query', { query: '自我批评' })).hits.map((h) => h.nodeId)).toEqual([id]);
    expect((await s.call('search.query', { query: '谈心' })).hits).toEqual([]);
    s.close();
  });

  it('当前方案内搜索；不存在的方案报错；删除的方案不再出现；归档的方案仍能找到并注明', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const { planA, planB } = await seed(s);
    expect((await s.call('search.query', { query: '整改方案', planId: planB.id })).hits.map((h) => h.planId)).toEqual([planB.id]);
    expect((await s.call('search.query', { query: '整改', planId: planB.id })).hits.every((h) => h.planId === planB.id)).toBe(true);
    await expect(s.call('search.query', { query: '整改', planId: 'no-such-plan' })).rejects.toMatchObject({ code: 'not_found' });

    await s.call('plans.archive', { id: planA.id });
    expect((await s.call('search.query', { query: '第一议题' })).hits).toEqual([expect.objectContaining({ planId: planA.id, planArchived: true })]);
    await s.call('plans.delete', { id: planA.id });
    expect((await s.call('search.query', { query: '第一议题' })).hits).toEqual([]);
    expect((await s.call('search.query', { query: '议题' })).hits).toEqual([]);
    s.close();
  });

  it('结果多于条数上限时截断并说明；英文字母不分大小写', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const doc = emptyDocument('关于OA系统建设的整改方案', 'blank');
    doc.sections = [section('整改任务', Array.from({ length: 8 }, (_, i) => measure(`完善OA流程第${i + 1}项`, [])))];
    await s.call('plans.createFromDocument', { document: doc });
    const few = await s.call('search.query', { query: 'oa', limit: 3 });
    expect(few.hits).toHaveLength(3);
    expect(few.truncated).toBe(true);
    expect(marked(few.hits[0]!)).toEqual(['OA']);
    const all = await s.call('search.query', { query: 'oa流程', limit: 20 });
    expect(all.hits).toHaveLength(8);
    expect(all.truncated).toBe(false);
    s.close();
  });

  it('匹配上千处时仍按字段排序（方案标题、标题在正文之前），并说明结果已截断', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const doc = emptyDocument('关于健全工作机制的整改方案', 'blank');
    doc.sections = [section('整改任务', Array.from({ length: 1100 }, (_, i) => measure(`第${i + 1}项措施`, [`健全工作机制，明确第${i + 1}项责任。`])))];
    doc.sections.push(section('健全工作机制', []));
    await s.call('plans.createFromDocument', { document: doc });
    const r = await s.call('search.query', { query: '健全工作机制', limit: 5 });
    expect(r.truncated).toBe(true);
    expect(r.hits.map((h) => [h.field, h.path])).toEqual([
      ['title', ''],
      ['heading', '二'],
      ['body', '一-1'],
      ['body', '一-2'],
      ['body', '一-3'],
    ]);
    s.close();
  });

  it('六张表各有插入、修改、删除三个同步触发器（重建表的迁移会连同触发器一起删掉，须重新建立）', async () => {
    const s = await createServices({ dataDir: tempDir() });
    const triggers = s.context.db
      .prepare("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'")
      .all() as { tbl_name: string; name: string }[];
    const names = { attachments: 'attachments', measures: 'measures', nodes: 'nodes', plans: 'plans', problems: 'problems', status_events: 'events' };
    const expected = Object.entries(names).flatMap(([table, name]) => ['insert', 'update', 'delete'].map((op) => `${table}: search_${name}_${op}`));
    expect(triggers.map((t) => `${t.tbl_name}: ${t.name}`).sort()).toEqual(expected.sort());
    s.close();
  });
});
