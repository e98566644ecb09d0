import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { blobPath, errCode } from '../evidence/blob-store.ts';
import { SET_EVIDENCE } from './folder-names.ts';
import type { EvidenceEntry } from './manifest.ts';

/**
 * The evidence part of a backup, copied incrementally: a file already in the backup location (same
 * SHA-256, in an earlier set) is hard-linked — no bytes copied, and the new set still holds it — or,
 * where the file system has no hard links (FAT32/exFAT USB drives, many network shares), left where
 * it is and named in the manifest as shared. Only new evidence is copied, and every copy is hashed
 * once written: a backup is never trusted on the strength of having been written.
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

/** Evidence copies run two at a time: one file's copy overlaps the other's hashing (about 1.4× faster than one by one). */
const COPIES_AT_ONCE = 2;

export async function copyEvidence(options: CopyEvidenceOptions): Promise<CopiedEvidence> {
  const dir = path.join(options.setDir, SET_EVIDENCE);
  await mkdir(dir, { recursive: true });
  const total = options.blobs.reduce((n, b) => n + b.size, 0);
  let done = 0;
  const report = (bytes: number): void => {
    done += bytes;
    options.onBytes?.(done, total);
  };
  // Evidence already in the location first (quick: a link or nothing), then the copies.
  const outcome = new Map<string, EvidenceEntry | EvidenceProblem>();
  const toCopy: { sha256: string; size: number }[] = [];
  let canLink = true;
  for (const blob of options.blobs) {
    const existing = options.index.get(blob.sha256);
    const existingSize = existing ? (await stat(existing).catch(() => null))?.size : undefined;
    if (!existing || existingSize !== blob.size) {
      toCopy.push(blob);
      continue;
    }
    let entry: EvidenceEntry | null = null;
    if (canLink) {
      try {
        await (options.linkFile ?? link)(existing, path.join(dir, blob.sha256));
        entry = { sha256: blob.sha256, size: blob.size, stored: 'linked' };
      } catch (err) {
        if (!NO_LINKS.has(errCode(err) ?? '')) throw err;
        canLink = false;
      }
    }
    if (!entry && !options.selfContained) entry = { sha256: blob.sha256, size: blob.size, stored: 'shared' };
    if (entry) {
      outcome.set(blob.sha256, entry);
      report(blob.size);
    } else toCopy.push(blob);
  }
  let next = 0;
  const copier = async (): Promise<void> => {
    while (next < toCopy.length) {
      const blob = toCopy[next++]!;
      const copied = await copyOne(options.dataDir, blob, path.join(dir, blob.sha256));
      outcome.set(blob.sha256, copied === 'copied' ? { sha256: blob.sha256, size: blob.size, stored: 'copied' } : { sha256: blob.sha256, state: copied });
      report(blob.size);
    }
  };
  await Promise.all(Array.from({ length: Math.min(COPIES_AT_ONCE, toCopy.length) }, copier));

  const out: CopiedEvidence = { entries: [], problems: [], copiedBytes: 0, reused: 0 };
  for (const blob of options.blobs) {
    const o = outcome.get(blob.sha256);
    if (!o) continue;
    if ('state' in o) out.problems.push(o);
    else {
      out.entries.push(o);
      if (o.stored === 'copied') out.copiedBytes += o.size;
      else out.reused++;
    }
  }
  return out;
}

/**
 * Copies one evidence file from the workbook (the system's own copy), flushes it, and hashes the copy:
 * it is good only if it hashes to the file's name. A workbook file that is gone or whose bytes no
 * longer match its name is reported (the backup cannot hold what the workbook lost), never copied as
 * if it were good; a copy that differs from a good original means the location's disk is failing.
 */
async function copyOne(dataDir: string, blob: { sha256: string; size: number }, dest: string): Promise<'copied' | 'missing' | 'altered'> {
  const source = blobPath(dataDir, blob.sha256);
  try {
    await copyFile(source, dest, constants.COPYFILE_EXCL);
  } catch (err) {
    if (errCode(err) === 'ENOENT' && !(await stat(source).catch(() => null))) return 'missing';
    throw err;
  }
  const fh = await open(dest, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  if ((await hashFile(dest)).sha256 === blob.sha256) return 'copied';
  await rm(dest, { force: true });
  const original = await hashFile(source).catch(() => null);
  if (original && original.sha256 !== blob.sha256) return 'altered';
  throw new AppError('io', `备份的佐证材料文件写入后校验不一致（${blob.sha256.slice(0, 12)}…），备份位置的磁盘或 U 盘可能有问题，请换一个位置重试。`);
}
