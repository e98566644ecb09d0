/**
 * A plan's kind as one short word for lists (the 工作台's 类型 column). Kinds come from the importer's
 * title detection (shared/importer/kind.ts) and from the built-in templates' ids.
 */
const SHORT_LABELS: Record<string, string> = {
  'minzhu-shenghuohui': '民主生活会',
  'zuzhi-shenghuohui': '组织生活会',
  xuncha: '巡视巡察',
  'xunshi-xuncha': '巡视巡察',
  'zhuti-jiaoyu': '主题教育',
  shenji: '审计',
  zuofeng: '作风建设',
  'kaohe-ducha': '督查考核',
  'ducha-kaohe': '督查考核',
  report: '情况报告',
  'zhenggai-baogao': '情况报告',
  blank: '空白方案',
  other: '其他',
};

export function planKindLabel(kind: string): string {
  return SHORT_LABELS[kind] ?? '其他';
}
