// Text from PDFs and web pages (domain.md §8 item 21): hard line breaks mid-sentence (断行重排), stray
// page numbers, running headers and table headers repeated on every page.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognisePlan } from '../../../shared/importer/recognise.ts';
import { toParseJson, type ParseJson } from '../../../shared/importer/project.ts';
import { hardWrap, paginate } from './pdf-text.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const TITLE = 'XX局党组关于巡察反馈意见的整改落实方案\n为抓好整改，制定本方案。\n';

const parse = (text: string) => {
  const r = recognisePlan(text);
  return { ...r, json: toParseJson(r.document, r.warnings) };
};

const comparable = (j: ParseJson) => ({ ...j, warnings: [] });

describe('断行重排: lines cut mid-sentence are joined again', () => {
  it('joins a line ending in "，" or "、" to the next one', () => {
    const { json, warnings } = parse(`${TITLE}一、总体要求\n坚持问题导向，\n把整改作为检验成效的重要标尺、\n重要抓手。\n`);
    expect(json.sections[0]!.body).toEqual(['坚持问题导向，把整改作为检验成效的重要标尺、重要抓手。']);
    expect(warnings.some((w) => w.includes('2处句中断行'))).toBe(true);
  });

  it('never joins a line to a following numbered heading or responsibility line', () => {
    const { json } = parse(`${TITLE}一、整改任务\n1.加强学习，\n2.完善制度，\n（责任部门：办公室；完成时限：长期坚持）\n（一）强化督办，\n`);
    expect(json.sections[0]!.children.map((c) => c.marker + c.heading)).toEqual(['1.加强学习', '2.完善制度', '（一）强化督办']);
    expect(json.sections[0]!.children[1]!.measure?.department).toBe('办公室');
  });

  it('joins the lines of a hard-wrapped paragraph, keeping indented lines as new paragraphs', () => {
    const para1 = '坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持问题导向、目标导向、效果导向，把整改作为检验民主生活会成效的重要标尺，做到真认账、真整改、改到位。';
    const para2 = '坚持集中整改与长效常治相结合，力争2026年6月底前完成集中整改任务；对需要长期坚持的事项，建立常态化工作机制，确保问题不反弹、不回潮。';
    const text = `${TITLE}一、指导思想\n${hardWrap(`${para1}\n${para2}`, 26, true).join('\n')}\n二、工作要求\n按时完成。\n`;
    const { json, warnings } = parse(text);
    expect(json.sections[0]!.body).toEqual([para1, para2]);
    expect(warnings.some((w) => w.includes('硬换行'))).toBe(true);
  });

  it('leaves ordinary one-paragraph-per-line text alone', () => {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))) {
      const { warnings } = parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
      expect(warnings.filter((w) => w.includes('断行')), file).toEqual([]);
    }
  });
});

describe('page furniture', () => {
  it('drops page numbers in their usual forms and lists each in the warnings', () => {
    const forms = ['— 3 —', '-3-', '- 4 -', '—5—', '第6页', '第 7 页 共 10 页', '8/10', '·9·'];
    const r = parse(`${TITLE}一、任务\n${forms.map((f, k) => `第${k + 1}段正文。\n${f}`).join('\n')}\n`);
    expect(r.dropped.map((d) => d.text)).toEqual(forms);
    for (const f of forms) expect(r.warnings.some((w) => w.includes(`页码：${f}`))).toBe(true);
    expect(r.json.sections[0]!.body).toHaveLength(forms.length);
  });

  it('drops a running header repeated at the page breaks, keeps the same words elsewhere', () => {
    const body = Array.from({ length: 5 }, (_v, k) => `${k + 1}.第${k + 1}项措施。具体内容。`);
    const text = `XX局巡察整改方案\n一、整改任务\n${body[0]}\n${body[1]}\n— 1 —\nXX局巡察整改方案\n${body[2]}\n${body[3]}\n— 2 —\nXX局巡察整改方案\n${body[4]}\n二、工作要求\n工作要求\n落实XX局巡察整改方案的各项任务。\n`;
    const r = parse(text);
    expect(r.json.title).toBe('XX局巡察整改方案');
    expect(r.json.sections[0]!.children.map((c) => c.heading)).toEqual(['第1项措施', '第2项措施', '第3项措施', '第4项措施', '第5项措施']);
    expect(r.dropped.filter((d) => d.text === 'XX局巡察整改方案')).toHaveLength(2);
    expect(r.warnings.some((w) => w.includes('页眉') && w.includes('XX局巡察整改方案'))).toBe(true);
  });

  it('a table header repeated on every page is read once, and a merged problem runs on across the page', () => {
    const header = '序号\t问题\t整改措施\t责任部门\t完成时限';
    const text = `XX支部整改清单\n${header}\n1\t学习不深入\t制定学习计划\t组织委员\t2026年3月底前\n— 1 —\n${header}\n2\t\t开展专题研讨\t宣传委员\t长期坚持\n3\t纪律松弛\t严格考勤\t支部书记\t立行立改\n`;
    const r = parse(text);
    const rows = r.json.sections.flatMap((s) => (s.children.length > 0 ? s.children : [s]));
    expect(rows.map((n) => n.heading)).toEqual(['学习不深入', '开展专题研讨', '纪律松弛']);
    expect(r.document.problems.map((p) => p.text)).toEqual(['学习不深入', '纪律松弛']);
    const measures = r.document.sections.flatMap((s) => (s.children.length > 0 ? s.children : [s]));
    expect(measures[1]!.problemKeys).toEqual(measures[0]!.problemKeys);
    expect(r.warnings.some((w) => w.includes('重复的表头'))).toBe(true);
  });
});

describe('every fixture copied out of a PDF (hard-wrapped, paginated) reads like the original', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
  for (const file of files) {
    for (const [columns, indent] of [
      [28, true],
      [33, true],
      [28, false],
    ] as const) {
      it(`${file}: ${columns} per line, ${indent ? 'indented' : 'no indentation'}`, () => {
        const text = readFileSync(path.join(FIXTURES, file), 'utf8');
        const original = parse(text);
        // The running header: the title's first line, as a PDF prints it at the top of each page.
        const header = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length >= 4 && original.document.title.startsWith(l))!;
        const copied = parse(paginate(hardWrap(text, columns, indent), 22, header, (n) => `— ${n} —`).text);
        if (indent) {
          expect(comparable(copied.json)).toEqual(comparable(original.json));
        } else {
          // Without indentation a paragraph ending exactly at the margin may run into the next one:
          // the outline and every measure field still come back.
          const outline = (j: ParseJson) => JSON.stringify(j.sections, (k, v: unknown) => (k === 'body' ? undefined : v));
          expect(outline(copied.json)).toEqual(outline(original.json));
          expect([copied.json.title, copied.json.issuer, copied.json.date, copied.json.attachments]).toEqual([original.json.title, original.json.issuer, original.json.date, original.json.attachments]);
        }
        expect(copied.warnings.some((w) => w.includes('硬换行'))).toBe(true);
      });
    }
  }
});
