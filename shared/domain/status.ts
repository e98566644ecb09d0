// 整改状态: the one vocabulary every layer uses; Chinese labels are what users read.
export const MEASURE_STATUSES = [
  'not_started',
  'in_progress',
  'ongoing',
  'mostly_done',
  'done',
  'close_requested',
  'closed',
  'not_done',
  'delayed',
] as const;

export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const STATUS_LABELS: Record<MeasureStatus, string> = {
  not_started: '未启动',
  in_progress: '正在推进',
  ongoing: '长期坚持',
  mostly_done: '基本完成',
  done: '已完成',
  close_requested: '申请销号',
  closed: '已销号',
  not_done: '未完成',
  delayed: '延期',
};

/** Completed for 完成率 purposes (domain.md §5.2; issue: completed = done + closed). */
export function isCompleted(status: MeasureStatus): boolean {
  return status === 'done' || status === 'closed';
}
