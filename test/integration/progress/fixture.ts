import type { DocNode, MeasureFields, PlanDocument } from '../../../shared/domain/document.ts';
import { emptyDocument, emptyMeasure } from '../../../shared/domain/document.ts';
import type { Services } from '../../../electron/services/index.ts';

/**
 * A small tracked plan: two problems with two measures each under 一、（一）/（二）, and one measure
 * under 二、 without a linked problem (grouped by its section). Paths: 一-1-1, 一-1-2, 一-2-1, 一-2-2, 二-1.
 */
function measure(heading: string, fields: Partial<MeasureFields>, problemKeys: string[] = []): DocNode {
  return {
    kind: 'measure',
    heading,
    body: [`${heading}的具体做法。`],
    style: {},
    measure: { ...emptyMeasure(), ...fields },
    problemKeys,
    children: [],
  };
}

function section(heading: string, children: DocNode[]): DocNode {
  return { kind: 'section', heading, body: [], style: {}, measure: null, problemKeys: [], children };
}

export function trackedPlanDocument(): PlanDocument {
  const doc = emptyDocument('中共某某局党组关于2025年度民主生活会查摆问题的整改方案', 'minzhu-shenghuohui');
  doc.addressee = '市委组织部';
  doc.issuer = '中共某某局党组';
  doc.problems = [
    { key: 'p1', category: '理论学习', text: '理论学习不够深入系统' },
    { key: 'p2', category: '作风建设', text: '形式主义问题仍有发生' },
  ];
  doc.sections = [
    section('存在问题及整改措施', [
      section('理论学习方面', [
        measure('深化理论武装', { leader: '党组书记张三', department: '办公室', person: '李四', deadline: '2026年3月底前', deadlineKind: 'date', deadlineDate: '2026-03-31' }, ['p1']),
        measure('健全学习制度', { leader: '副局长王五', department: '组织人事科', deadline: '2026年1月15日前', deadlineKind: 'date', deadlineDate: '2026-01-15' }, ['p1']),
      ]),
      section('作风建设方面', [
        measure('整治形式主义', { leader: '党组书记张三', department: '办公室', deadline: '长期坚持', deadlineKind: 'long_term' }, ['p2']),
        measure('精简会议文件', { leader: '副局长王五', department: '办公室', deadline: '2026年1月20日前', deadlineKind: 'date', deadlineDate: '2026-01-20' }, ['p2']),
      ]),
    ]),
    section('保障措施', [measure('加强组织领导', { leader: null, department: null, deadline: '立行立改', deadlineKind: 'immediate' })]),
  ];
  return doc;
}

export async function createTrackedPlan(s: Services): Promise<{ planId: string; measureIds: string[] }> {
  const plan = await s.call('plans.createFromDocument', { document: trackedPlanDocument() });
  const measures = await s.call('progress.measures', { planId: plan.id });
  return { planId: plan.id, measureIds: measures.map((m) => m.id) };
}

/** A plan with `n` measures spread over sections of 12 (the 432-measure benchmark shape). */
export function largePlanDocument(n: number): PlanDocument {
  const doc = emptyDocument('关于大型整改方案的整改方案', 'xunshi');
  const sections: DocNode[] = [];
  for (let i = 0; i < n; i += 12) {
    const children: DocNode[] = [];
    for (let j = i; j < Math.min(n, i + 12); j++) {
      doc.problems.push({ key: `p${j}`, category: `方面${Math.floor(j / 12) + 1}`, text: `第${j + 1}个问题：制度执行不到位，监督检查不够有力` });
      children.push(
        measure(`第${j + 1}项整改措施：健全制度并严格执行，定期开展监督检查`, {
          leader: `领导${j % 7}`,
          department: `部门${j % 11}`,
          person: `责任人${j % 13}`,
          deadline: '2026年6月底前',
          deadlineKind: 'date',
          deadlineDate: '2026-06-30',
          status: j % 3 === 0 ? 'done' : 'in_progress',
        }, [`p${j}`]),
      );
    }
    sections.push(section(`第${i / 12 + 1}方面问题的整改`, children));
  }
  doc.sections = sections;
  return doc;
}
