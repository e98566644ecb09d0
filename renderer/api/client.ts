import type { Api } from '../../shared/api/contract.ts';
import { TaskProgressSchema } from '../../shared/api/task-progress.ts';
import type { RectifyBridge, RpcEnvelope } from '../../shared/api/bridge.ts';
import { AppError } from '../../shared/errors.ts';
import { createApi, type Transport } from './create-api.ts';

declare global {
  interface Window {
    /** Present only inside the Electron app (preload bridge). */
    rectify?: RectifyBridge;
  }
}

function electronTransport(bridge: RectifyBridge): Transport {
  return async (method, input, onProgress) => {
    try {
      if (!onProgress) return await bridge.rpc({ method, input });
      return await bridge.rpc({ method, input }, (raw) => {
        // Progress crosses the process boundary too; a malformed event is dropped, never shown.
        const parsed = TaskProgressSchema.safeParse(raw);
        if (parsed.success) onProgress(parsed.data);
      });
    } catch {
      // The main process answers every call with an envelope; a rejected call never reached it (or
      // its answer was lost): a transport failure, which the editor keeps and retries.
      throw new AppError('io', '无法连接到工作台服务，请确认程序仍在运行');
    }
  };
}

/** The browser host: POST /api/rpc with the per-run token the host wrote into the page (no progress events). */
function httpTransport(): Transport {
  const token = document.querySelector<HTMLMetaElement>('meta[name="rectify-token"]')?.content ?? '';
  return async (method, input) => {
    let res: Response;
    const body = JSON.stringify({ method, input });
    try {
      res = await fetch('./api/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rectify-token': token },
        body,
        // A save sent while the page closes still reaches the host (browsers cap keepalive bodies at 64 KB).
        keepalive: body.length < 60_000,
      });
    } catch {
      throw new AppError('io', '无法连接到工作台服务，请确认程序仍在运行');
    }
    if (!res.ok) throw new AppError('io', `工作台服务拒绝了请求（${res.status}）：${await res.text().catch(() => '')}`);
    try {
      return (await res.json()) as RpcEnvelope;
    } catch {
      // The host went away while answering: whether the call took effect is unknown, so it is a
      // transport failure (kept and retried), not a refusal of the request.
      throw new AppError('io', '与工作台服务的连接中断，请确认程序仍在运行');
    }
  };
}

/** The one `api` the UI uses; it does not know which transport is underneath. */
export const api: Api = createApi(window.rectify ? electronTransport(window.rectify) : httpTransport());

/** A Chinese message for any error, for notifications. */
export function errorMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
