import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { createServices } from '../../../electron/services/index.ts';
import { emptyDocument, emptyMeasure, type DocNode, type MeasureFields, type PlanDocument } from '../../../shared/domain/document.ts';
import { addDays, localIsoDate } from '../../../shared/progress/dates.ts';
import { tempDir } from '../../helpers/temp.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const TODAY = localIsoDate();

/** 2026-03-05 → 2026年3月5日前, as a plan writes a deadline. */
function written(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日前`;
}

function measure(heading: string, fields: Partial<MeasureFields>, body: string[] = []): DocNode {
  return { kind: 'measure', heading, body, style: {}, measure: { ...emptyMeasure(), ...fields }, problemKeys: [], children: [] };
}

function plan(title: string, measures: DocNode[]): PlanDocument {
  const doc = emptyDocument(title, 'xunshi-xuncha');
  doc.sections = [{ kind: 'section', heading: '整改任务', body: [], style: {}, measure: null, problemKeys: [], children: measures }];
  return doc;
}

/** Two plans with deadlines around today (the CLI answers for the real today). */
async function workbook() {
  const data = tempDir();
  const s = await createServices({ dataDir: data });
  const a = await s.call('plans.createFromDocument', {
    document: plan('关于巡察反馈意见的整改方案', [
      measure('落实第一议题制度', { department: '办公室', deadline: written(addDays(TODAY, -10)) }, ['党组会议首先传达学习。']),
      measure('修订会议纪要制度', { department: '办公室、人事科', deadline: written(addDays(TODAY, 3)) }),
      measure('完善议事规则', { department: '办公室', deadline: written(addDays(TODAY, -30)), status: 'done' }),
    ]),
  });
  const b = await s.call('plans.createFromDocument', {
    document: plan('民主生活会查摆问题整改方案', [
      measure('开展谈心谈话', { department: '机关党委', deadline: written(addDays(TODAY, 40)) }, ['每季度开展一次谈心谈话。']),
      measure('坚持民主集中制', { department: '机关党委', deadline: '长期坚持' }),
    ]),
  });
  s.close();
  return { data, a, b };
}

describe('rectify search', () => {
  it('--json 给出 planId、planTitle、nodeId、path、kind、field、snippet，最相关的在前；两个字也能找到', async () => {
    const { data, a } = await workbook();
    const r = await cli(['search', '第一议题', '--json', '--data', data]);
    expect(r.code, r.err).toBe(0);
    const hits = JSON.parse(r.out) as Record<string, unknown>[];
    expect(hits.map((h) => Object.keys(h))).toEqual([['planId', 'planTitle', 'nodeId', 'path', 'kind', 'field', 'snippet']]);
    expect(hits[0]).toMatchObject({ planId: a.id, planTitle: '关于巡察反馈意见的整改方案', path: '一-1', kind: 'measure', field: 'heading', snippet: '落实第一议题制度' });

    const two = JSON.parse((await cli(['search', '纪要', '--json', '--data', data])).out) as { field: string; path: string }[];
    expect(two.map((h) => [h.field, h.path])).toEqual([['heading', '一-2']]);
    const plain = await cli(['search', '谈心', '--data', data]);
    expect(plain.out).toContain('民主生活会查摆问题整改方案');
    expect(plain.out).toContain('一-1 标题：开展【谈心】谈话');
    expect(plain.out).toContain('一-1 正文：每季度开展一次【谈心】谈话。');
  });

  it('--plan 限定方案，--limit 限定条数；不存在的方案和错误的条数退出码 2', async () => {
    const { data, b } = await workbook();
    const within = JSON.parse((await cli(['search', '整改方案', '--plan', b.id, '--json', '--data', data])).out) as { planId: string }[];
    expect(within.map((h) => h.planId)).toEqual([b.id]);
    const limited = await cli(['search', '制度', '--limit', '1', '--data', data]);
    expect(limited.code).toBe(0);
    expect(limited.out).toContain('只列出前 1 条');
    expect((await cli(['search', '整改', '--plan', 'no-such-plan', '--data', data])).code).toBe(2);
    const bad = await cli(['search', '整改', '--limit', '0', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--limit');
    expect((await cli(['search', '--data', data])).code).toBe(2);
    expect((await cli(['search', '没有这个词语', '--data', data])).out).toContain('没有找到');
  });
});

describe('rectify due', () => {
  it('--json 给出约定的字段，跨方案、到期早的在前，已完成和没有日期的不列', async () => {
    const { data, a, b } = await workbook();
    const r = await cli(['due', '--json', '--data', data]);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(Object.keys(rows[0]!)).toEqual(['planId', 'planTitle', 'measureId', 'path', 'heading', 'department', 'deadline', 'dueDate', 'daysOverdue', 'status']);
    expect(rows.map((x) => [x.planId, x.heading, x.dueDate, x.daysOverdue])).toEqual([
      [a.id, '落实第一议题制度', addDays(TODAY, -10), 10],
      [a.id, '修订会议纪要制度', addDays(TODAY, 3), -3],
      [b.id, '开展谈心谈话', addDays(TODAY, 40), -40],
    ]);
    expect(rows[0]).toMatchObject({ path: '一-1', department: '办公室', deadline: written(addDays(TODAY, -10)), status: 'not_started' });
  });

  it('--overdue、--within DAYS、--department NAME；文字输出写明逾期天数', async () => {
    const { data } = await workbook();
    const headings = async (...args: string[]) => (JSON.parse((await cli(['due', ...args, '--json', '--data', data])).out) as { heading: string }[]).map((x) => x.heading);
    expect(await headings('--overdue')).toEqual(['落实第一议题制度']);
    expect(await headings('--within', '7')).toEqual(['修订会议纪要制度']);
    expect(await headings('--department', '人事科')).toEqual(['修订会议纪要制度']);
    expect(await headings('--department', '机关党委', '--within', '60')).toEqual(['开展谈心谈话']);
    const text = await cli(['due', '--overdue', '--data', data]);
    expect(text.out).toContain('逾期10天');
    expect(text.out).toContain('落实第一议题制度');
    expect((await cli(['due', '--within', '两天', '--data', data])).code).toBe(2);
    expect((await cli(['due', '--department', '财务科', '--data', data])).out).toContain('没有符合条件的措施');
  });
});

describe('rectify list：完成率、逾期、下一到期日、归档', () => {
  it('--json 条目多出 completionRate、overdue、nextDueDate、archived；归档的方案只在 --all 中', async () => {
    const { data, a, b } = await workbook();
    const list = JSON.parse((await cli(['list', '--json', '--data', data])).out) as Record<string, unknown>[];
    const entry = list.find((p) => p.id === a.id)!;
    expect(entry).toMatchObject({ completionRate: 33.33, overdue: 1, nextDueDate: addDays(TODAY, 3), archived: false });

    const s = await createServices({ dataDir: data });
    await s.call('plans.archive', { id: a.id });
    s.close();
    expect((JSON.parse((await cli(['list', '--json', '--data', data])).out) as { id: string }[]).map((p) => p.id)).toEqual([b.id]);
    const all = JSON.parse((await cli(['list', '--all', '--json', '--data', data])).out) as { id: string; archived: boolean }[];
    expect(all.find((p) => p.id === a.id)).toMatchObject({ archived: true });
    const text = await cli(['list', '--all', '--data', data]);
    expect(text.out).toContain('关于巡察反馈意见的整改方案（已归档）');
    expect(text.out).toContain('完成率33.33%');
    // An archived plan's overdue measures leave `due` too.
    expect((JSON.parse((await cli(['due', '--overdue', '--json', '--data', data])).out) as unknown[]).length).toBe(0);
  });
});
