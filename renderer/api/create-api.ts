import { contract, type Api, type InputOf, type MethodName, type OutputOf, type SendOptions } from '../../shared/api/contract.ts';
import type { ProgressListener } from '../../shared/api/task-progress.ts';
import type { RpcEnvelope } from '../../shared/api/bridge.ts';
import { AppError, fromWireError } from '../../shared/errors.ts';
import { formatZodError } from '../../shared/api/validation.ts';

/**
 * One call over some transport (IPC, HTTP, or a test's stand-in): `{ method, input }` in, an envelope
 * out; progress events of a long task go to `onProgress` where the transport carries them.
 */
export type Transport = (method: string, input: unknown, onProgress?: ProgressListener) => Promise<RpcEnvelope>;

/**
 * The typed api over a transport. Kept apart from client.ts (which picks the page's transport from
 * `window`) so the editor's save path can run in Node against the real services.
 */
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
