// Family 4 of issue 13 (domain.md §8 item 18): "3.1项…" is item 3 when 3 is the number due next — under
// the open heading or continuing a plan that numbers its items across sections — and an amount otherwise.
import { describe, expect, it } from 'vitest';
import { GLUED_NUMBERS } from '../family-texts.ts';
import { outline, parse } from './parse.ts';

describe('item numbers glued to a quantity (family 4)', () => {
  it('reads 3.1项 and 4.2家 as items 3 and 4 of a plan numbered on across （一）（二）', () => {
    expect(outline(parse(GLUED_NUMBERS[0]!.text).json.sections)).toEqual([
      '一、预算管理方面',
      '  （一）预算编制不精准',
      '    1.部分项目预算执行率偏低',
      '    2.年初预算到位率不高',
      '  （二）资产管理不规范',
      '    3.1项办公设备采购未按规定履行政府采购程序',
      '    4.2家下属单位固定资产账实不符',
      '二、财务管理方面',
      '  5.3笔往来款项超过3年未清理',
    ]);
  });

  it('reads 1.5个 as item 1 and 2.12.8万元 as item 2 when the items restart', () => {
    expect(outline(parse(GLUED_NUMBERS[1]!.text).json.sections)).toEqual([
      '一、发现的问题及整改措施',
      '  1.5个基建项目未办理竣工决算',
      '  2.12.8万元培训费未按规定报销',
      '  3.建立审计整改台账',
      '二、工作要求',
    ]);
  });

  it('keeps an amount that does not continue the numbering as prose', () => {
    const { json } = parse('XX局审计整改方案\n一、问题\n1.资金管理不规范。\n12.80万元资金未及时收回，占比36.72%。\n');
    expect(outline(json.sections)).toEqual(['一、问题', '  1.资金管理不规范']);
    expect(json.sections[0]!.children[0]!.body).toEqual(['12.80万元资金未及时收回，占比36.72%。']);
  });
});
