// 完成时限: stored verbatim (it is part of the document) plus a classification for sorting and warnings.
export const DEADLINE_KINDS = ['immediate', 'long_term', 'date', 'phased', 'periodic', 'relative', 'other'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  immediate: '立行立改',
  long_term: '长期坚持',
  date: '限期完成',
  phased: '分阶段',
  periodic: '定期',
  relative: '相对时限',
  other: '其他',
};
