import { chineseNumeral } from '../../shared/numbering.ts';

/**
 * The text of a large plan as a secretary's .txt would hold it: `sections` × 8 aspects × 9 measures,
 * each with a lead sentence, body and responsibility line (6 sections = the 432-measure plan, ≈165 KB).
 */
export function generatePlanText(sections: number): string {
  const lines = ['中共XX市人大常委会党组', '2025年度民主生活会查摆问题整改方案', '为切实抓好问题整改，特制定本方案。'];
  let n = 0;
  for (let s = 1; s <= sections; s++) {
    lines.push(`${chineseNumeral(s)}、整改任务第${s}部分`);
    for (let a = 1; a <= 8; a++) {
      lines.push(`（${chineseNumeral(a)}）在强化政治忠诚、提高政治能力方面第${a}项`);
      for (let m = 1; m <= 9; m++) {
        n++;
        lines.push(
          `${n}.深化理论武装，筑牢政治忠诚思想根基。严格落实“第一议题”制度，党组会议、主任会议首先传达学习党中央最新决策部署；制定2026年度学习计划，每季度至少开展1次专题研讨，推动学习成果转化为履职实效。`,
        );
        lines.push(`（责任领导：党组书记、主任；责任部门：办公室、研究室；完成时限：2026年${(n % 12) + 1}月底前并长期坚持）`);
      }
    }
  }
  lines.push('附件：整改清单');
  return lines.join('\n');
}
