import { contract, type Api, type InputOf, type MethodName, type OutputOf, type SendOptions } from '../../shared/api/contract.ts';
import { TaskProgressSchema, type ProgressListener } from '../../shared/api/task-progress.ts';
import type { RectifyBridge, RpcEnvelope } from '../../shared/api/bridge.ts';
import { AppError, fromWireError } from '../../shared/errors.ts';
import { formatZodError } from '../../shared/api/validation.ts';

declare global {
  interface Window {
    /** Present only inside the Electron app (preload bridge). */
    rectify?: RectifyBridge;
  }
}

type Transport = (method: string, input: unknown, onProgress?: ProgressListener) => Promise<RpcEnvelope>;

function electronTransport(bridge: RectifyBridge): Transport {
  return (method, input, onProgress) => {
    if (!onProgress) return bridge.rpc({ method, input });
    return bridge.rpc({ method, input }, (raw) => {
      // Progress crosses the process boundary too; a malformed event is dropped, never shown.
      const parsed = TaskProgressSchema.safeParse(raw);
      if (parsed.success) onProgress(parsed.data);
    });
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
    if (!res.ok) throw new AppError('io', `工作台服务拒绝了请求（${res.status}）：${await res.text()}`);
    return (await res.json()) as RpcEnvelope;
  };
}

export function createApi(transport: Transport): Api {
  return {
    async send<K extends MethodName>(name: K, input: InputOf<K>, options: SendOptions = {}): Promise<OutputOf<K>> {
      const envelope = await transport(name, input, options.onProgress);
      if (!envelope.ok) throw fromWireError(envelope.error);
      // The answer crosses a process boundary too: check it against the contract.
      const parsed = contract[name].output.safeParse(envelope.result);
      if (!parsed.success) throw new AppError('internal', `服务返回的数据不符合约定（${name}）：${formatZodError(parsed.error)}`);
      return parsed.data as OutputOf<K>;
    },
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
