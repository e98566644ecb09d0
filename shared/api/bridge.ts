import type { WireError } from '../errors.ts';
import type { TaskProgress } from './task-progress.ts';

/** What crosses every transport for one call: `{ method, input }` in, an envelope out. */
export interface RpcRequest {
  method: string;
  input: unknown;
}

/** A progress event of one desktop call, sent by the main process on PROGRESS_CHANNEL while the call runs. */
export interface ProgressMessage {
  progressId: string;
  progress: TaskProgress;
}

export type RpcEnvelope = { ok: true; result: unknown } | { ok: false; error: WireError };

/** A file the user picked, read into memory (documents to import; not for large evidence files). */
export interface PickedFile {
  name: string;
  /** base64 of the file's bytes */
  dataBase64: string;
  /** absolute path where the platform knows it (Electron), for streaming large files */
  path?: string;
  size: number;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/**
 * What the Electron preload exposes as `window.rectify` (contextBridge). The browser host has no
 * bridge: the renderer then uses HTTP and a file input / download instead.
 */
export interface RectifyBridge {
  /** One contract call; `onProgress` receives the progress events of a long task while it runs (unchecked: the page checks them). */
  rpc(request: RpcRequest, onProgress?: (progress: unknown) => void): Promise<RpcEnvelope>;
  /** Native open dialog; resolves [] when cancelled. */
  openFiles(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<PickedFile[]>;
  /** Native save dialog; resolves false when cancelled. */
  saveFile(options: { title: string; defaultName: string; filters: FileFilter[]; dataBase64: string }): Promise<boolean>;
  /** Native open dialog that returns only paths: large files the services stream from disk. [] when cancelled. */
  choosePaths(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[]>;
  /**
   * Native save dialog that returns the chosen path (or null when cancelled) for a service to write
   * to — the main process lets a service write only to a path chosen this way.
   */
  chooseSavePath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /**
   * Native folder dialog (a backup location, where to export the workbook, a folder of backups to
   * restore from); null when cancelled. The folder is granted for one service call naming it as `folder`.
   */
  chooseFolder(options: { title: string }): Promise<string | null>;
  /**
   * The disk path of a dropped or chosen File, so the services stream it; null when it has none. The
   * path is also granted for one `evidence.attachPath` (the main process accepts no other paths).
   */
  pathForFile(file: File): string | null;
  /** Opens a copy of a stored evidence file with the system's program (by attachment id, never a path or URL). */
  openAttachment(attachmentId: string): Promise<void>;
}

export const RPC_CHANNEL = 'rectify:rpc';
export const OPEN_FILES_CHANNEL = 'rectify:open-files';
export const SAVE_FILE_CHANNEL = 'rectify:save-file';
export const OPEN_ATTACHMENT_CHANNEL = 'rectify:open-attachment';
export const CHOOSE_PATHS_CHANNEL = 'rectify:choose-paths';
export const CHOOSE_SAVE_PATH_CHANNEL = 'rectify:choose-save-path';
export const CHOOSE_FOLDER_CHANNEL = 'rectify:choose-folder';
/** main → window: ProgressMessage */
export const PROGRESS_CHANNEL = 'rectify:progress';
/** preload → main (one-way): the path of a File dropped into the window, granted for one attach */
export const GRANT_DROPPED_PATH_CHANNEL = 'rectify:grant-dropped-path';

/** Input fields naming a file or folder a service writes to: over IPC they must be a path the user chose. */
export const OUTPUT_PATH_FIELDS = ['output', 'dir', 'folder'] as const;

/**
 * Input fields naming a file a service reads (evidence.attachPath): over IPC they must be a path the
 * user chose in an open dialog or dropped into the window, so a page cannot read ~/.ssh/* into the store.
 */
export const INPUT_PATH_FIELDS = ['path'] as const;
