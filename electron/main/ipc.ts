import { dialog, ipcMain, shell, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  CHOOSE_FOLDER_CHANNEL,
  CHOOSE_PATHS_CHANNEL,
  CHOOSE_SAVE_PATH_CHANNEL,
  GRANT_DROPPED_PATH_CHANNEL,
  INPUT_PATH_FIELDS,
  OPEN_ATTACHMENT_CHANNEL,
  OUTPUT_PATH_FIELDS,
  OPEN_FILES_CHANNEL,
  PROGRESS_CHANNEL,
  RPC_CHANNEL,
  SAVE_FILE_CHANNEL,
  type PickedFile,
  type ProgressMessage,
  type RpcEnvelope,
} from '../../shared/api/bridge.ts';
import type { ProgressListener } from '../../shared/api/task-progress.ts';
import { AppError, toWireError } from '../../shared/errors.ts';
import { formatZodError } from '../../shared/api/validation.ts';
import { isOpenableName } from '../../shared/progress/evidence-names.ts';
import type { ServiceCaller } from '../services/index.ts';
import { writeFileAtomic } from '../services/files/atomic-write.ts';
import { readPickedFile, safeFileName } from './files.ts';
import { OpenCopies } from './open-copies.ts';
import { isAppUrl } from './security.ts';

/**
 * Checklist item 17: a message is served only when it comes from the main frame of one of our windows
 * showing app://workbook. An iframe, a foreign page or a destroyed frame gets nothing.
 */
export function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // Main frame only (VS Code's validatedIpcMain does the same): an iframe could host anything.
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

const rpcRequestSchema = z.object({
  method: z.string().min(1).max(200),
  input: z.unknown(),
  /** set by the preload when the page wants this call's progress events */
  progressId: z.string().min(1).max(100).optional(),
});

const filtersSchema = z
  .array(
    z.object({
      name: z.string().max(100),
      extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/)).max(30),
    }),
  )
  .max(20);

const openFilesSchema = z.object({
  title: z.string().max(200),
  filters: filtersSchema,
  multiple: z.boolean(),
});

const chooseSavePathSchema = z.object({
  title: z.string().max(200),
  defaultName: z.string().max(260),
  filters: filtersSchema,
});

const chooseFolderSchema = z.object({ title: z.string().max(200) });

const saveFileSchema = z.object({
  title: z.string().max(200),
  defaultName: z.string().max(260),
  filters: filtersSchema,
  dataBase64: z.base64(),
});

/**
 * One RPC call: validated request shape, then the services (in their own process, which validates the
 * input against the contract). `onProgress` receives the call's progress events when the page asked for them.
 */
