import { z } from 'zod';
import { TaskProgressSchema } from '../../../shared/api/task-progress.ts';
import { formatZodError } from '../../../shared/api/validation.ts';
import { AppError, type AppErrorCode, type WireError } from '../../../shared/errors.ts';

/**
 * What the main process and the service process say to each other over the utility process's port
 * (or a Node child's IPC channel under test). Both sides check every message against these schemas:
 * the process boundary is a trust boundary like any other.
 */

export const ServiceInitSchema = z.object({
  dataDir: z.string().min(1),
  resourcesDir: z.string().min(1).optional(),
  migrationsDir: z.string().min(1).optional(),
  /** start even when the workbook cannot be opened (the window then offers restoring a backup) */
  allowUnopened: z.boolean().optional(),
});
export type ServiceInit = z.infer<typeof ServiceInitSchema>;

const CallIdSchema = z.number().int().min(1);

export const ToServiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), options: ServiceInitSchema }),
  z.object({
    type: z.literal('call'),
    id: CallIdSchema,
    method: z.string().min(1).max(200),
    input: z.unknown(),
    /** whether the caller wants progress events for this call */
    progress: z.boolean().optional(),
  }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToService = z.infer<typeof ToServiceSchema>;

const WireErrorSchema = z.object({
  code: z.string().min(1).max(50),
  message: z.string(),
  details: z.unknown().optional(),
});

const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireErrorSchema }),
]);

export const FromServiceSchema = z.discriminatedUnion('type', [
  /** the workbook is open (or could not be opened: then every call answers with `error`) */
  z.object({ type: z.literal('ready'), error: WireErrorSchema.optional() }),
  z.object({ type: z.literal('result'), id: CallIdSchema, envelope: EnvelopeSchema }),
  z.object({ type: z.literal('progress'), id: CallIdSchema, progress: TaskProgressSchema }),
  /** the database is closed; the process exits next */
  z.object({ type: z.literal('closed') }),
]);
export type FromService = z.infer<typeof FromServiceSchema>;

/** A message from the other side, checked; a malformed one is an AppError (never acted upon). */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('internal', `服务进程间的消息格式不正确：${formatZodError(parsed.error)}`);
  return parsed.data;
}

export function errorFromWire(wire: z.infer<typeof WireErrorSchema>): AppError {
  return new AppError(wire.code as AppErrorCode, wire.message, wire.details);
}

export type { WireError };
