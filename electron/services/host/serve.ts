import { AppError, toWireError, type WireError } from '../../../shared/errors.ts';
import type { TaskProgress } from '../../../shared/api/task-progress.ts';
import type { ServiceCaller } from '../index.ts';
import { ToServiceSchema, parseMessage, type FromService, type ServiceInit } from './messages.ts';

/** One end of the channel to the main process: the utility process's parentPort or a Node child's IPC. */
export interface ServicePort {
  post(message: FromService): void;
  onMessage(listener: (raw: unknown) => void): void;
}

export interface OpenedServices extends ServiceCaller {
  close(): void;
}

export interface ServeOptions {
  /** Opens the workbook (createServices; tests may substitute). */
  open: (init: ServiceInit) => Promise<OpenedServices>;
  /** Ends the process after `shutdown` (process.exit; tests observe it). */
  exit: (code: number) => void;
}

/** Progress events of one call are sent at most this often (the last one always): a verify of 10,000 files is not 10,000 messages. */
export const PROGRESS_INTERVAL_MS = 100;

function progressSender(port: ServicePort, id: number): (progress: TaskProgress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    const final = progress.total !== null && progress.done >= progress.total;
    if (!final && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    port.post({ type: 'progress', id, progress });
  };
}

/**
 * The service process's side of the channel: opens the workbook on `init`, answers each `call` with
 * an envelope (errors as Chinese wire errors, never a stack trace), forwards progress events, and
 * closes the database on `shutdown`. Calls run concurrently, as they did in one process.
 */
export function serveServices(port: ServicePort, options: ServeOptions): void {
  let services: Promise<OpenedServices> | null = null;
  let openError: WireError | null = null;

  async function answer(id: number, method: string, input: unknown, wantsProgress: boolean): Promise<void> {
    let envelope: FromService & { type: 'result' };
    try {
      if (!services) throw new AppError('internal', '服务尚未初始化');
      const opened = await services;
      const result = await opened.callByName(method, input, wantsProgress ? { onProgress: progressSender(port, id) } : {});
      envelope = { type: 'result', id, envelope: { ok: true, result } };
    } catch (err) {
      envelope = { type: 'result', id, envelope: { ok: false, error: openError ?? toWireError(err) } };
    }
    try {
      port.post(envelope);
    } catch (err) {
      // The result could not cross the process boundary (not plain data): say so instead of hanging the caller.
      port.post({ type: 'result', id, envelope: { ok: false, error: toWireError(err) } });
    }
  }

  port.onMessage((raw) => {
    let message;
    try {
      message = parseMessage(ToServiceSchema, raw);
    } catch (err) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id > 0) {
        port.post({ type: 'result', id, envelope: { ok: false, error: toWireError(err) } });
      }
      return;
    }
    switch (message.type) {
      case 'init': {
        if (services) return;
        services = options.open(message.options);
        services.then(
          () => port.post({ type: 'ready' }),
          (err: unknown) => {
            // The workbook cannot be opened (newer version, damaged, no permission): every call says why.
            openError = toWireError(err);
            port.post({ type: 'ready', error: openError });
          },
        );
        return;
      }
      case 'call':
        void answer(message.id, message.method, message.input, message.progress === true);
        return;
      case 'shutdown': {
        const closing = services ?? Promise.reject(new Error('not opened'));
        void closing
          .then((opened) => opened.close())
          .catch(() => undefined)
          .finally(() => {
            port.post({ type: 'closed' });
            options.exit(0);
          });
        return;
      }
    }
  });
}
