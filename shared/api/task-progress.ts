import { z } from 'zod';

/**
 * How far a long service call (import, export, evidence package, verify, backup) has got. Sent while
 * the call runs, over the same channel as the call itself (service process → main → the window), so a
 * progress bar never has to poll.
 */
export const TASK_KINDS = ['import', 'export', 'package', 'verify', 'backup'] as const;

export const TaskProgressSchema = z.object({
  task: z.enum(TASK_KINDS),
  /** what is happening now, for the user: 正在校验佐证材料 */
  stage: z.string().max(200),
  done: z.number().int().min(0),
  /** null when the amount of work is not known yet */
  total: z.number().int().min(0).nullable(),
});
export type TaskProgress = z.infer<typeof TaskProgressSchema>;

export type ProgressListener = (progress: TaskProgress) => void;
