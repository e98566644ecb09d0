import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';
import type { PickedFile } from '../../shared/api/bridge.ts';

/**
 * Documents to import travel to the renderer as base64 in one message; anything this large is not a
 * plan document, and reading it whole would freeze the window.
 */
export const MAX_PICKED_FILE_BYTES = 100 * 1024 * 1024;

export async function readPickedFile(file: string): Promise<PickedFile> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new AppError('io', `无法读取文件「${path.basename(file)}」，它可能已被移动或删除。`);
  }
  if (!info.isFile()) throw new AppError('bad_input', `「${path.basename(file)}」不是文件。`);
  if (info.size > MAX_PICKED_FILE_BYTES) {
    throw new AppError('bad_input', `文件「${path.basename(file)}」过大（超过 100 MB），无法导入。`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new AppError('io', `无法读取文件「${path.basename(file)}」，请检查它是否正被其他程序占用。`);
  }
  return { name: path.basename(file), dataBase64: bytes.toString('base64'), path: file, size: bytes.length };
}

/**
 * Writes `data` to `target` so that the target is either the old file or the complete new one, never
 * a half-written document: a temp file beside it, flushed to disk, then renamed over it.
 */
export async function writeFileAtomically(target: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') {
      throw new AppError('io', `无法保存到「${target}」：文件可能正被 Word/WPS 打开，或没有写入权限。请关闭该文件后重试，或换一个位置保存。`);
    }
    if (code === 'ENOSPC') throw new AppError('io', `无法保存到「${target}」：磁盘空间不足。`);
    throw new AppError('io', `无法保存到「${target}」：${(err as Error).message}`);
  }
}

/** A file name the renderer suggested, reduced to a bare name (no folders, no characters Windows refuses). */
export function safeFileName(name: string, fallback = '未命名'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned.slice(0, 200) || fallback;
}
