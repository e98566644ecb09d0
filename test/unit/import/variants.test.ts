// The numbering, responsibility, deadline and layout variants of domain.md §7–§8, each in a small text.
import { describe, expect, it } from 'vitest';
import { recognisePlan } from '../../../shared/importer/recognise.ts';
import { toParseJson, type ParseNodeJson } from '../../../shared/importer/project.ts';

const parse = (text: string) => {
  const r = recognisePlan(text);
  return { ...r, json: toParseJson(r.document, r.warnings) };
};
const outline = (nodes: ParseNodeJson[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.marker}${n.heading}`, ...outline(n.children, depth + 1)]);
const TITLE = 'XX局党组关于巡察反馈意见的整改落实方案\n为抓好整改，制定本方案。\n';

describe('numbering markers and their sloppy forms', () => {
  it('accepts half-width, mixed and symbol forms and normalises the markers', () => {
    const { json } = parse(`${TITLE}一.总体要求\n(一)加强领导\n1、压实责任\n(1)细化分工\n（二)完善机制\n㈢强化督办\n1．建立台账\n（2）按月调度\n①专人负责\n二，工作要求\n`);
    expect(outline(json.sections)).toEqual([
      '一、总体要求',
      '  （一）加强领导',
      '    1.压实责任',
      '      （1）细化分工',
      '  （二）完善机制',
      '  （三）强化督办',
      '    1.建立台账',
      '      （1）按月调度',
      '        ①专人负责',
      '二、工作要求',
    ]);
  });
  it('handles level skipping (一、 straight to 1.) and （一） as the top level', () => {
    expect(outline(parse(`${TITLE}一、整改任务\n1.第一项\n2.第二项\n二、工作要求\n`).json.sections)).toEqual([
      '一、整改任务',
      '  1.第一项',
      '  2.第二项',
      '二、工作要求',
    ]);
    expect(outline(parse(`${TITLE}（一）加强领导\n1.压实责任\n（二）强化督办\n`).json.sections)).toEqual(['（一）加强领导', '  1.压实责任', '（二）强化督办']);
  });
  it('reads "3.1项…" as item 3 only when 3 is the expected next number, and never reads amounts as numbering', () => {
    const { json } = parse(`${TITLE}一、问题\n1.资产管理不规范。\n2.往来款项长期挂账。\n3.1项办公设备未入账。\n12.80万元资金未及时收回，占比36.72%。\n`);
    const items = json.sections[0]!.children;
    expect(items.map((i) => i.marker + i.heading)).toEqual(['1.资产管理不规范', '2.往来款项长期挂账', '3.1项办公设备未入账']);
    expect(items[2]!.body).toEqual(['12.80万元资金未及时收回，占比36.72%。']);
  });
  it('keeps the printed numbers and warns about gaps', () => {
    const { json, warnings } = parse(`${TITLE}一、任务\n1.甲项\n2.乙项\n4.丁项\n`);
    expect(json.sections[0]!.children.map((c) => c.marker)).toEqual(['1.', '2.', '3.']);
    expect(warnings.some((w) => w.includes('编号不连续') && w.includes('丁项'))).toBe(true);
  });
  it('detects measure numbering continued across sections vs restarted', () => {
    const cont = parse(`${TITLE}一、任务\n（一）甲方面\n1.甲一\n2.甲二\n（二）乙方面\n3.乙一\n（三）丙方面\n4.丙一\n`);
    expect(cont.document.level3Numbering).toBe('continuous');
    expect(cont.json.sections[0]!.children[2]!.children[0]!.marker).toBe('4.');
    const restart = parse(`${TITLE}一、任务\n（一）甲方面\n1.甲一\n2.甲二\n（二）乙方面\n1.乙一\n（三）丙方面\n1.丙一\n`);
    expect(restart.document.level3Numbering).toBe('restart');
    expect(restart.warnings.filter((w) => w.includes('编号不连续'))).toEqual([]);
  });
  it('keeps inline enumerations (一是…二是…, ①…；②…) inside their paragraph', () => {
    const { json } = parse(`${TITLE}一、存在问题\n一是学习不深入；二是调研不够。\n①严控会议；②精简文件。\n`);
    expect(json.sections[0]!.children).toEqual([]);
    expect(json.sections[0]!.body).toEqual(['一是学习不深入；二是调研不够。', '①严控会议；②精简文件。']);
  });
  it('splits a run-in heading: "（一）加强组织领导。正文" and "1.引领句。正文"', () => {
    const { json } = parse(`${TITLE}一、保障\n（一）加强组织领导。党组书记履行第一责任人责任。\n1.压紧压实主体责任。修订责任清单，每半年专题研究一次。\n`);
    const s = json.sections[0]!.children[0]!;
    expect([s.heading, s.body]).toEqual(['加强组织领导', ['党组书记履行第一责任人责任。']]);
    expect([s.children[0]!.heading, s.children[0]!.body]).toEqual(['压紧压实主体责任', ['修订责任清单，每半年专题研究一次。']]);
  });
  it('recognises unnumbered short heading lines', () => {
    const { json } = parse(`${TITLE}一、整改任务\n（一）关于“学习不深入”的问题\n具体表现\n学习流于形式，研讨不深。\n整改措施\n1.制定学习计划。\n2.开展专题研讨。\n`);
    const p = json.sections[0]!.children[0]!;
    expect(outline([p])).toEqual(['（一）关于“学习不深入”的问题', '  具体表现', '  整改措施', '    1.制定学习计划', '    2.开展专题研讨']);
    expect(p.children[0]!.body).toEqual(['学习流于形式，研讨不深。']);
  });
});

describe('responsibility and deadline forms (domain.md §7.4)', () => {
  const measureOf = (text: string) => {
    const { json } = parse(`${TITLE}一、整改任务\n${text}\n二、工作要求\n`);
    return json.sections[0]!.children[0]!;
  };
  it('1/2: bracketed line with ； and a trailing full stop', () => {
    const m = measureOf('1.强化学习。每月学习一次。\n（责任领导：XXX；牵头部门：办公室；配合部门：各委室；完成时限：2026年3月底前）。');
    expect(m.measure).toEqual({ leader: 'XXX', department: '办公室；各委室', person: null, deadline: '2026年3月底前', status: null });
    expect(m.body).toEqual(['每月学习一次。']);
  });
  it('3: own line with full-width spaces applies to the measures just above it', () => {
    const { json } = parse(
      `${TITLE}一、整改任务\n（一）关于“制度执行不严”的问题\n具体表现：个别制度执行打折扣。\n整改措施：\n1.修订制度汇编。\n2.开展执行情况检查。\n牵头领导：李某某\u3000责任科室：机关党委\u3000配合科室：办公室\u3000整改时限：2026年1月31日前\n（二）关于“作风不实”的问题\n1.开展作风整顿。\n牵头领导：王某某\u3000责任科室：办公室\u3000整改时限：立行立改\n`,
    );
    const p1 = json.sections[0]!.children[0]!;
    expect(p1.children.map((c) => c.measure)).toEqual([
      { leader: '李某某', department: '机关党委；办公室', person: null, deadline: '2026年1月31日前', status: null },
      { leader: '李某某', department: '机关党委；办公室', person: null, deadline: '2026年1月31日前', status: null },
    ]);
    expect(p1.body).toEqual(['具体表现：个别制度执行打折扣。', '整改措施：']);
    expect(json.sections[0]!.children[1]!.children[0]!.measure!.leader).toBe('王某某');
  });
  it('4: square brackets, half-width colons, values with inner brackets', () => {
    const m = measureOf('1.整治违规收费。开展专项清理。\n［牵头领导：王某某；责任科室：办公室（财务）；整改时限：立即整改］');
    expect(m.measure).toEqual({ leader: '王某某', department: '办公室（财务）', person: null, deadline: '立即整改', status: null });
    const n = measureOf('1.推进便民服务。\n[牵头单位:区卫健局;责任单位:各街办(新区)]');
    expect(n.measure!.department).toBe('区卫健局、各街办（新区）');
  });
  it('5: comma or space separators', () => {
    expect(measureOf('1.学习。\n（责任人：党组书记\u3000整改时限：立行立改并长期坚持）').measure).toMatchObject({ person: '党组书记', deadline: '立行立改并长期坚持' });
    expect(measureOf('1.学习。\n（责任人：各党组成员，整改时限：2023年12月底前）').measure).toMatchObject({ person: '各党组成员', deadline: '2023年12月底前' });
  });
  it('6: audit fields — 整改类型 is kept in the body, the person with title and name', () => {
    const m = measureOf('1.公务卡使用不规范，涉及金额12.80万元。\n整改措施：(1)清理账户；(2)规范报销。\n整改类型：分阶段整改\u3000责任处室：财务处\u3000责任人：处长 陈某\u3000整改期限：2025年10月31日');
    expect(m.measure).toEqual({ leader: null, department: '财务处', person: '处长 陈某', deadline: '2025年10月31日', status: null });
    expect(m.body).toEqual(['整改措施：（1）清理账户；（2）规范报销。', '整改类型：分阶段整改']);
  });
  it('7: 【】 labels on one line', () => {
    const { json } = parse(`${TITLE}一、问题清单\n问题1：档案不完整。（扣0.5分）\n【整改措施】逐份核查。【责任单位】机关党委\u3000【责任人】组织干事 杨某\u3000【完成时限】2026年3月15日前\n`);
    const m = json.sections[0]!.children[0]!;
    expect(m.marker).toBe('1.');
    expect(m.body).toEqual(['逐份核查。']);
    expect(m.measure).toEqual({ leader: null, department: '机关党委', person: '组织干事 杨某', deadline: '2026年3月15日前', status: null });
  });
  it('8: unlabelled blocks at the end of a measure', () => {
    const m = measureOf('1.精简会议文件，严控发文数量。(办公室负责，即知即改)');
    expect(m.heading).toBe('精简会议文件，严控发文数量');
    expect(m.body).toEqual([]);
    expect(m.measure).toMatchObject({ department: '办公室', deadline: '即知即改' });
    const n = measureOf('1.深化放管服改革。（市政府办公室牵头，市级各有关部门按职责分工负责）');
    expect(n.measure!.department).toBe('市政府办公室；市级各有关部门');
    const k = measureOf('1.开展廉政提醒。（机关纪委牵头，每季度末）');
    expect(k.measure).toMatchObject({ department: '机关纪委', deadline: '每季度末' });
  });
  it('9: sentence style inside the body, kept verbatim', () => {
    const a = measureOf('1.规范公务接待。由办公室牵头，各委室配合，2025年9月底前完成制度修订并长期坚持。');
    expect(a.measure).toMatchObject({ department: '办公室；各委室', deadline: '2025年9月底前完成制度修订并长期坚持' });
    expect(a.body).toEqual(['由办公室牵头，各委室配合，2025年9月底前完成制度修订并长期坚持。']);
    expect(measureOf('1.精简会议。此项由秘书长负责，立行立改。').measure).toMatchObject({ leader: '秘书长', deadline: '立行立改' });
    expect(measureOf('1.完善调研制度。责任单位为研究室，完成时间为2025年10月底前。').measure).toMatchObject({ department: '研究室', deadline: '2025年10月底前' });
  });
  it('10: a heading-level block passes down to the measures under it', () => {
    const { json } = parse(`${TITLE}一、主要经济指标（牵头领导：成XX、柯XX）\n1.地区生产总值增长6%。\n（责任单位：发改局；完成时限：2026年底前）\n`);
    const m = json.sections[0]!.children[0]!;
    expect(json.sections[0]!.heading).toBe('主要经济指标');
    expect(m.measure).toEqual({ leader: '成XX、柯XX', department: '发改局', person: null, deadline: '2026年底前', status: null });
  });
  it('appended to the end of the body paragraph', () => {
    const m = measureOf('1.增强监督刚性。对审议意见落实情况开展跟踪问效。（责任领导：分管副主任；责任部门：财经委；完成时限：立行立改、长期坚持）');
    expect(m.body).toEqual(['对审议意见落实情况开展跟踪问效。']);
    expect(m.measure).toMatchObject({ leader: '分管副主任', department: '财经委', deadline: '立行立改、长期坚持' });
  });
});

describe('statuses in reports', () => {
  it('reads 整改情况： at the end of a measure paragraph or on its own line, verbatim and normalised', () => {
    const r = parse(
      `关于2025年度民主生活会整改落实情况的报告\n市委组织部：\n现将有关情况报告如下。\n一、具体问题整改落实情况\n（一）关于“理论学习不深入”的问题\n1.制定学习计划。整改情况：已完成，该办法已于2025年4月经主任会议通过。\n2.开展专题研讨。\n整改情况：基本完成取得阶段性成果并持续整改。\n3.建立长效机制。整改情况：已完成，已销号。\n4.加强督办。整改情况：持续推进。\n特此报告。\n附件：整改落实情况台账\nXX市人大常委会党组\n2026年1月20日\n`,
    );
    const items = r.json.sections[0]!.children[0]!.children;
    expect(items.map((i) => i.measure!.status)).toEqual(['done', 'mostly_done', 'closed', 'ongoing']);
    expect(items[0]!.body).toEqual([]);
    expect(r.document.sections[0]!.children[0]!.children[0]!.measure!.statusText).toBe('已完成，该办法已于2025年4月经主任会议通过。');
    expect(r.document.kind).toBe('minzhu-shenghuohui');
    expect(r.json.addressee).toBe('市委组织部');
    expect(r.json.attachments).toEqual(['整改落实情况台账']);
    expect([r.json.issuer, r.json.date]).toEqual(['XX市人大常委会党组', '2026年1月20日']);
    // The closing formula belongs to the whole report (issue 13 family 5), not to a section of its own.
    expect(r.json.closing).toEqual(['特此报告。']);
    expect(r.json.sections.map((s) => s.marker)).toEqual(['一、']);
  });
});

describe('front and end matter', () => {
  it('reads several attachments with continuation numbers and no trailing punctuation', () => {
    const { json } = parse(`${TITLE}一、任务\n正文。\n附件：1.反馈问题清单；\n      2.整改任务清单\n      3.整改责任清单。\n`);
    expect(json.attachments).toEqual(['反馈问题清单', '整改任务清单', '整改责任清单']);
  });
  it('uses a fallback title when the text has none and says so', () => {
    const r = recognisePlan('一、总体要求\n坚持问题导向。\n', { fallbackTitle: '整改方案草稿' });
    expect(r.document.title).toBe('整改方案草稿');
    expect(r.warnings.some((w) => w.includes('未识别到标题'))).toBe(true);
  });
  it('keeps 领导小组 member lines with padded labels as body text', () => {
    const { json } = parse(`${TITLE}一、组织领导\n组  长：张某某\n副组长：李某某\n成  员：王某、赵某\n`);
    expect(json.sections[0]!.body).toEqual(['组  长：张某某', '副组长：李某某', '成  员：王某、赵某']);
  });
  it('drops web debris around a pasted article', () => {
    const r = parse(`发布时间：2025-12-01 来源：XX人大网\n${TITLE}一、任务\n正文。\n上一篇：关于召开会议的通知\n分享到：\n— 3 —\n`);
    expect(r.json.title).toBe('XX局党组关于巡察反馈意见的整改落实方案');
    expect(r.dropped.map((d) => d.text)).toEqual(['发布时间：2025-12-01 来源：XX人大网', '上一篇：关于召开会议的通知', '分享到：', '— 3 —']);
  });
  it('reads CR, LF and CRLF line ends alike', () => {
    const lf = parse(`${TITLE}一、任务\n1.甲。\n`).json;
    expect(parse(`${TITLE}一、任务\n1.甲。\n`.replace(/\n/g, '\r\n')).json).toEqual(lf);
    expect(parse(`${TITLE}一、任务\n1.甲。\n`.replace(/\n/g, '\r')).json).toEqual(lf);
  });
  it('keeps document numbers, amounts and placeholders untouched', () => {
    const { json } = parse(`XX局关于2024年度预算执行审计发现问题的整改方案\n市审计局出具了《审计报告》（X审X报〔2025〕3号），指出问题涉及50.00万元，占比36.72%。XX市、**镇、＊＊同志。\n`);
    expect(json.preamble[0]).toBe('市审计局出具了《审计报告》（X审X报〔2025〕3号），指出问题涉及50.00万元，占比36.72%。XX市、**镇、＊＊同志。');
  });
});

describe('tab-separated ledger tables', () => {
  it('maps columns by header, carries merged cells down and keeps unknown columns', () => {
    const { json, document } = parse(
      [
        'XX单位巡察反馈问题整改台账',
        ['序号', '问题类别', '存在问题', '整改措施', '责任领导', '责任单位', '整改时限', '整改进展', '备注'].join('\t'),
        ['1', '党的建设', '三会一课不规范', '规范会议记录', '李某', '机关党委', '2026年3月底前', '正在整改', ''].join('\t'),
        ['2', '', '', '开展专项检查', '李某', '机关党委', '立行立改', '已完成', '已报送'].join('\t'),
      ].join('\n'),
    );
    const rows = json.sections;
    expect(rows.map((r) => r.marker + r.heading)).toEqual(['1.三会一课不规范', '2.开展专项检查']);
    expect(rows.map((r) => r.measure)).toEqual([
      { leader: '李某', department: '机关党委', person: null, deadline: '2026年3月底前', status: 'in_progress' },
      { leader: '李某', department: '机关党委', person: null, deadline: '立行立改', status: 'done' },
    ]);
    expect(rows[1]!.body).toContain('备注：已报送');
    expect(document.sections[1]!.problemKeys).toEqual(document.sections[0]!.problemKeys);
    expect(document.problems).toEqual([{ key: 'P1', category: '党的建设', text: '三会一课不规范' }]);
  });
});
