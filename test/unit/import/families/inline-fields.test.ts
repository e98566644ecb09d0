// Family 3 of issue 13: fields that run on after the measure's sentence (separated by ；) or close its
// paragraph in brackets of any kind — （） ［］ 【】 〔〕.
import { describe, expect, it } from 'vitest';
import { splitFieldTail } from '../../../../shared/importer/inline-fields.ts';
import { INLINE_FIELDS } from '../family-texts.ts';
import { measures, parse } from './parse.ts';

describe('fields inline after the measure (family 3)', () => {
  it('reads run-on labels after the lead sentence and keeps the sentence as the measure', () => {
    const [first, second, third] = measures(parse(INLINE_FIELDS[0]!.text).json.sections);
    expect(first!.heading).toBe('压减会议文件数量，严控会议规模');
    expect(first!.body).toEqual([]);
    expect(first!.measure).toEqual({ leader: '副秘书长 王某', department: '办公室、研究室', person: null, deadline: '2026年6月30日前', status: null });
    expect(second!.body).toEqual(['严把发文审核关。']);
    expect(second!.measure).toMatchObject({ leader: '副秘书长 赵某', department: '秘书处', deadline: '长期坚持' });
    // 配合单位 goes with the department in the contract JSON; no final 。 is required.
    expect(third!.measure).toMatchObject({ department: '综合处；信息处', deadline: '2026年3月底前' });
  });

  it('reads 〔责任单位：…〕 and 【牵头单位：…；责任单位：…】 at the end of the paragraph', () => {
    const [a, b, c] = measures(parse(INLINE_FIELDS[1]!.text).json.sections);
    expect(a!.body).toEqual(['推行“两步申报”。']);
    expect(a!.measure!.department).toBe('省发展改革委、商务厅');
    expect(b!.measure!.department).toBe('市商务局；市财政局');
    expect(b!.body).toEqual(['扩大短期险覆盖面。']);
    const both = measures(parse('XX局整改方案\n一、整改任务\n1.清理涉企收费。动态调整目录。【牵头单位：市发展改革委；责任单位：各县（市、区）人民政府】\n').json.sections)[0]!;
    expect(both.measure!.department).toBe('市发展改革委、各县（市、区）人民政府');
    expect(both.body).toEqual(['动态调整目录。']);
    expect(c!.measure).toMatchObject({ department: '市发展改革委', deadline: '2026年6月底前' });
  });

  it('reads labels run on after a comma or a space', () => {
    const text = 'XX局整改方案\n一、整改任务\n1.严控会议规模，牵头领导：副局长 赵某，牵头部门：办公室\n2.精简文件简报\u3000责任部门：综合科\u3000完成时限：2026年底前\n';
    const [a, b] = measures(parse(text).json.sections);
    expect(a!.heading).toBe('严控会议规模');
    expect(a!.measure).toMatchObject({ leader: '副局长 赵某', department: '办公室' });
    expect(b!.heading).toBe('精简文件简报');
    expect(b!.measure).toMatchObject({ department: '综合科', deadline: '2026年底前' });
  });

  it('says where the fields were read from', () => {
    const { notes } = parse(INLINE_FIELDS[0]!.text);
    const note = notes.find((n) => n.kind === 'field' && n.line === '压减会议文件数量，严控会议规模')!;
    expect(note.reason).toContain('责任领导“副秘书长 王某”');
    expect(note.reason).toContain('措施句之后接续的责任标签');
  });

  it.each([
    '要落实责任单位：各党支部的要求，认真开展自查。',
    '完善制度。整改情况：已完成，制度已印发。',
    '开展督查。牵头领导：王某。随后组织回头看，确保整改到位。',
  ])('leaves prose that only mentions a label as text: %s', (text) => {
    expect(splitFieldTail(text)).toBeNull();
  });
});
