import { createHash } from 'node:crypto';
import { link, mkdir, open, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { blobPath, errCode } from '../evidence/blob-store.ts';
import { SET_EVIDENCE } from './folder-names.ts';
import type { EvidenceEntry } from './manifest.ts';

/**
 * The evidence part of a backup, copied incrementally: a file already in the backup location (same
 * SHA-256, in an earlier set) is hard-linked — no bytes copied, and the new set still holds it — or,
 * where the file system has no hard links (FAT32/exFAT USB drives, many network shares), left where
 * it is and named in the manifest as shared. Only new evidence is copied, and the bytes written are
 * hashed: a backup is never trusted on the strength of having been written.
 */

export interface EvidenceProblem {
  sha256: string;
  state: 'missing' | 'altered';
}

export interface CopyEvidenceOptions {
  dataDir: string;
  /** the set being written (its temporary folder) */
  setDir: string;
  blobs: readonly { sha256: string; size: number }[];
  /** evidence already in the location: SHA-256 → a file holding it */
  index: ReadonlyMap<string, string>;
  /** every file inside the set (导出工作台: the folder must work on its own) */
  selfContained: boolean;
  onBytes?: (done: number, total: number) => void;
  /** how a file is hard-linked (tests stand in a file system without hard links) */
  linkFile?: (existing: string, dest: string) => Promise<void>;
}

export interface CopiedEvidence {
  entries: EvidenceEntry[];
  problems: EvidenceProblem[];
  copiedBytes: number;
  /** linked or shared: not copied again */
  reused: number;
}

/** Link failures that mean "this file system cannot hard-link", not "something is wrong". */
const NO_LINKS = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EINVAL', 'EACCES']);

const CHUNK = 1024 * 1024;

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const fh = await open(file, 'r');
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    await fh.close();
  }
}

async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buf.length) {
    const { bytesWritten } = await fh.write(buf, offset, buf.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error('no progress writing'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/** A failure writing into the backup location, in the user's words. */
export function locationWriteError(err: unknown, location: string): AppError {
  if (err instanceof AppError) return err;
  const code = errCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('disk_full', `备份位置「${location}」的磁盘空间不足，备份未完成（已写入的部分已删除，工作台不受影响）。`, { code });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('io', `没有权限写入备份位置「${location}」（${code}），请检查该文件夹是否只读或换一个位置。`, { code });
  }
  if (code === 'ENOENT' || code === 'EIO' || code === 'ENODEV' || code === 'ENXIO' || code === 'ESTALE' || code === 'EHOSTDOWN') {
    return new AppError('io', `写入备份位置「${location}」时出错（U 盘可能已拔出或网络已断开），备份未完成，工作台不受影响。`, { code });
  }
  return new AppError('io', `写入备份位置「${location}」时出错：${err instanceof Error ? err.message : String(err)}`, { code });
}

export async function copyEvidence(options: CopyEvidenceOptions): Promise<CopiedEvidence> {
  const dir = path.join(options.setDir, SET_EVIDENCE);
  await mkdir(dir, { recursive: true });
  const out: CopiedEvidence = { entries: [], problems: [], copiedBytes: 0, reused: 0 };
  const total = options.blobs.reduce((n, b) => n + b.size, 0);
  let done = 0;
  let canLink = true;
  for (const blob of options.blobs) {
    const dest = path.join(dir, blob.sha256);
    const existing = options.index.get(blob.sha256);
    const existingSize = existing ? (await stat(existing).catch(() => null))?.size : undefined;
    let entry: EvidenceEntry | null = null;
    if (existing && existingSize === blob.size) {
      if (canLink) {
        try {
          await (options.linkFile ?? link)(existing, dest);
          entry = { sha256: blob.sha256, size: blob.size, stored: 'linked' };
        } catch (err) {
          if (!NO_LINKS.has(errCode(err) ?? '')) throw err;
          canLink = false;
        }
      }
      if (!entry && !options.selfContained) entry = { sha256: blob.sha256, size: blob.size, stored: 'shared' };
      if (entry) out.reused++;
    }
    if (!entry) {
      const copied = await copyOne(options.dataDir, blob, dest);
      if (copied === 'copied') {
        entry = { sha256: blob.sha256, size: blob.size, stored: 'copied' };
        out.copiedBytes += blob.size;
      } else out.problems.push({ sha256: blob.sha256, state: copied });
    }
    if (entry) out.entries.push(entry);
    done += blob.size;
    options.onBytes?.(done, total);
  }
  return out;
}

/**
 * Copies one evidence file from the workbook, hashing exactly the bytes it writes: the copy is good
 * only if they hash to the file's name. A workbook file that is gone or whose bytes no longer match
 * its name is reported (the backup cannot hold what the workbook lost), never copied as if it were
 * good. Reading, hashing and writing overlap (one write in flight while the next chunk is read and
 * hashed), so the copy runs at the speed of the slower of the disk and SHA-256.
 */
async function copyOne(dataDir: string, blob: { sha256: string; size: number }, dest: string): Promise<'copied' | 'missing' | 'altered'> {
  let input: FileHandle;
  try {
    input = await open(blobPath(dataDir, blob.sha256), 'r');
  } catch (err) {
    if (errCode(err) === 'ENOENT') return 'missing';
    throw err;
  }
  let written: string;
  try {
    written = await copyHashing(input, dest);
  } finally {
    await input.close();
  }
  if (written === blob.sha256) return 'copied';
  await rm(dest, { force: true });
  return 'altered';
}

/** Copies an open file to `dest` (new, flushed) and returns the SHA-256 of the bytes written. */
async function copyHashing(input: FileHandle, dest: string): Promise<string> {
  const output = await open(dest, 'wx');
  let pending: Promise<void> | null = null;
  try {
    const hash = createHash('sha256');
    // Three buffers in rotation: one being written, one being hashed, one being read into.
    const bufs = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    for (let i = 0; ; i = (i + 1) % bufs.length) {
      const buf = bufs[i]!;
      const { bytesRead } = await input.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const piece = buf.subarray(0, bytesRead);
      hash.update(piece);
      if (pending) await pending;
      pending = writeAll(output, piece);
      // Surfaced by the await above or below; never left unhandled if reading fails meanwhile.
      pending.catch(() => undefined);
    }
    if (pending) await pending;
    pending = null;
    await output.sync();
    return hash.digest('hex');
  } finally {
    if (pending) await pending.catch(() => undefined);
    await output.close();
  }
}
