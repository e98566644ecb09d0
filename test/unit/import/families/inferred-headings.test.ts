// Family 6 of issue 13: headings that lost their numbering are recognised when the pattern is clear,
// marked inferred (the user can demote each one), and never inferred in a text with numbered headings.
import { describe, expect, it } from 'vitest';
import { UNNUMBERED } from '../family-texts.ts';
import { outline, parse } from './parse.ts';

describe('unnumbered headings (family 6)', () => {
  it('reads four short lines with quotes and commas, each followed by paragraphs, as top-level headings', () => {
    const { json, notes } = parse(UNNUMBERED[0]!.text);
    expect(outline(json.sections)).toEqual([
      '坚持思想引领“铸魂”，筑牢干部队伍信念根基',
      '坚持严管厚爱“强基”，激发干部干事创业活力',
      '坚持能力提升“赋能”，锻造过硬专业本领',
      '坚持正风肃纪“护航”，营造风清气正政治生态',
    ]);
    expect(json.sections[0]!.body).toHaveLength(2);
    const inferred = notes.filter((n) => n.kind === 'heading');
    expect(inferred).toHaveLength(4);
    expect(inferred.every((n) => n.correctable && n.reason.includes('推断为一级标题'))).toBe(true);
  });

  it('reads a short line ending in 。 at the head of each group as a second-level heading', () => {
    expect(outline(parse(UNNUMBERED[1]!.text).json.sections)).toEqual([
      '提高政治站位深化思想认识',
      '  要把握正确方向',
      '聚焦突出问题强化整改落实',
      '  要抓住关键环节',
      '压实工作责任确保取得实效',
      '  要加强督促检查',
      '',
    ]);
  });

  it('demotes a heading the user marks as text: it stays a paragraph of the one above', () => {
    const text = UNNUMBERED[0]!.text;
    const demoted = '坚持能力提升“赋能”，锻造过硬专业本领';
    const { json, notes } = parse(text, { corrections: { demote: [demoted] } });
    expect(outline(json.sections)).not.toContain(demoted);
    expect(json.sections.flatMap((s) => s.body)).toContain(demoted);
    expect(notes.some((n) => n.kind === 'heading' && n.line === demoted)).toBe(false);
  });

  it('infers nothing when the text has numbered headings of its own', () => {
    const text = `XX局整改工作总结\n一、主要做法\n坚持思想引领“铸魂”，筑牢干部队伍信念根基\n局党组全年开展集中学习12次，专题研讨4次，覆盖全体干部。\n坚持严管厚爱“强基”，激发干部干事创业活力\n修订完善干部考核办法，突出实绩导向，全年提拔干部8名。\n坚持能力提升“赋能”，锻造过硬专业本领\n举办专题培训班5期，培训干部300余人次，效果明显。\n二、下一步打算\n继续抓好落实。\n`;
    const { json } = parse(text);
    expect(json.sections.map((s) => s.marker + s.heading)).toEqual(['一、主要做法', '二、下一步打算']);
  });

  it('infers nothing from fewer than three such lines', () => {
    const { json } = parse('XX局工作总结\n今年以来，我局扎实推进各项工作，取得明显成效。\n坚持思想引领，筑牢信念根基\n全年开展集中学习12次，专题研讨4次，覆盖全体干部。\n坚持严管厚爱，激发干事活力\n修订完善干部考核办法，突出实绩导向，全年提拔干部8名。\n');
    expect(json.sections.filter((s) => s.heading.includes('，'))).toEqual([]);
  });
});
