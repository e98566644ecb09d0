import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { notePendingWrite, trackTempFile, untrackTempFile } from '../temp-files.ts';

/**
 * The one way a file the user asked for is written (every export, the evidence package, the shell's
 * save dialog): into a temporary sibling, flushed to the disk (fsync), then renamed over the target.
 * The target is therefore the old file or the complete new one — never a half-written document, not
 * even after a power cut. A temporary left by an interrupted run (killed, power cut) is removed the
 * next time the same target is written.
 */

export interface AtomicWriteOptions {
  /** Create missing parent folders (the CLI's `-o new/folder/x.docx`); a dialog's choice always exists. */
  createFolder?: boolean;
  /**
   * The workbook's data folder: the temporary is noted there while it is written, so a temporary left by
   * a kill -9 or a power cut is found and removed by the start-up maintenance (and `rectify doctor`).
   * Without it the temporary is still removed on Ctrl+C and by the next write of the same target.
   */
  dataDir?: string;
}

/** Notes (or at least tracks, for Ctrl+C) a temporary while it is written; returns its release. */
async function holdTemp(temp: string, options: AtomicWriteOptions): Promise<() => Promise<void>> {
  if (options.dataDir) {
    const pending = await notePendingWrite(options.dataDir, temp);
    return () => pending.done();
  }
  trackTempFile(temp);
  return () => {
    untrackTempFile(temp);
    return Promise.resolve();
  };
}

const TEMP_SUFFIX = '.part';
/** A temporary this old beside a target belongs to a write that will never finish. */
const STALE_TEMP_MS = 60 * 60 * 1000;

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

function errCode(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/** A failed write as a Chinese user error naming the target and what to do. */
export function writeError(err: unknown, target: string): AppError {
  if (err instanceof AppError) return err;
  const code = errCode(err);
  if (code === 'EISDIR') return new AppError('bad_input', `「${target}」是文件夹，请给出文件名`, { code });
  if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES' || code === 'EROFS') {
    return new AppError('io', `无法保存到「${target}」：文件可能正被 Word/WPS 打开，或没有写入权限。请关闭该文件后重试，或换一个位置保存。`, { code });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('disk_full', `无法保存到「${target}」：磁盘空间不足。请清理磁盘后重试。`, { code });
  if (code === 'ENOENT') return new AppError('io', `无法保存到「${target}」：文件夹不存在。`, { code });
  if (code === 'ENAMETOOLONG' || code === 'EILSEQ' || code === 'EINVAL') {
    return new AppError('bad_input', `无法保存到「${target}」：系统不接受这个文件名（过长或含有不允许的字符）。`, { code });
  }
  return new AppError('io', `无法保存到「${target}」：${err instanceof Error ? err.message : String(err)}`, { code });
}

/** Removes temporaries of earlier, interrupted writes of the same target (best effort). */
async function removeStaleTemps(target: string): Promise<void> {
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(path.dirname(target));
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX) || !/^[0-9a-f]{12}$/.test(name.slice(prefix.length, -TEMP_SUFFIX.length))) continue;
    const full = path.join(path.dirname(target), name);
    try {
      if (now - (await stat(full)).mtimeMs > STALE_TEMP_MS) await rm(full, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/** fsync of a file or a folder (a folder's entry list; not supported everywhere, hence best effort there). */
async function syncPath(file: string, isFolder = false): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (isFolder) return;
    throw err;
  }
  try {
    await handle.sync();
  } catch (err) {
    if (!isFolder) throw err;
  } finally {
    await handle.close();
  }
}

async function prepare(target: string, options: AtomicWriteOptions): Promise<string> {
  const file = path.resolve(target);
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new AppError('bad_input', `「${target}」是文件夹，请给出文件名`);
  if (options.createFolder) await mkdir(path.dirname(file), { recursive: true }).catch((err: unknown) => Promise.reject(writeError(err, target)));
  await removeStaleTemps(file);
  return file;
}

/**
 * Writes a file whose content is produced by `fill` into the temporary path it is given (a stream, a
 * copy): `fill` must leave a complete file there. Resolves with the absolute target path.
 */
export async function writeFileWith(target: string, fill: (tempPath: string) => Promise<void>, options: AtomicWriteOptions = {}): Promise<string> {
  const file = await prepare(target, options);
  const temp = tempPathFor(file);
  const release = await holdTemp(temp, options);
  try {
    await fill(temp);
    await syncPath(temp);
    await rename(temp, file);
    await syncPath(path.dirname(file), true);
    return file;
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeError(err, target);
  } finally {
    await release();
  }
}

/** Writes `data` to `target` atomically (temp + fsync + rename). Resolves with the absolute target path. */
export function writeFileAtomic(target: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<string> {
  return writeFileWith(
    target,
    async (temp) => {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
      } finally {
        await handle.close();
      }
    },
    options,
  );
}

/**
 * Makes a folder atomically: `fill` writes every file into the temporary folder it is given, each file
 * is flushed, then the folder is renamed to `target`, which must not exist (the caller checks emptiness).
 */
export async function writeFolderWith(target: string, fill: (tempDir: string) => Promise<void>, options: AtomicWriteOptions = {}): Promise<string> {
  const folder = path.resolve(target);
  if (options.createFolder) await mkdir(path.dirname(folder), { recursive: true }).catch((err: unknown) => Promise.reject(writeError(err, target)));
  await removeStaleTemps(folder);
  const temp = tempPathFor(folder);
  const release = await holdTemp(temp, options);
  try {
    await mkdir(temp);
    await fill(temp);
    // A subfolder's own files are the filler's to flush; the folder entry is synced where the OS allows it.
    for (const entry of await readdir(temp, { withFileTypes: true })) await syncPath(path.join(temp, entry.name), entry.isDirectory());
    await syncPath(temp, true);
    await rename(temp, folder);
    await syncPath(path.dirname(folder), true);
    return folder;
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw writeError(err, target);
  } finally {
    await release();
  }
}
