import { AppError } from '../../../shared/errors.ts';
import type { CallOptions, ServiceCaller } from '../index.ts';
import { FromServiceSchema, errorFromWire, parseMessage, type ServiceInit, type ToService } from './messages.ts';

/** The main process's end of one running service process (utilityProcess in the app, a Node child under test). */
export interface ServiceChannel {
  post(message: ToService): void;
  onMessage(listener: (raw: unknown) => void): void;
  /** `code` null when the process was killed by a signal */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface ServiceCrash {
  /** the exit code (null: killed by a signal) */
  code: number | null;
  /** whether a new service process was started (false after repeated crashes) */
  restarted: boolean;
  /** calls that were running and have failed */
  interruptedCalls: number;
}

export interface ServiceClientOptions {
  spawn: () => ServiceChannel;
  init: ServiceInit;
  /** Told about every unexpected exit, after the new process (if any) has been started. */
  onCrash?: (crash: ServiceCrash) => void;
  /** Told when the workbook could not be opened (the message is the user's explanation). */
  onOpenFailed?: (error: AppError) => void;
  /** At most this many unexpected exits within `crashWindowMs` are restarted (default 3 in 60 s). */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** How long close() waits for the database to be closed before killing the process (default 5 s). */
  closeTimeoutMs?: number;
}

export interface ServiceClient extends ServiceCaller {
  /** Resolves once the current service process has opened the workbook (rejects with the reason it could not). */
  ready(): Promise<void>;
  /** Closes the database (checkpointing the WAL) and ends the process. */
  close(): Promise<void>;
}

export const SERVICE_CRASHED_MESSAGE = '后台服务意外退出，刚才的操作没有完成，已自动重新启动。请重试；正在编辑的内容会重新保存。';
export const SERVICE_GAVE_UP_MESSAGE = '后台服务多次意外退出，已停止自动重启，暂时无法保存。请关闭并重新打开整改方案工作台。';
const SERVICE_CLOSED_MESSAGE = '整改方案工作台正在退出，无法再处理请求。';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  onProgress: CallOptions['onProgress'];
}

/**
 * Calls into the service process through the same typed contract as in-process services: each call
 * is posted with an id and answered by an envelope; progress events arrive in between. When the
 * process dies unexpectedly its running calls fail with a Chinese `io` error (retryable: the editor's
 * save queue keeps the text and tries again), a new process is started, and `onCrash` is told.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const maxCrashes = options.maxCrashes ?? 3;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  const crashes: number[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let channel: ServiceChannel | null = null;
  let state: 'running' | 'gave-up' | 'closing' | 'closed' = 'running';
  let readiness: { promise: Promise<void>; resolve: () => void; reject: (err: AppError) => void };
  let closed: (() => void) | null = null;

  function newReadiness(): void {
    let resolve!: () => void;
    let reject!: (err: AppError) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Only ready() callers see the failure; it is also reported through onOpenFailed and every call.
    promise.catch(() => undefined);
    readiness = { promise, resolve, reject };
  }

  function onMessage(raw: unknown): void {
    let message;
    try {
      message = parseMessage(FromServiceSchema, raw);
    } catch (err) {
      // A malformed answer ends its call with the reason; a malformed progress event is just dropped.
      const { id, type } = (raw ?? {}) as { id?: unknown; type?: unknown };
      const call = type === 'result' && typeof id === 'number' ? pending.get(id) : undefined;
      if (call && typeof id === 'number') {
        pending.delete(id);
        call.reject(err);
      }
      return;
    }
    switch (message.type) {
      case 'ready':
        if (message.error) {
          const error = errorFromWire(message.error);
          readiness.reject(error);
          options.onOpenFailed?.(error);
        } else readiness.resolve();
        return;
      case 'progress':
        pending.get(message.id)?.onProgress?.(message.progress);
        return;
      case 'result': {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        if (message.envelope.ok) call.resolve(message.envelope.result);
        else call.reject(errorFromWire(message.envelope.error));
        return;
      }
      case 'closed':
        return;
    }
  }

  function failPending(message: string): number {
    const count = pending.size;
    for (const call of pending.values()) call.reject(new AppError('io', message));
    pending.clear();
    return count;
  }

  function start(): void {
    newReadiness();
    const current = options.spawn();
    channel = current;
    current.onMessage((raw) => {
      if (channel === current) onMessage(raw);
    });
    current.onExit((code) => {
      if (channel !== current) return;
      channel = null;
      if (state === 'closing' || state === 'closed') {
        state = 'closed';
        failPending(SERVICE_CLOSED_MESSAGE);
        closed?.();
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - (crashes[0] ?? now) > crashWindowMs) crashes.shift();
      const restart = crashes.length <= maxCrashes;
      const interruptedCalls = failPending(restart ? SERVICE_CRASHED_MESSAGE : SERVICE_GAVE_UP_MESSAGE);
      if (restart) start();
      else {
        state = 'gave-up';
        readiness.reject(new AppError('io', SERVICE_GAVE_UP_MESSAGE));
      }
      options.onCrash?.({ code, restarted: restart, interruptedCalls });
    });
    current.post({ type: 'init', options: options.init });
  }

  start();

  return {
    callByName(method, input, callOptions = {}) {
      if (state === 'gave-up') return Promise.reject(new AppError('io', SERVICE_GAVE_UP_MESSAGE));
      if (state !== 'running' || !channel) return Promise.reject(new AppError('io', SERVICE_CLOSED_MESSAGE));
      const id = nextId++;
      const target = channel;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress: callOptions.onProgress });
        try {
          target.post({ type: 'call', id, method, input, ...(callOptions.onProgress ? { progress: true } : {}) });
        } catch (err) {
          pending.delete(id);
          // Input that is not plain data is a bad request; anything else means the process has just
          // gone (its exit event is on the way) and the call never ran.
          if ((err as { name?: unknown } | null)?.name === 'DataCloneError') {
            reject(new AppError('bad_input', `请求无法发送给后台服务：${err instanceof Error ? err.message : String(err)}`));
          } else reject(new AppError('io', SERVICE_CRASHED_MESSAGE));
        }
      });
    },
    ready() {
      return readiness.promise;
    },
    close() {
      if (state === 'closed') return Promise.resolve();
      const current = channel;
      state = 'closing';
      if (!current) {
        state = 'closed';
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => current.kill(), options.closeTimeoutMs ?? 5000);
        closed = () => {
          clearTimeout(timer);
          resolve();
        };
        current.post({ type: 'shutdown' });
      });
    },
  };
}
