// Family 7 of issue 13: a responsibility read from a sentence must name an organisation or a person.
import { describe, expect, it } from 'vitest';
import { isResponsibleName } from '../../../../shared/importer/responsible-names.ts';
import { OWNERS } from '../family-texts.ts';
import { measures, parse } from './parse.ts';

describe('owners named by ordinary sentences (family 7)', () => {
  it('does not take 专人 for a department, but takes 各部门 and 办公室', () => {
    const [a, b, c, d] = measures(parse(OWNERS[0]!.text).json.sections);
    expect(a!.measure!.department).toBeNull();
    expect(a!.body).toEqual(['明确由专人负责，每月更新。']);
    expect(b!.measure).toMatchObject({ department: '各部门', deadline: '2026年3月底前' });
    expect(c!.measure).toMatchObject({ department: '办公室；各科室', deadline: '2026年6月底前' });
    expect(d!.measure!.department).toBeNull();
    expect(JSON.stringify(d)).toContain('专人负责');
  });

  it.each(['专人', '有关人员', '大家', '我们', '本单位'])('%s is no owner', (v) => expect(isResponsibleName(v)).toBe(false));
  it.each(['办公室', '机关党委', '各党支部', '各部门', '分管副局长', '组织部、宣传部', '王某某', '张三'])('%s is an owner', (v) =>
    expect(isResponsibleName(v)).toBe(true),
  );
  it('trusts a name the directory knows', () => {
    expect(isResponsibleName('两新工委')).toBe(true);
    expect(isResponsibleName('欧阳明')).toBe(false);
    expect(isResponsibleName('欧阳明', ['欧阳明'])).toBe(true);
  });
});