export async function handleRpc(services: Promise<ServiceCaller>, raw: unknown, onProgress?: (progressId: string) => ProgressListener): Promise<RpcEnvelope> {
  try {
    const parsed = rpcRequestSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('bad_input', formatZodError(parsed.error));
    const { method, input, progressId } = parsed.data;
    const listener = progressId && onProgress ? onProgress(progressId) : undefined;
    const result = await (await services).callByName(method, input, listener ? { onProgress: listener } : {});
    return { ok: true, result };
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}

async function envelope(work: () => Promise<unknown>): Promise<RpcEnvelope> {
  try {
    return { ok: true, result: await work() };
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('bad_input', formatZodError(parsed.error));
  return parsed.data;
}

/**
 * Paths the user chose (in a native dialog, or by dropping a file into the window), each good for one
 * service call. A method whose input names a path in `fields` runs over IPC only with such a path, so
 * a page can never make the services touch a file the user did not pick.
 */
export class PathGrants {
  private readonly granted = new Map<string, number>();
  private readonly fields: readonly string[];
  private readonly refusal: string;
  constructor(fields: readonly string[], refusal: string) {
    this.fields = fields;
    this.refusal = refusal;
  }
  grant(file: string): void {
    const key = path.resolve(file);
    this.granted.set(key, (this.granted.get(key) ?? 0) + 1);
  }
  /** Throws unless every such path in `input` was granted; consumes the grants. */
  check(input: unknown): void {
    if (typeof input !== 'object' || input === null) return;
    const fields = input as Record<string, unknown>;
    const paths = this.fields.map((f) => fields[f]).filter((v) => v !== undefined);
    for (const value of paths) {
      if (typeof value !== 'string' || value === '' || !this.granted.has(path.resolve(value))) throw new AppError('bad_input', this.refusal);
    }
    for (const value of paths) {
      const key = path.resolve(value as string);
      const left = (this.granted.get(key) ?? 1) - 1;
      if (left > 0) this.granted.set(key, left);
      else this.granted.delete(key);
    }
  }
}

/** Where the services may write: paths picked in a native save dialog. */
export class OutputGrants extends PathGrants {
  constructor() {
    super(OUTPUT_PATH_FIELDS, '只能保存到在“保存”或“选择文件夹”对话框中选择的位置');
  }
}

/** What the services may read (evidence.attachPath): files picked in an open dialog or dropped into the window. */
export class AttachGrants extends PathGrants {
  constructor() {
    super(INPUT_PATH_FIELDS, '只能添加在“选择文件”对话框中选择或拖入窗口的文件');
  }
}

export interface IpcOptions {
  /** The services (their process); a failure to open the workbook (e.g. a newer database) reaches the UI as an RPC error. */
  services: Promise<ServiceCaller>;
  /** The window dialogs are modal to. */
  getWindow: () => BrowserWindow | null;
  /** Where save dialogs start (the user's Documents folder). */
  defaultSaveDir: () => string;
  /** Output paths chosen in save dialogs (created by registerIpc when not given). */
  grants?: OutputGrants;
  /** Files chosen in open dialogs or dropped into the window, for evidence.attachPath (created when not given). */
  attachGrants?: AttachGrants;
  /** The private folder of copies opened with the system's program (created when not given; removed at quit by its owner). */
  openCopies?: OpenCopies;
}

/** The native open dialog, modal to our window; the chosen paths ([] when cancelled). */
async function showOpenDialog(options: IpcOptions, raw: unknown, buttonLabel: string): Promise<string[]> {
  const request = parseOrThrow(openFilesSchema, raw);
  const properties: ('openFile' | 'multiSelections')[] = request.multiple ? ['openFile', 'multiSelections'] : ['openFile'];
  const dialogOptions = { title: request.title || '选择文件', buttonLabel, filters: request.filters, properties };
  const window = options.getWindow();
  const choice = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
  return choice.canceled ? [] : choice.filePaths;
}

/** Native open dialog → the chosen files read into memory. Cancelled → []. */
export async function openFilesWithDialog(options: IpcOptions, raw: unknown): Promise<PickedFile[]> {
  const files: PickedFile[] = [];
  for (const file of await showOpenDialog(options, raw, '打开')) files.push(await readPickedFile(file));
  return files;
}

/** Native open dialog → the chosen paths only (the services stream large files from disk), each granted for one attach. */
export async function choosePathsWithDialog(options: IpcOptions & { attachGrants: AttachGrants }, raw: unknown): Promise<string[]> {
  const chosen = await showOpenDialog(options, raw, '选择');
  for (const file of chosen) options.attachGrants.grant(file);
  return chosen;
}

/** The native save dialog, modal to our window; the chosen path (null when cancelled). */
async function showSaveDialog(options: IpcOptions, request: { title: string; defaultName: string; filters: z.infer<typeof filtersSchema> }): Promise<string | null> {
  const dialogOptions = {
    title: request.title || '保存文件',
    buttonLabel: '保存',
    defaultPath: path.join(options.defaultSaveDir(), safeFileName(request.defaultName)),
    filters: request.filters,
  };
  const window = options.getWindow();
  const choice = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

/** Native save dialog → the chosen path, granted for one service write. Cancelled → null. */
export async function chooseSavePathWithDialog(options: IpcOptions & { grants: OutputGrants }, raw: unknown): Promise<string | null> {
  const chosen = await showSaveDialog(options, parseOrThrow(chooseSavePathSchema, raw));
  if (chosen) options.grants.grant(chosen);
  return chosen;
}

/** Native folder dialog → the chosen folder, granted for one service call that names it as `folder`. Cancelled → null. */
export async function chooseFolderWithDialog(options: IpcOptions & { grants: OutputGrants }, raw: unknown): Promise<string | null> {
  const request = parseOrThrow(chooseFolderSchema, raw);
  const dialogOptions = {
    title: request.title || '选择文件夹',
    buttonLabel: '选择',
    defaultPath: options.defaultSaveDir(),
    properties: ['openDirectory' as const, 'createDirectory' as const],
  };
  const window = options.getWindow();
  const choice = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
  const chosen = choice.canceled ? null : (choice.filePaths[0] ?? null);
  if (chosen) options.grants.grant(chosen);
  return chosen;
}

/** Native save dialog → the bytes written atomically. Cancelled → false. */
export async function saveFileWithDialog(options: IpcOptions, raw: unknown): Promise<boolean> {
  const request = parseOrThrow(saveFileSchema, raw);
  const chosen = await showSaveDialog(options, request);
  if (!chosen) return false;
  await writeFileAtomic(chosen, Buffer.from(request.dataBase64, 'base64'));
  return true;
}

const openAttachmentSchema = z.object({ attachmentId: z.string().min(1).max(200) });

/** The message box that offers 另存为 for a file type that is never opened directly; true when chosen. */
async function offerSaveAs(options: IpcOptions, name: string): Promise<boolean> {
  const box = {
    type: 'warning' as const,
    title: '不能直接打开',
    message: `为安全起见，「${name}」这类文件不能在整改方案工作台中直接打开。`,
    detail: '只有常见的文档和图片（PDF、Word、WPS、Excel、OFD、文本、图片等）可以直接打开。可以把它另存到其他位置，确认来源可靠后再自行处理。',
    buttons: ['另存为…', '取消'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const window = options.getWindow();
  const answer = window ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
  return answer.response === 0;
}

/**
 * Opens a stored evidence file with the system program: the services copy it into a private folder
 * (removed when the app quits) under a cleaned-up name, and only that path — which we made, never one
 * the page supplied — goes to shell.openPath, and only for document and picture types. Anything else
 * (.exe, .bat, .lnk, .js, a disguised `invoice\u202Efdp.exe` …) is offered as 另存为 instead.
 */
export async function openAttachment(options: IpcOptions & { openCopies: OpenCopies }, raw: unknown): Promise<null> {
  const { attachmentId } = parseOrThrow(openAttachmentSchema, raw);
  const services = await options.services;
  const folder = await options.openCopies.newFolder();
  const { path: copy } = (await services.callByName('evidence.copyOut', { attachmentId, dir: folder })) as { path: string };
  const name = path.basename(copy);
  if (isOpenableName(name)) {
    const failure = await shell.openPath(copy);
    if (failure) throw new AppError('io', `无法用系统程序打开该文件：${failure}`);
    return null;
  }
  await rm(copy, { force: true });
  if (!(await offerSaveAs(options, name))) return null;
  const chosen = await showSaveDialog(options, { title: '另存为', defaultName: name, filters: [] });
  if (chosen) await services.callByName('evidence.saveCopy', { attachmentId, output: chosen });
  return null;
}

/** Sends one call's progress events to the window that made the call (while it still exists). */
function progressTo(sender: WebContents): (progressId: string) => ProgressListener {
  return (progressId) => (progress) => {
    if (sender.isDestroyed()) return;
    sender.send(PROGRESS_CHANNEL, { progressId, progress } satisfies ProgressMessage);
  };
}

/** A dropped file's path, as the preload reports it: absolute and of a sane length, else ignored. */
const droppedPathSchema = z.string().min(1).max(4096).refine((p) => path.isAbsolute(p) && !p.includes('\0'));

const REFUSED = '拒绝处理：请求不是来自整改方案工作台的主窗口。';

/** Registers the bridge's channels; returns a function that removes them (tests, shutdown). */
export function registerIpc(options: IpcOptions): () => void {
  const grants = options.grants ?? new OutputGrants();
  const attachGrants = options.attachGrants ?? new AttachGrants();
  const openCopies = options.openCopies ?? new OpenCopies();
  ipcMain.handle(RPC_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    try {
      const input = (request as { input?: unknown } | null)?.input;
      grants.check(input);
      attachGrants.check(input);
    } catch (err) {
      return { ok: false, error: toWireError(err) } satisfies RpcEnvelope;
    }
    return handleRpc(options.services, request, progressTo(event.sender));
  });
  ipcMain.on(GRANT_DROPPED_PATH_CHANNEL, (event, file: unknown) => {
    if (!isTrustedSender(event)) return;
    const parsed = droppedPathSchema.safeParse(file);
    if (parsed.success) attachGrants.grant(parsed.data);
  });
  ipcMain.handle(CHOOSE_PATHS_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    return envelope(() => choosePathsWithDialog({ ...options, attachGrants }, request));
  });
  ipcMain.handle(CHOOSE_SAVE_PATH_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    return envelope(() => chooseSavePathWithDialog({ ...options, grants }, request));
  });
  ipcMain.handle(CHOOSE_FOLDER_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    return envelope(() => chooseFolderWithDialog({ ...options, grants }, request));
  });
  ipcMain.handle(OPEN_FILES_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    return envelope(() => openFilesWithDialog(options, request));
  });
  ipcMain.handle(SAVE_FILE_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    return envelope(() => saveFileWithDialog(options, request));
  });
  ipcMain.handle(OPEN_ATTACHMENT_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    return envelope(() => openAttachment({ ...options, openCopies }, request));
  });
  return () => {
    ipcMain.removeAllListeners(GRANT_DROPPED_PATH_CHANNEL);
    ipcMain.removeHandler(CHOOSE_PATHS_CHANNEL);
    ipcMain.removeHandler(CHOOSE_SAVE_PATH_CHANNEL);
    ipcMain.removeHandler(CHOOSE_FOLDER_CHANNEL);
    ipcMain.removeHandler(OPEN_ATTACHMENT_CHANNEL);
    ipcMain.removeHandler(RPC_CHANNEL);
    ipcMain.removeHandler(OPEN_FILES_CHANNEL);
    ipcMain.removeHandler(SAVE_FILE_CHANNEL);
  };
}
