import type { TaskProgress } from '../../shared/api/task-progress.ts';

/**
 * A long task's progress as a short label for its busy button, e.g. 正在校验佐证材料 12/40; null when
 * there is nothing countable to show (the browser host sends no progress events).
 */
export function progressLabel(progress: TaskProgress | null): string | null {
  if (!progress || progress.total === null || progress.total === 0) return null;
  return `${progress.stage} ${Math.min(progress.done, progress.total)}/${progress.total}`;
}
