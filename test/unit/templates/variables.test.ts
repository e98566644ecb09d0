import { describe, expect, it } from 'vitest';
import { TemplateDefinitionSchema, type TemplateDefinition, type TemplateDefinitionInput } from '../../../shared/templates/format.ts';
import { definitionPlaceholders, deriveVariables } from '../../../shared/templates/variables.ts';

const def = (input: Partial<TemplateDefinitionInput>): TemplateDefinition =>
  TemplateDefinitionSchema.parse({ kind: 'test', name: '测试模板', titlePattern: '{单位}整改方案', ...input });

const base = def({
  titlePattern: '{单位}{年度}年度整改方案',
  variables: [
    { name: '单位', hint: '如：XX局', required: true },
    { name: '年度', input: 'year' },
    { name: '会议' },
    { name: '落款', hint: '发文机关署名' },
  ],
  preamble: ['根据{会议}精神，共查摆问题{数量}条。'],
  sections: [{ kind: 'section', heading: '在{方面}方面', body: [], hint: '写{提示里的词}' }],
  issuer: '{落款}',
});

describe('由占位符推出模板变量', () => {
  it('按阅读顺序列出正文里的占位符（标题、开头、大纲、措施字段、落款），写作提示不算', () => {
    const d = def({
      titlePattern: '{单位}整改方案',
      preamble: ['{上级}部署'],
      sections: [
        {
          kind: 'section',
          heading: '{方面}',
          body: [],
          hint: '{提示}',
          examples: ['{示例}'],
          children: [{ kind: 'measure', heading: '措施', body: ['{做法}'], measure: { department: '{牵头部门}', cooperating: ['{配合}'], deadline: '{时限}' } }],
        },
      ],
      issuer: '{落款}',
      date: '{成文日期}',
    });
    expect(definitionPlaceholders(d)).toEqual(['单位', '上级', '方面', '做法', '牵头部门', '时限', '配合', '落款', '成文日期']);
  });

  it('声明过且仍出现的变量保留其设置；不再出现的去掉；原模板留待方案中填写的仍不算变量；新的占位符成为可选变量', () => {
    const edited = def({
      titlePattern: '{单位}{年度}年度{批次}整改方案',
      preamble: ['共查摆问题{数量}条。'],
      sections: [{ kind: 'section', heading: '在{方面}方面', body: ['{牵头部门}负责，{完成日期}前完成。'] }],
      issuer: '{落款}',
    });
    const vars = deriveVariables(edited, base);
    // Declared ones first, in their order (会议 gone); then the new ones in reading order ({方面}, {数量} stay free).
    expect(vars.map((v) => v.name)).toEqual(['单位', '年度', '落款', '批次', '牵头部门', '完成日期']);
    expect(vars[0]).toEqual(base.variables[0]);
    expect(vars[1]).toEqual(base.variables[1]);
    expect(vars.find((v) => v.name === '完成日期')).toMatchObject({ input: 'date', required: false, hint: '', defaultValue: '' });
    expect(vars.find((v) => v.name === '批次')).toMatchObject({ input: 'text', required: false });
  });

  it('未改动的模板推出同样的变量', () => {
    expect(deriveVariables(base, base)).toEqual(base.variables);
  });
});
