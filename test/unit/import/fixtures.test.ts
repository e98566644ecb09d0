// Every fixture parses into the expected outline, measure fields and statuses (issue 3 "Done when").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognisePlan } from '../../../shared/importer/recognise.ts';
import { toParseJson, type ParseNodeJson } from '../../../shared/importer/project.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const parse = (file: string) => {
  const r = recognisePlan(readFileSync(path.join(FIXTURES, file), 'utf8'));
  return { ...r, json: toParseJson(r.document, r.warnings) };
};
const outline = (nodes: ParseNodeJson[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.marker}${n.heading}`, ...outline(n.children, depth + 1)]);

describe('synthetic-01 民主生活会 plan', () => {
  const { json, document } = parse('synthetic-01-minzhu-shenghuohui-renda.txt');
  it('joins the two-line title and finds preamble, sections and the attachment', () => {
    expect(json.title).toBe('中共XX市人大常委会党组2025年度民主生活会查摆问题整改方案');
    expect(json.addressee).toBeNull();
    expect(json.preamble).toHaveLength(1);
    expect(json.preamble[0]).toMatch(/^根据中央和省委.*特制定本方案。$/);
    expect(json.attachments).toEqual(['市人大常委会党组2025年度民主生活会查摆问题整改清单']);
    expect(document.kind).toBe('minzhu-shenghuohui');
  });
  it('builds the outline with continuous measure numbers across sections', () => {
    expect(document.level3Numbering).toBe('continuous');
    expect(outline(json.sections)).toEqual([
      '一、指导思想',
      '二、整改目标',
      '三、整改任务与主要措施',
      '  （一）在强化政治忠诚、提高政治能力方面',
      '    1.深化理论武装，筑牢政治忠诚思想根基',
      '    2.健全落实机制，确保重大决策部署在人大工作中落地见效',
      '  （二）在依法履职、担当作为方面',
      '    3.提高立法质量',
      '    4.增强监督刚性',
      '  （三）在密切联系群众、改进作风方面',
      '    5.深化代表联络站建设',
      '  （四）在落实管党治党责任方面',
      '    6.压紧压实主体责任',
      '四、组织保障',
      '  （一）加强组织领导',
      '  （二）强化跟踪督办',
      '  （三）注重统筹结合',
    ]);
  });
  it('splits lead sentence and body and takes the bracketed responsibility line out of the body', () => {
    const m1 = json.sections[2]!.children[0]!.children[0]!;
    expect(m1.body).toEqual(['严格落实“第一议题”制度，党组会议、主任会议首先传达学习党中央最新决策部署；制定2026年度党组理论学习中心组学习计划，每季度至少开展1次专题研讨，推动学习成果转化为履职实效。']);
    expect(m1.measure).toEqual({ leader: '党组书记、主任', department: '办公室、研究室', person: null, deadline: '长期坚持', status: null });
    const m6 = json.sections[2]!.children[3]!.children[0]!;
    expect(m6.measure).toEqual({ leader: '党组书记', department: '机关党委', person: null, deadline: '2026年1月底前并长期坚持', status: null });
    expect(json.sections[3]!.children[0]!.body).toEqual(['党组书记履行第一责任人责任，班子成员落实“一岗双责”，抓好分管领域整改任务。']);
    expect(json.sections[3]!.children[0]!.measure).toBeNull();
  });
  it('classifies each deadline', () => {
    const measures = document.sections[2]!.children.flatMap((s) => s.children).map((n) => n.measure!);
    expect(measures.map((m) => [m.deadlineKind, m.deadlineDate])).toEqual([
      ['long_term', null],
      ['date', '2026-03-31'],
      ['date', '2026-06-30'],
      ['immediate', null],
      ['date', '2026-05-31'],
      ['date', '2026-01-31'],
    ]);
  });
});

describe('synthetic-03 主题教育 plan', () => {
  const { json, document } = parse('synthetic-03-zhutijiaoyu-jianshi.txt');
  it('keeps 存在问题/整改措施 inline lists inside their paragraphs and reads the responsibility forms', () => {
    const sec = json.sections[0]!;
    expect(sec.heading).toBe('检视出的主要问题及整改措施');
    expect(sec.children.map((c) => c.marker + c.heading)).toEqual([
      '（一）理论学习方面',
      '（二）政治素质方面',
      '（三）能力本领方面',
      '（四）担当作为方面',
      '（五）工作作风方面',
      '（六）廉洁自律方面',
    ]);
    const first = sec.children[0]!;
    expect(first.children).toEqual([]);
    expect(first.body).toHaveLength(2);
    expect(first.body[0]).toMatch(/^存在问题：一是.*二是.*。$/);
    expect(first.body[1]).toMatch(/^整改措施：①.*；②.*；③.*。$/);
    expect(sec.children.map((c) => c.measure)).toEqual([
      { leader: null, department: null, person: '党组书记', deadline: '立行立改并长期坚持', status: null },
      { leader: null, department: null, person: '各党组成员', deadline: '2023年12月底前', status: null },
      { leader: null, department: '研究室', person: '分管副主任', deadline: '2023年11月30日前', status: null },
      { leader: null, department: '代表工作委员会', person: '党组副书记、常务副主任', deadline: '2023年第四季度', status: null },
      { leader: null, department: '办公室', person: '秘书长', deadline: '即知即改', status: null },
      { leader: null, department: null, person: '机关纪委书记', deadline: '长期坚持', status: null },
    ]);
  });
  it('records the inline problems (一是…；二是…) with their aspect', () => {
    expect(document.problems.slice(0, 2)).toEqual([
      { key: 'P1', category: '理论学习方面', text: '学习的系统性不够，存在“干什么学什么、缺什么补什么”现象' },
      { key: 'P2', category: '理论学习方面', text: '运用党的创新理论指导人大工作实践的能力还有差距，研讨发言结合实际不够紧密' },
    ]);
    expect(document.sections[0]!.children[0]!.problemKeys).toEqual(['P1', 'P2']);
    expect(document.problems).toHaveLength(9);
  });
  it('keeps 一要…二要… of the last section inside one paragraph', () => {
    expect(json.sections[1]!.heading).toBe('整改工作要求');
    expect(json.sections[1]!.children).toEqual([]);
    expect(json.sections[1]!.body).toHaveLength(1);
  });
});

describe('synthetic-05 组织生活会 ledger table', () => {
  const { json, document } = parse('synthetic-05-zuzhishenghuohui-qingdan.txt');
  it('turns the section rows into sections and every row into a measure', () => {
    expect(json.title).toBe('XX市人大常委会机关第二党支部2025年度组织生活会查摆问题整改清单');
    expect(json.preamble).toEqual(['填报单位：机关第二党支部（研究室、法制工作委员会）']);
    expect(json.sections.slice(0, 2).map((s) => [s.marker + s.heading, s.children.length])).toEqual([
      ['一、支部班子', 4],
      ['二、党员个人', 4],
    ]);
    expect(document.level3Numbering).toBe('continuous');
    const rows = json.sections.slice(0, 2).flatMap((s) => s.children);
    expect(rows.map((r) => r.marker)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.']);
    expect(rows[0]!.heading).toBe('“三会一课”中理论学习以读文件为主，研讨交流不够深入');
    expect(rows[0]!.body[0]).toBe('1.每月主题党日设置研讨环节；2.每季度组织一次专题交流，支部委员带头发言。');
  });
  it('maps person, deadline and the status column, normalising status words', () => {
    const rows = json.sections.slice(0, 2).flatMap((s) => s.children);
    expect(rows.map((r) => [r.measure!.person, r.measure!.deadline, r.measure!.status])).toEqual([
      ['支部书记 刘某某', '2026年3月底前', 'in_progress'],
      ['组织委员 孙某', '立行立改', 'done'],
      ['支部书记 刘某某', '2026年2月底前', 'done'],
      ['宣传委员 何某', '长期坚持', 'ongoing'],
      ['周某', '即知即改', 'done'],
      ['吴某', '立即整改', 'done'],
      ['郑某', '2026年6月底前', 'not_done'],
      ['冯某', '2026年4月30日前', 'in_progress'],
    ]);
    const stored = document.sections[1]!.children[0]!.measure!;
    expect(stored.statusText).toBe('已整改到位');
    expect(stored.status).toBe('done');
  });
  it('carries the merged 问题类别 cell down to the next row', () => {
    expect(document.problems.map((p) => p.category).slice(0, 3)).toEqual(['政治理论学习', '政治理论学习', '组织生活']);
  });
  it('keeps the 说明 and the 填报人 footer and takes the date from 填报时间', () => {
    const last = json.sections[json.sections.length - 1]!;
    expect(last.marker).toBe('');
    expect(last.body.map((b) => b.slice(0, 3))).toEqual(['说明：', '填报人']);
    expect(json.date).toBe('2026年2月10日');
  });
});

describe('synthetic-07 考核 feedback letter', () => {
  const { json } = parse('synthetic-07-kaohe-fankui-zhenggai.txt');
  it('finds 主送机关, 落款 and 成文日期', () => {
    expect(json.title).toBe('关于2025年度全市机关党建工作考核反馈问题的整改方案');
    expect(json.addressee).toBe('市直机关工委');
    expect(json.issuer).toBe('XX市人大常委会机关党组');
    expect(json.date).toBe('2026年1月12日');
  });
  it('reads 问题N： items as numbered problems with 【】 fields, on one line or several', () => {
    const items = json.sections[0]!.children;
    expect(items.map((i) => i.marker)).toEqual(['1.', '2.', '3.', '4.', '5.']);
    expect(items[0]!.heading).toBe('党组理论学习中心组学习记录不规范，个别研讨未体现发言要点。（扣0.5分）');
    expect(items[0]!.body).toEqual(['统一学习记录格式，学习秘书会后3个工作日内整理记录，报党组书记审阅。']);
    expect(items.map((i) => i.measure)).toEqual([
      { leader: null, department: '办公室', person: '副秘书长 马某', deadline: '即知即改', status: null },
      { leader: null, department: '机关党委', person: '机关党委专职副书记 韩某', deadline: '2026年第一季度', status: null },
      { leader: null, department: '机关党委', person: '组织干事 杨某', deadline: '2026年3月15日前', status: null },
      { leader: null, department: '各党支部', person: null, deadline: '2026年上半年', status: null },
      { leader: null, department: '机关纪委', person: null, deadline: '每半年一次，长期坚持', status: null },
    ]);
  });
  it('keeps run-in 保障措施 headings as sections without measures', () => {
    expect(outline(json.sections.slice(1))).toEqual(['二、整改保障措施', '  （一）建立台账，挂图作战', '  （二）逐项验收，对账销号', '  （三）强化运用，防止反弹']);
    expect(json.sections[1]!.children.every((c) => c.measure === null)).toBe(true);
  });
});

describe('民主生活会 plan with a leading outline and a cut-off body (public text)', () => {
  const { json, warnings, counts, document } = parse('minzhu-shenghuohui-zhenggai-fangan.txt');
  it('takes the title after the outline and does not import the outline twice', () => {
    expect(json.title).toBe('市人大领导班子2025年度民主生活会查摆问题整改方案');
    expect(json.sections.map((s) => s.marker + s.heading)).toEqual(['一、指导思想', '二、整改目标', '三、整改任务与主要措施', '四、组织保障']);
    expect(json.sections[1]!.children).toHaveLength(5);
    expect(json.sections[2]!.children).toHaveLength(6);
    expect(json.sections[2]!.children.every((c) => c.children.length === 3)).toBe(true);
  });
  it('keeps the run-on body of （一）…（三） and makes outline-only headings empty nodes with a warning', () => {
    const s3 = json.sections[2]!;
    expect(s3.children[0]!.heading).toBe('聚焦政治忠诚与政治能力，着力强化引领把牢方向');
    expect(s3.children[0]!.children[0]!.heading).toBe('深化理论武装，筑牢政治忠诚思想根基');
    expect(s3.children[0]!.children[0]!.body[0]).toMatch(/^严格执行“第一议题”制度/);
    expect(s3.children[3]!.heading).toBe('聚焦干事创业与担当作为');
    expect(s3.children[3]!.body).toEqual([]);
    expect(s3.children[3]!.children.map((c) => c.heading)).toEqual(['树立正确政绩观', '发扬斗争精神', '提升履职本领']);
    expect(json.sections[3]!.children.map((c) => c.heading)).toEqual(['加强组织领导', '健全推进机制', '注重统筹结合']);
    const w = warnings.find((x) => x.includes('只出现在目录中'));
    expect(w).toBeDefined();
    expect(w).toContain('（四）聚焦干事创业与担当作为');
    expect(w).toContain('四、组织保障');
    expect(w).not.toContain('深化理论武装');
  });
  it('normalises the half-width punctuation of the pasted text and counts it', () => {
    expect(counts.punctuationChanges).toBeGreaterThan(100);
    expect(json.preamble[0]).toContain('工作部署，市人大领导班子');
    expect(json.sections[1]!.children[0]!.marker).toBe('（一）');
    expect(document.sections[2]!.children[0]!.children[0]!.kind).toBe('measure');
  });
});

describe('机关作风建设 speech (public text with web debris)', () => {
  const { json, warnings } = parse('jiguan-zuofeng-jianshe-jianghua.txt');
  it('reads title, salutation and the 一、/（一） levels with run-in headings', () => {
    expect(json.title).toBe('在市人大常委会机关作风建设总结会议上的讲话');
    expect(json.addressee).toBe('同志们');
    expect(json.sections.filter((s) => s.marker !== '').map((s) => [s.marker, s.children.length])).toEqual([
      ['一、', 3],
      ['二、', 4],
      ['三、', 3],
    ]);
    const first = json.sections[0]!.children[0]!;
    expect(first.marker).toBe('（一）');
    expect(first.heading).toBe('政治引领坚强有力，组织领导周密高效');
    expect(first.body).toHaveLength(1);
    expect(first.body[0]).toMatch(/^一是政治站位高。.*二是部署推进实。.*三是组织覆盖广。/);
  });
  it('keeps the closing paragraph at the top level', () => {
    const last = json.sections[json.sections.length - 1]!;
    expect(last.marker).toBe('');
    expect(last.body[0]).toMatch(/^同志们，作风建设永远在路上/);
  });
  it('drops the web debris and lists each line in the warnings', () => {
    for (const d of ['© 版权声明', 'THE END', '喜欢就支持一下吧', '点赞9 分享']) {
      expect(warnings.some((w) => w.includes(d))).toBe(true);
      expect(JSON.stringify(json.sections)).not.toContain(d);
    }
  });
  it('has no measures (a speech is not a plan)', () => {
    expect(JSON.stringify(json.sections)).not.toContain('"leader"');
  });
});
