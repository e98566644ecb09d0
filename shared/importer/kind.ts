// Plan kind from the title (domain.md §7.3 "Document-kind detection").

export const PLAN_KIND_LABELS: Record<string, string> = {
  'minzhu-shenghuohui': '民主生活会整改方案',
  'zuzhi-shenghuohui': '组织生活会整改清单',
  xuncha: '巡视巡察整改方案',
  'zhuti-jiaoyu': '主题教育检视整改方案',
  shenji: '审计整改方案',
  zuofeng: '作风建设整改',
  'kaohe-ducha': '督查考核反馈整改',
  report: '整改落实情况报告',
  other: '其他文稿',
};

const RULES: Array<[RegExp, string]> = [
  [/民主生活会/, 'minzhu-shenghuohui'],
  [/组织生活会/, 'zuzhi-shenghuohui'],
  [/巡视|巡察/, 'xuncha'],
  [/主题教育|学习教育|专题教育|党史学习/, 'zhuti-jiaoyu'],
  [/审计/, 'shenji'],
  [/作风|八项规定|四风|形式主义|官僚主义/, 'zuofeng'],
  [/督查|督导|督察|考核|考评|检查/, 'kaohe-ducha'],
  [/(?:情况|进展)的?(?:报告|通报|汇报)/, 'report'],
];

export function detectPlanKind(title: string): string {
  for (const [re, kind] of RULES) if (re.test(title)) return kind;
  return 'other';
}
