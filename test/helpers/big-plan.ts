import { emptyMeasure, type DocNode, type PlanDocument } from '../../shared/domain/document.ts';

/**
 * A generated plan of realistic shape and size (domain.md §1: hundreds of measures per plan): 6 aspects
 * × 8 problems × 9 measures = 432 measures by default, each with a lead sentence, a body sentence of
 * varying length and a responsibility line. Deterministic, so page counts are stable.
 */
export function bigPlan(options: { aspects?: number; problemsPerAspect?: number; measuresPerProblem?: number } = {}): PlanDocument {
  const aspects = options.aspects ?? 6;
  const perAspect = options.problemsPerAspect ?? 8;
  const perProblem = options.measuresPerProblem ?? 9;
  const problems: PlanDocument['problems'] = [];
  const themes = ['政治忠诚', '党性锤炼', '纪律规矩', '担当作为', '管党治党', '典型案例警示', '作风建设', '为民服务'];
  const deadlines = ['立行立改', '长期坚持', '2026年3月底前', '2026年6月30日前', '2026年底前并长期坚持'];
  const aspectNodes: DocNode[] = [];
  let n = 0;
  for (let a = 0; a < aspects; a++) {
    const theme = themes[a % themes.length] ?? '综合';
    const measures: DocNode[] = [];
    for (let p = 0; p < perAspect; p++) {
      const key = `P${a + 1}-${p + 1}`;
      problems.push({ key, category: `${theme}方面`, text: `在${theme}方面存在第${p + 1}项问题，学习贯彻不够深入，工作落实存在差距。` });
      for (let m = 0; m < perProblem; m++) {
        n++;
        const filler = '坚持问题导向，细化工作举措，明确责任分工，建立工作台账，定期调度推进，确保整改取得实效'.slice(0, 20 + ((n * 7) % 25));
        measures.push({
          kind: 'measure',
          heading: `健全第${n}项工作机制，推动${theme}要求落到实处。`,
          body: [`${filler}，每季度至少开展${(n % 4) + 1}次专题研究，形成制度成果${(n % 3) + 1}项。`],
          style: {},
          measure: {
            ...emptyMeasure(),
            leader: ['党组书记', '党组副书记、常务副主任', '分管副主任'][n % 3] ?? null,
            department: ['办公室', '研究室', '机关党委、人事处'][n % 3] ?? null,
            deadline: deadlines[n % deadlines.length] ?? null,
          },
          problemKeys: [key],
          children: [],
        });
      }
    }
    aspectNodes.push({
      kind: 'section',
      heading: `聚焦${theme}，着力解决突出问题`,
      body: [],
      style: {},
      measure: null,
      problemKeys: [],
      children: measures,
    });
  }
  const section = (heading: string, body: string[], children: DocNode[] = []): DocNode => ({
    kind: 'section',
    heading,
    body,
    style: {},
    measure: null,
    problemKeys: [],
    children,
  });
  return {
    title: '市人大常委会党组2025年度民主生活会查摆问题整改方案',
    kind: 'minzhu-shenghuohui',
    addressee: null,
    preamble: [
      '根据中央和省委、市委关于开好2025年度民主生活会的部署要求，市人大常委会党组紧扣会议主题，深入查摆问题，深刻剖析根源。为切实抓好整改落实，特制定本方案。',
    ],
    sections: [
      section('指导思想', ['坚持以习近平新时代中国特色社会主义思想为指导，坚持问题导向、目标导向、效果导向，确保问题逐项清零。']),
      section('整改任务与主要措施', [], aspectNodes),
      section('组织保障', ['党组书记履行第一责任人责任，班子成员落实“一岗双责”，抓好分管领域整改任务。']),
    ],
    problems,
    attachments: [],
    issuer: '中共XX市人大常委会党组',
    date: '2025年12月15日',
    level3Numbering: 'restart',
  };
}
