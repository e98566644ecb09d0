import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  CHOOSE_FOLDER_CHANNEL,
  CHOOSE_PATHS_CHANNEL,
  CHOOSE_SAVE_PATH_CHANNEL,
  GRANT_DROPPED_PATH_CHANNEL,
  OPEN_ATTACHMENT_CHANNEL,
  OPEN_FILES_CHANNEL,
  PROGRESS_CHANNEL,
  RPC_CHANNEL,
  SAVE_FILE_CHANNEL,
  type PickedFile,
  type ProgressMessage,
  type RectifyBridge,
  type RpcEnvelope,
} from '../../shared/api/bridge.ts';

/**
 * Runs sandboxed, bundled into one CommonJS file. Exposes exactly `window.rectify` — the bridge's named
 * functions over fixed channels — and never ipcRenderer itself (checklist item 20).
 */

/** Dialog answers come as envelopes so a failure reaches the page as a plain Error with our Chinese message. */
function unwrap<T>(envelope: RpcEnvelope): T {
  if (envelope.ok) return envelope.result as T;
  const error = new Error(envelope.error.message);
  error.name = envelope.error.code;
  throw error;
}

let lastProgressId = 0;

const bridge: RectifyBridge = {
  rpc(request, onProgress) {
    if (!onProgress) return ipcRenderer.invoke(RPC_CHANNEL, { method: request.method, input: request.input }) as Promise<RpcEnvelope>;
    // The main process sends this call's progress events tagged with an id only this call knows.
    const progressId = `p${++lastProgressId}`;
    const listener = (_event: unknown, message: ProgressMessage | null) => {
      if (message?.progressId === progressId) onProgress(message.progress);
    };
    ipcRenderer.on(PROGRESS_CHANNEL, listener);
    const answer = ipcRenderer.invoke(RPC_CHANNEL, { method: request.method, input: request.input, progressId }) as Promise<RpcEnvelope>;
    return answer.finally(() => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, listener);
    });
  },
  async openFiles(options) {
    return unwrap<PickedFile[]>((await ipcRenderer.invoke(OPEN_FILES_CHANNEL, options)) as RpcEnvelope);
  },
  async saveFile(options) {
    return unwrap<boolean>((await ipcRenderer.invoke(SAVE_FILE_CHANNEL, options)) as RpcEnvelope);
  },
  async choosePaths(options) {
    return unwrap<string[]>((await ipcRenderer.invoke(CHOOSE_PATHS_CHANNEL, options)) as RpcEnvelope);
  },
  async chooseSavePath(options) {
    return unwrap<string | null>((await ipcRenderer.invoke(CHOOSE_SAVE_PATH_CHANNEL, options)) as RpcEnvelope);
  },
  async chooseFolder(options) {
    return unwrap<string | null>((await ipcRenderer.invoke(CHOOSE_FOLDER_CHANNEL, { title: options.title })) as RpcEnvelope);
  },
  pathForFile(file) {
    // Electron 32+ no longer puts File.path on dropped files; webUtils is the supported way.
    let found: string | null;
    try {
      found = webUtils.getPathForFile(file) || null;
    } catch {
      found = null;
    }
    // Only a File the user dropped or picked has a path, and only such a path may be attached: tell
    // the main process before the page can ask to attach it (messages arrive in order).
    if (found) ipcRenderer.send(GRANT_DROPPED_PATH_CHANNEL, found);
    return found;
  },
  async openAttachment(attachmentId) {
    unwrap<null>((await ipcRenderer.invoke(OPEN_ATTACHMENT_CHANNEL, { attachmentId })) as RpcEnvelope);
  },
};

contextBridge.exposeInMainWorld('rectify', bridge);
