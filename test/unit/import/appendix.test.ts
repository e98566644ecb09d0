// Attachment pages after the 落款 (GB/T 9704 附件): the exported ledger appendix and its variants. The
// body's 署名/日期 are recognised before them; a 台账 that repeats the body's measures is not imported
// twice but cross-checked; a bare 台账 becomes the measures; other attachment text is kept.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognisePlan } from '../../../shared/importer/recognise.ts';
import { toParseJson, type ParseNodeJson } from '../../../shared/importer/project.ts';
import { LEDGER_COLUMN_SETS } from '../../../shared/ledger/index.ts';
import type { DocNode } from '../../../shared/domain/document.ts';
import { DATE, ISSUER, withLedgerAppendix } from './appendix-text.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

const parse = (text: string) => {
  const r = recognisePlan(text);
  return { ...r, json: toParseJson(r.document, r.warnings) };
};
const outline = (nodes: ParseNodeJson[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.marker}${n.heading}`, ...outline(n.children, depth + 1)]);
const measures = (nodes: DocNode[]): DocNode[] => nodes.flatMap((n) => [...(n.kind === 'measure' ? [n] : []), ...measures(n.children)]);
const shape = (nodes: ParseNodeJson[]): unknown => nodes.map((n) => ({ marker: n.marker, heading: n.heading, body: n.body, measure: n.measure, children: shape(n.children) }));

const BODY = `XX局党组关于巡察反馈问题的整改方案
为抓好巡察反馈问题整改，制定本方案。
一、整改任务
（一）关于“三重一大”决策制度执行不严格的问题
1.修订议事规则。明确“三重一大”事项范围和决策程序。
（责任领导：局长；责任部门：办公室；完成时限：2026年3月底前）
2.建立决策事项台账。逐项记录议题、程序和表决情况。
（责任领导：局长；完成时限：2026年6月底前）
（二）关于干部选拔任用程序不规范的问题
3.开展专项检查。对近三年干部选拔任用工作开展自查。
（责任领导：分管副局长；责任部门：人事科；完成时限：立行立改）
二、工作要求
各科室要高度重视，按时完成整改任务。
附件：XX局巡察反馈问题整改清单
XX局党组
2025年12月15日`;
const HEADER = '序号\t问题\t整改措施\t责任领导\t责任部门\t完成时限\t备注';
const ROW1 = '1\t“三重一大”决策制度执行不严格\t修订议事规则。明确“三重一大”事项范围和决策程序。\t局长\t办公室\t2026年3月底前\t';
const ROW2 = '2\t\t建立决策事项台账。逐项记录议题、程序和表决情况。\t局长\t办公室\t2026年6月底前\t';
const ROW3 = '3\t干部选拔任用程序不规范\t开展专项检查。对近三年干部选拔任用工作开展自查。\t分管副局长\t人事科\t立行立改\t';
const OUTLINE = ['一、整改任务', '  （一）关于“三重一大”决策制度执行不严格的问题', '    1.修订议事规则', '    2.建立决策事项台账', '  （二）关于干部选拔任用程序不规范的问题', '    3.开展专项检查', '二、工作要求'];
const appendix = (...rows: string[]) => `${BODY}\n附件\nXX局巡察反馈问题整改清单\n${HEADER}\n${rows.join('\n')}\n`;

describe('a body followed by its ledger appendix', () => {
  it('finds 署名 and 成文日期 before the appendix and does not import the ledger rows again', () => {
    const r = parse(appendix(ROW1, ROW2, ROW3));
    expect([r.json.issuer, r.json.date]).toEqual(['XX局党组', '2025年12月15日']);
    expect(outline(r.json.sections)).toEqual(OUTLINE);
    expect(r.counts.measures).toBe(3);
    expect(r.json.attachments).toEqual(['XX局巡察反馈问题整改清单']);
    expect(r.warnings.some((w) => w.includes('3行与正文的整改措施逐条对应，未重复导入'))).toBe(true);
  });

  it('fills a field the body lacks from the ledger and says so', () => {
    const r = parse(appendix(ROW1, ROW2, ROW3));
    const [, second] = r.json.sections[0]!.children[0]!.children;
    expect(second!.measure).toEqual({ leader: '局长', department: '办公室', person: null, deadline: '2026年6月底前', status: null });
    expect(second!.body).toEqual(['逐项记录议题、程序和表决情况。']);
    expect(r.warnings.some((w) => w.includes('补充') && w.includes('第2项') && w.includes('责任部门“办公室”'))).toBe(true);
    // Without the appendix the field stays empty: the ledger is what filled it.
    expect(parse(`${BODY}\n`).json.sections[0]!.children[0]!.children[1]!.measure!.department).toBeNull();
  });

  it('links the problems named in the 问题 column (merged cells cover the rows below) to their measures', () => {
    const r = parse(appendix(ROW1, ROW2, ROW3));
    expect(r.document.problems.map((p) => p.text)).toEqual(['“三重一大”决策制度执行不严格', '干部选拔任用程序不规范']);
    const [p1, p2] = r.document.problems;
    expect(measures(r.document.sections).map((m) => m.problemKeys)).toEqual([[p1!.key], [p1!.key], [p2!.key]]);
    expect(r.warnings.some((w) => w.includes('关联了问题'))).toBe(true);
  });

  it('a 问题 cell that only repeats the section heading above the measure links nothing', () => {
    const rows = [ROW1, ROW2, ROW3].map((row, k) => row.replace(/^(\d)\t[^\t]*/, `$1\t${['关于“三重一大”决策制度执行不严格的问题', '', '关于干部选拔任用程序不规范的问题'][k]}`));
    const r = parse(appendix(...rows));
    expect(r.document.problems).toEqual([]);
    expect(r.warnings.some((w) => w.includes('关联了问题'))).toBe(false);
  });

  it('keeps the body where the ledger differs, and keeps the ledger wording in the measure', () => {
    const row1 = ROW1.replace('\t办公室\t', '\t综合科\t');
    const row3 = ROW3.replace(/\t$/, '\t配合部门：纪检组');
    const r = parse(appendix(row1, ROW2, row3));
    const [first] = r.json.sections[0]!.children[0]!.children;
    expect(first!.measure!.department).toBe('办公室');
    expect(first!.body).toContain('责任部门（附件台账）：综合科');
    expect(r.warnings.some((w) => w.includes('不一致') && w.includes('正文“办公室”，台账“综合科”'))).toBe(true);
    // 备注 "配合部门：…" is a field: filled (the JSON joins it to the department)
    expect(r.json.sections[0]!.children[1]!.children[0]!.measure!.department).toBe('人事科；纪检组');
  });

  it('keeps a 备注 the body does not have in the measure body', () => {
    const r = parse(appendix(ROW1, ROW2.replace(/\t$/, '\t已列入年度重点督办事项'), ROW3));
    expect(r.json.sections[0]!.children[0]!.children[1]!.body).toEqual(['逐项记录议题、程序和表决情况。', '备注：已列入年度重点督办事项']);
  });

  it('a ledger row the body lacks becomes a measure in a closing section named after the attachment', () => {
    const row4 = '4\t\t开展警示教育。组织观看警示教育片。\t局长\t机关党委\t2026年1月底前\t';
    const r = parse(appendix(ROW1, ROW2, ROW3, row4));
    expect(outline(r.json.sections)).toEqual([...OUTLINE, 'XX局巡察反馈问题整改清单', '  4.开展警示教育']);
    expect(r.json.sections.at(-1)!.children[0]!.measure).toEqual({ leader: '局长', department: '机关党委', person: null, deadline: '2026年1月底前', status: null });
    expect(r.warnings.some((w) => w.includes('1行在正文中找不到对应措施'))).toBe(true);
  });

  it('warns about body measures the ledger leaves out', () => {
    const r = parse(appendix(ROW1, ROW3));
    expect(r.counts.measures).toBe(3);
    expect(r.warnings.some((w) => w.includes('未列入附件台账') && w.includes('建立决策事项台账'))).toBe(true);
  });

  it('recognises the appendix without a 附件 label (title and table straight after the date)', () => {
    const r = parse(`${BODY}\nXX局巡察反馈问题整改清单\n${HEADER}\n${ROW1}\n${ROW2}\n${ROW3}\n`);
    expect([r.json.issuer, r.json.date]).toEqual(['XX局党组', '2025年12月15日']);
    expect(outline(r.json.sections)).toEqual(OUTLINE);
  });

  it('accepts 附件1 / 附件 1 labels and reads a second attachment of plain text into a closing section', () => {
    const body = BODY.replace('附件：XX局巡察反馈问题整改清单', '附件：1.XX局巡察反馈问题整改清单\n2.整改工作领导小组成员名单');
    const r = parse(`${body}\n附件 1\nXX局巡察反馈问题整改清单\n${HEADER}\n${ROW1}\n${ROW2}\n${ROW3}\n附件2\n整改工作领导小组成员名单\n组\u3000长：张某某\n副组长：李某某、王某某\n`);
    expect([r.json.issuer, r.json.date]).toEqual(['XX局党组', '2025年12月15日']);
    expect(outline(r.json.sections)).toEqual([...OUTLINE, '整改工作领导小组成员名单']);
    expect(r.json.sections.at(-1)!.body).toEqual(['组\u3000长：张某某', '副组长：李某某、王某某']);
    expect(r.json.attachments).toEqual(['XX局巡察反馈问题整改清单', '整改工作领导小组成员名单']);
    expect(r.counts.measures).toBe(3);
    expect(r.warnings.some((w) => w.includes('整改工作领导小组成员名单') && w.includes('末尾'))).toBe(true);
  });

  it('leaves the exporter’s default 台账 title out of the 附件说明 (it is regenerated), keeps any other title', () => {
    const own = BODY.replace('附件：XX局巡察反馈问题整改清单\n', '附件：XX局党组关于巡察反馈问题的整改台账\n');
    const derived = parse(`${own}\n附件\nXX局党组关于巡察反馈问题的整改台账\n${HEADER}\n${ROW1}\n${ROW2}\n${ROW3}\n`);
    expect(derived.json.attachments).toEqual([]);
    expect(derived.warnings.some((w) => w.includes('重新生成'))).toBe(true);
    // A title the 附件说明 does not list is added to it: the attachment's name is not lost.
    const unlisted = parse(`${BODY.replace('附件：XX局巡察反馈问题整改清单\n', '')}\n附件\n巡察反馈问题整改责任清单\n${HEADER}\n${ROW1}\n${ROW2}\n${ROW3}\n`);
    expect(unlisted.json.attachments).toEqual(['巡察反馈问题整改责任清单']);
    expect(unlisted.warnings.some((w) => w.includes('补入附件说明'))).toBe(true);
  });

  it('a body without measures takes them from the ledger appendix (a bare 台账)', () => {
    const text = `XX单位关于巡察反馈问题整改情况的报告
市委第二巡察组：
按照巡察反馈意见，我单位认真组织整改，现将整改情况报告如下。
特此报告。
XX单位党委
2025年12月15日
附件
XX单位巡察反馈问题整改台账
序号\t问题\t整改措施\t责任部门\t完成时限\t完成情况
1\t议事规则不健全\t修订党委议事规则\t办公室\t2025年10月底前\t已完成
2\t\t建立决策事项台账\t办公室\t长期坚持\t持续推进
3\t选人用人程序不规范\t开展专项自查\t组织人事科\t立行立改\t已完成
`;
    const r = parse(text);
    expect([r.json.issuer, r.json.date]).toEqual(['XX单位党委', '2025年12月15日']);
    expect(r.counts.measures).toBe(3);
    const section = r.json.sections.at(-1)!;
    expect(section.heading).toBe('XX单位巡察反馈问题整改台账');
    expect(section.children.map((c) => [c.heading, c.body, c.measure?.department, c.measure?.deadline, c.measure?.status])).toEqual([
      ['议事规则不健全', ['修订党委议事规则'], '办公室', '2025年10月底前', 'done'],
      ['建立决策事项台账', [], '办公室', '长期坚持', 'ongoing'],
      ['选人用人程序不规范', ['开展专项自查'], '组织人事科', '立行立改', 'done'],
    ]);
    expect(r.document.problems.map((p) => p.text)).toEqual(['议事规则不健全', '选人用人程序不规范']);
    expect(measures(r.document.sections).map((m) => m.problemKeys.length)).toEqual([1, 1, 1]);
    expect(r.warnings.some((w) => w.includes('正文中没有整改措施'))).toBe(true);
  });

  it('does not take a body line "附件" followed by numbered items, or a plain 附件说明 + 落款 ending, for attachment pages', () => {
    const r = parse(`${BODY}\n`);
    expect([r.json.issuer, r.json.date, r.json.attachments]).toEqual(['XX局党组', '2025年12月15日', ['XX局巡察反馈问题整改清单']]);
    expect(outline(r.json.sections)).toEqual(OUTLINE);
    const list = parse(BODY.replace('附件：XX局巡察反馈问题整改清单', '附件\n1.XX局巡察反馈问题整改清单'));
    expect([list.json.issuer, list.json.date]).toEqual(['XX局党组', '2025年12月15日']);
  });
});

describe('every fixture with a ledger appendix laid out as the exporter does', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
  for (const file of files) {
    for (const set of ['default', 'D', 'E', 'F'] as const) {
      it(`${file} (${LEDGER_COLUMN_SETS[set]!.label})`, () => {
        const text = readFileSync(path.join(FIXTURES, file), 'utf8');
        const plain = parse(text);
        if (plain.counts.measures === 0) {
          // No measures, no ledger (the exporter appends none): the speech keeps its shape.
          expect(file).toMatch(/jianghua/);
          return;
        }
        const r = parse(withLedgerAppendix(text, plain.document, { columns: LEDGER_COLUMN_SETS[set]!.columns, title: '整改工作台账' }));
        expect([r.json.issuer, r.json.date]).toEqual(plain.json.date === null ? [ISSUER, DATE] : [plain.json.issuer, plain.json.date]);
        expect(shape(r.json.sections)).toEqual(shape(plain.json.sections));
        expect(r.json.preamble).toEqual(plain.json.preamble);
        expect(r.json.attachments).toEqual([...plain.json.attachments, '整改工作台账']);
        expect(r.document.problems).toEqual(plain.document.problems);
        expect(measures(r.document.sections).map((m) => m.problemKeys)).toEqual(measures(plain.document.sections).map((m) => m.problemKeys));
        expect(r.warnings.some((w) => w.includes(`${plain.counts.measures}行与正文的整改措施逐条对应`))).toBe(true);
      });
    }
    it(`${file}: a 责任部门 only the ledger gives reaches the measure`, () => {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      const plain = parse(text);
      const list = measures(plain.document.sections);
      const gap = list.findIndex((m) => m.measure!.department === null);
      if (gap < 0) {
        expect(list.length === 0 || list.every((m) => m.measure!.department !== null)).toBe(true);
        return;
      }
      const edit = (cells: Record<string, string>, serial: number) => {
        if (serial === gap + 1) cells['责任部门'] = '督查室';
      };
      const r = recognisePlan(withLedgerAppendix(text, plain.document, { title: '整改工作台账', edit }));
      expect(measures(r.document.sections).map((m) => m.measure!.department)).toEqual(list.map((m, k) => (k === gap ? '督查室' : m.measure!.department)));
      expect(r.warnings.some((w) => w.includes(`第${gap + 1}项`) && w.includes('责任部门“督查室”'))).toBe(true);
    });
  }
});
