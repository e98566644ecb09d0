import { dialog, ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { z } from 'zod';
import {
  CHOOSE_PATHS_CHANNEL,
  CHOOSE_SAVE_PATH_CHANNEL,
  OPEN_ATTACHMENT_CHANNEL,
  OUTPUT_PATH_FIELDS,
  OPEN_FILES_CHANNEL,
  RPC_CHANNEL,
  SAVE_FILE_CHANNEL,
  type PickedFile,
  type RpcEnvelope,
} from '../../shared/api/bridge.ts';
import { AppError, toWireError } from '../../shared/errors.ts';
import { formatZodError } from '../../shared/api/validation.ts';
import type { Services } from '../services/index.ts';
import { readPickedFile, safeFileName, writeFileAtomically } from './files.ts';
import { isAppUrl } from './security.ts';

/**
 * Checklist item 17: a message is served only when it comes from the main frame of one of our windows
 * showing app://workbook. An iframe, a foreign page or a destroyed frame gets nothing.
 */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // Main frame only (VS Code's validatedIpcMain does the same): an iframe could host anything.
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

const rpcRequestSchema = z.object({
  method: z.string().min(1).max(200),
  input: z.unknown(),
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

const saveFileSchema = z.object({
  title: z.string().max(200),
  defaultName: z.string().max(260),
  filters: filtersSchema,
  dataBase64: z.base64(),
});

/** One RPC call: validated request shape, then the service layer (which validates the input itself). */
export async function handleRpc(services: Promise<Pick<Services, 'callByName'>>, raw: unknown): Promise<RpcEnvelope> {
  try {
    const parsed = rpcRequestSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('bad_input', formatZodError(parsed.error));
    const result = await (await services).callByName(parsed.data.method, parsed.data.input);
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
 * Paths the user picked in a native save dialog, each good for one service write. A service method
 * that writes (input fields in OUTPUT_PATH_FIELDS) runs over IPC only with such a path, so a page
 * can never make the services write somewhere the user did not choose.
 */
export class OutputGrants {
  private readonly granted = new Set<string>();
  grant(file: string): void {
    this.granted.add(path.resolve(file));
  }
  /** Throws unless every output path in `input` was granted; consumes the grants. */
  check(input: unknown): void {
    if (typeof input !== 'object' || input === null) return;
    const fields = input as Record<string, unknown>;
    const outputs = OUTPUT_PATH_FIELDS.map((f) => fields[f]).filter((v) => v !== undefined);
    for (const value of outputs) {
      if (typeof value !== 'string' || !this.granted.has(path.resolve(value))) {
        throw new AppError('bad_input', '只能保存到在“保存”对话框中选择的位置');
      }
    }
    for (const value of outputs) this.granted.delete(path.resolve(value as string));
  }
}

export interface IpcOptions {
  /** Resolves once the workbook is open; a failure (e.g. a newer database) reaches the UI as an RPC error. */
  services: Promise<Pick<Services, 'callByName'>>;
  /** The window dialogs are modal to. */
  getWindow: () => BrowserWindow | null;
  /** Where save dialogs start (the user's Documents folder). */
  defaultSaveDir: () => string;
  /** Output paths chosen in save dialogs (created by registerIpc when not given). */
  grants?: OutputGrants;
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

/** Native open dialog → the chosen paths only (the services stream large files from disk). */
export function choosePathsWithDialog(options: IpcOptions, raw: unknown): Promise<string[]> {
  return showOpenDialog(options, raw, '选择');
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

/** Native save dialog → the bytes written atomically. Cancelled → false. */
export async function saveFileWithDialog(options: IpcOptions, raw: unknown): Promise<boolean> {
  const request = parseOrThrow(saveFileSchema, raw);
  const chosen = await showSaveDialog(options, request);
  if (!chosen) return false;
  await writeFileAtomically(chosen, Buffer.from(request.dataBase64, 'base64'));
  return true;
}

const openAttachmentSchema = z.object({ attachmentId: z.string().min(1).max(200) });

/**
 * Opens a stored evidence file with the system program: the services copy it out under its original
 * name, and only that path — which we made, never one the page supplied — goes to shell.openPath.
 */
export async function openAttachment(options: IpcOptions, raw: unknown): Promise<null> {
  const { attachmentId } = parseOrThrow(openAttachmentSchema, raw);
  const services = await options.services;
  const envelope = await handleRpc(Promise.resolve(services), { method: 'evidence.copyOut', input: { attachmentId } });
  if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message);
  const { path: copy } = envelope.result as { path: string };
  const failure = await shell.openPath(copy);
  if (failure) throw new AppError('io', `无法用系统程序打开该文件：${failure}`);
  return null;
}

const REFUSED = '拒绝处理：请求不是来自整改方案工作台的主窗口。';

/** Registers the bridge's channels; returns a function that removes them (tests, shutdown). */
export function registerIpc(options: IpcOptions): () => void {
  const grants = options.grants ?? new OutputGrants();
  ipcMain.handle(RPC_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    try {
      grants.check((request as { input?: unknown } | null)?.input);
    } catch (err) {
      return { ok: false, error: toWireError(err) } satisfies RpcEnvelope;
    }
    return handleRpc(options.services, request);
  });
  ipcMain.handle(CHOOSE_PATHS_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    return envelope(() => choosePathsWithDialog(options, request));
  });
  ipcMain.handle(CHOOSE_SAVE_PATH_CHANNEL, (event, request: unknown) => {
    if (!isTrustedSender(event)) throw new Error(REFUSED);
    return envelope(() => chooseSavePathWithDialog({ ...options, grants }, request));
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
    return envelope(() => openAttachment(options, request));
  });
  return () => {
    ipcMain.removeHandler(CHOOSE_PATHS_CHANNEL);
    ipcMain.removeHandler(CHOOSE_SAVE_PATH_CHANNEL);
    ipcMain.removeHandler(OPEN_ATTACHMENT_CHANNEL);
    ipcMain.removeHandler(RPC_CHANNEL);
    ipcMain.removeHandler(OPEN_FILES_CHANNEL);
    ipcMain.removeHandler(SAVE_FILE_CHANNEL);
  };
}
