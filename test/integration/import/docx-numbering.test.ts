// Word auto-numbering (w:numPr + numbering.xml, directly or through a paragraph style) comes back as the
// visible markers, so plans numbered by Word are recognised like typed ones.
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../electron/services/import/docx.ts';
import { parsePlanBytes } from '../../../electron/services/import/index.ts';
import { toParseJson, type ParseNodeJson } from '../../../shared/importer/project.ts';
import { makeDocx } from './docx-builder.ts';

const outline = (nodes: ParseNodeJson[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.marker}${n.heading}`, ...outline(n.children, depth + 1)]);

describe('.docx auto-numbering', () => {
  it('restores chineseCounting, （%2）, decimal and circled markers with per-level restarts', async () => {
    const bytes = await makeDocx([
      { text: 'XX局党组巡察整改方案' },
      { text: '为抓好整改，制定本方案。' },
      { text: '总体要求', numId: 1, ilvl: 0 },
      { text: '加强领导。党组书记负总责。', numId: 1, ilvl: 1 },
      { text: '压实责任。细化分工。', numId: 1, ilvl: 2 },
      { text: '（责任领导：张某；责任部门：办公室；完成时限：2026年3月底前）' },
      { text: '建立台账。按月调度。', numId: 1, ilvl: 2 },
      { text: '专人负责', numId: 1, ilvl: 3 },
      { text: '每周报送', numId: 1, ilvl: 4 },
      { text: '完善机制', numId: 1, ilvl: 1 },
      { text: '健全制度。', numId: 1, ilvl: 2 },
      { text: '一项要点', numId: 2, ilvl: 0 },
      { text: '组织保障', style: 'Heading1' },
      { text: '工作要求', style: 'MyHeading' },
    ]);
    const lines = await readDocx(bytes, 't.docx');
    expect(lines.map((l) => l.text)).toEqual([
      'XX局党组巡察整改方案',
      '为抓好整改，制定本方案。',
      '一、总体要求',
      '（一）加强领导。党组书记负总责。',
      '1.压实责任。细化分工。',
      '（责任领导：张某；责任部门：办公室；完成时限：2026年3月底前）',
      '2.建立台账。按月调度。',
      '（1）专人负责',
      '①每周报送',
      '（二）完善机制',
      '1.健全制度。',
      '一项要点',
      '二、组织保障',
      '三、工作要求',
    ]);
    const parsed = await parsePlanBytes(bytes, 't.docx');
    const json = toParseJson(parsed.document, parsed.warnings);
    expect(outline(json.sections)).toEqual([
      '一、总体要求',
      '  （一）加强领导',
      '    1.压实责任',
      '    2.建立台账',
      '      （1）专人负责',
      '        ①每周报送',
      '  （二）完善机制',
      '    1.健全制度',
      // a bullet item has no visible marker: a short line, read as an unnumbered heading
      '    一项要点',
      '二、组织保障',
      '三、工作要求',
    ]);
    expect(json.sections[0]!.children[0]!.children[0]!.measure).toMatchObject({ leader: '张某', department: '办公室', deadline: '2026年3月底前' });
  });

  it('drops deleted revisions, splits soft line breaks and reads tables as rows', async () => {
    const bytes = await makeDocx([
      { text: 'XX支部整改清单' },
      { text: '填报单位：第一支部', deleted: '已删除的文字' },
      { rows: [['序号', '存在问题', '整改措施', '责任人', '整改时限', '完成情况'], ['1', '学习不深入。', '制定学习计划。', '张某', '立行立改', '已完成']] },
      { text: '说明：每月更新。第二行说明', breakAt: 8 },
    ]);
    const lines = await readDocx(bytes, 't.docx');
    expect(lines.map((l) => l.text)).toEqual([
      'XX支部整改清单',
      '填报单位：第一支部',
      '序号\t存在问题\t整改措施\t责任人\t整改时限\t完成情况',
      '1\t学习不深入。\t制定学习计划。\t张某\t立行立改\t已完成',
      '说明：每月更新。',
      '第二行说明',
    ]);
    expect(lines[3]!.cells).toEqual(['1', '学习不深入。', '制定学习计划。', '张某', '立行立改', '已完成']);
    const parsed = await parsePlanBytes(bytes, 't.docx');
    const m = parsed.document.sections[0]!;
    expect(m.kind).toBe('measure');
    expect(m.measure).toMatchObject({ person: '张某', deadline: '立行立改', status: 'done', statusText: '已完成' });
  });
});
