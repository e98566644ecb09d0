import type { ProgressListener, TaskProgress } from '../../shared/api/task-progress.ts';

/**
 * The steps of a long task, for a caller that asked for progress (a no-op otherwise): call the result
 * with each stage's description as it starts, then once more when done (`done` reaches `stages`).
 */
export function taskSteps(ctx: { progress?: ProgressListener | undefined }, task: TaskProgress['task'], stages: number): (stage: string) => void {
  let done = 0;
  return (stage) => {
    ctx.progress?.({ task, stage, done: Math.min(done, stages), total: stages });
    done++;
  };
}
