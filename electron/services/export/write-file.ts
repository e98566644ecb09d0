import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';

/**
 * Writes the exported file beside its target and renames it into place, so an interrupted export
 * never leaves a truncated document under the user's file name.
 */
export async function writeDocxFile(target: string, data: Buffer): Promise<string> {
  const file = path.resolve(target);
  if (!/\.docx$/i.test(file)) throw new AppError('bad_input', `输出文件名须以 .docx 结尾：${target}`);
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new AppError('bad_input', `“${target}”是文件夹，请给出文件名`);
  const tmp = `${file}.${process.pid}.part`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as { code?: string }).code ?? '未知错误';
    throw new AppError('io', `无法写入“${target}”：${code}`);
  }
  return file;
}
