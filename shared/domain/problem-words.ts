// How plans label a problem and its measures (domain.md §8 items 16–17, issue 16 item 6). Shared by the
// importer (which pairs problems with measures) and the ledger (which shows each in its own column).

/** A paragraph describing the problem: 存在问题：… / 具体表现：… (or the category kept from a table). */
export const PROBLEM_DETAIL_LABEL = /^(?:存在问题|具体表现|问题表现|主要问题|突出问题|问题描述|问题类别)\s*[：:]/;
/** A paragraph stating the measure: 整改措施：… */
export const MEASURE_LABEL = /^(?:整改措施|整改举措|具体措施|主要措施|工作措施)\s*[：:]\s*/;

/**
 * A heading naming a category of problems: 政治建设方面, （一）在“学习”方面, 作风建设方面存在的问题 —
 * not a numbered 第1方面, which only counts.
 */
export function isAspectHeading(heading: string): boolean {
  const h = heading.replace(/[。；;，,：:]+$/, '');
  return /方面(?:的?(?:问题|不足)|存在的问题)?$/.test(h) && !/第\s*[\d一二三四五六七八九十]+\s*个?方面/.test(h) && h.length <= 30;
}

/** A heading that only organises the plan: 问题清单及整改安排, 整改任务, 关于第1方面问题的整改 … */
export function isStructuralHeading(heading: string): boolean {
  return /问题清单|整改(?:任务|措施|安排|举措|清单|台账|内容|事项)|问题及整改|具体问题|^(?:关于)?第\s*[\d一二三四五六七八九十]+\s*(?:个)?方面|问题的整改$|反馈(?:意见|问题)/.test(heading);
}
