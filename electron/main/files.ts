import { stat, readFile } from 'node:fs/promises';
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

/** A file name the renderer suggested, reduced to a bare name (no folders, no characters Windows refuses). */
export function safeFileName(name: string, fallback = '未命名'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned.slice(0, 200) || fallback;
}
