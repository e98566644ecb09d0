import { contextBridge, ipcRenderer } from 'electron';
import {
  OPEN_ATTACHMENT_CHANNEL,
  OPEN_FILES_CHANNEL,
  RPC_CHANNEL,
  SAVE_FILE_CHANNEL,
  type PickedFile,
  type RectifyBridge,
  type RpcEnvelope,
} from '../../shared/api/bridge.ts';

/**
 * Runs sandboxed, bundled into one CommonJS file. Exposes exactly `window.rectify` — four named
 * functions over four fixed channels — and never ipcRenderer itself (checklist item 20).
 */

/** Dialog answers come as envelopes so a failure reaches the page as a plain Error with our Chinese message. */
function unwrap<T>(envelope: RpcEnvelope): T {
  if (envelope.ok) return envelope.result as T;
  const error = new Error(envelope.error.message);
  error.name = envelope.error.code;
  throw error;
}

const bridge: RectifyBridge = {
  rpc(request) {
    return ipcRenderer.invoke(RPC_CHANNEL, { method: request.method, input: request.input }) as Promise<RpcEnvelope>;
  },
  async openFiles(options) {
    return unwrap<PickedFile[]>((await ipcRenderer.invoke(OPEN_FILES_CHANNEL, options)) as RpcEnvelope);
  },
  async saveFile(options) {
    return unwrap<boolean>((await ipcRenderer.invoke(SAVE_FILE_CHANNEL, options)) as RpcEnvelope);
  },
  async openAttachment(attachmentId) {
    unwrap<null>((await ipcRenderer.invoke(OPEN_ATTACHMENT_CHANNEL, { attachmentId })) as RpcEnvelope);
  },
};

contextBridge.exposeInMainWorld('rectify', bridge);
