import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors.ts';
import { trackTempFile, untrackTempFile } from '../temp-files.ts';

/**
 * The content-addressed evidence store: <dataDir>/evidence/sha256/ab/cd/<sha256>. On-disk names are
 * ASCII hex only (Chinese original names live in the database, away from Windows path and encoding
 * trouble); the same content is stored once; the name doubles as tamper evidence.
 *
 * Writing is crash-safe: bytes stream into a temp file inside the store (same filesystem, so the final
 * rename is atomic), hashed while copying, fsynced, then renamed into place and the folder fsynced.
 * Nothing is ever read whole into memory. A failure at any point removes the temp file, so a blob
 * either exists complete under its true hash or not at all.
 */

export const EVIDENCE_DIR = 'evidence';
const STORE_SUBDIR = 'sha256';
const TEMP_SUBDIR = 'tmp';
const TEMP_SUFFIX = '.part';

export interface StoreProgress {
  bytes: number;
  /** expected size when known */
  total: number | null;
}

export interface StoreOptions {
  /** called as bytes arrive (at most every 4 MB and at the end) */
  onProgress?: (progress: StoreProgress) => void;
  total?: number | null;
  /** the user-facing name of the source, for messages */
  displayName?: string;
  /** tests: how the temp file is opened (e.g. to simulate a full disk) */
  openTemp?: (file: string) => Promise<FileHandle>;
}

export interface StoredBlob {
  sha256: string;
  size: number;
  /** the content was already in the store */
  existed: boolean;
  /** lets garbage collection see the blob again; call once it is linked (or not needed) */
  release(): void;
}

export function storeRoot(dataDir: string): string {
  return path.join(dataDir, EVIDENCE_DIR, STORE_SUBDIR);
}

export function tempRoot(dataDir: string): string {
  return path.join(dataDir, EVIDENCE_DIR, STORE_SUBDIR, TEMP_SUBDIR);
}

/** Where a blob lives: sha256/ab/cd/<sha256>. */
export function blobPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('bad_input', '校验值格式不正确');
  return path.join(storeRoot(dataDir), sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

const PROGRESS_STEP = 4 * 1024 * 1024;

/**
 * Streams `source` (a Readable such as an HTTP request body, or any async iterable of chunks) into
 * the store, hashing as it goes; memory holds at most two chunks. Resolves with the content's
 * SHA-256 once the blob is durable.
 * Blobs being written are pinned (see `isPinned`) so garbage collection never races an attach.
 */
export async function storeStream(
  dataDir: string,
  source: Readable | AsyncIterable<Buffer | string>,
  options: StoreOptions = {},
): Promise<StoredBlob> {
  const name = options.displayName ?? '文件';
  const tmpDir = tempRoot(dataDir);
  await mkdir(tmpDir, { recursive: true }).catch((err: unknown) => {
    throw ioError(err, `无法在数据目录中建立佐证材料文件夹`, name);
  });
  // The writer's pid in the name: start-up maintenance removes a temp file at once when its writer is gone.
  const tmpFile = path.join(tmpDir, `${process.pid}-${randomUUID()}${TEMP_SUFFIX}`);
  trackTempFile(tmpFile);
  let handle: FileHandle | undefined;
  let stage: 'read' | 'write' = 'write';
  try {
    handle = await (options.openTemp ?? ((f: string) => open(f, 'wx')))(tmpFile);
    const hash = createHash('sha256');
    let bytes = 0;
    let nextReport = PROGRESS_STEP;
    const total = options.total ?? null;
    // One write in flight while the next chunk is read and hashed: disk and CPU overlap. At most one
    // pending write means a source that recycles a few buffers (readChunks) never sees one reused early.
    let pending: Promise<void> | null = null;
    const out = handle;
    try {
      stage = 'read';
      for await (const chunk of source) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        hash.update(buf);
        stage = 'write';
        if (pending) await pending;
        pending = writeAll(out, buf);
        // Surfaced by the await above or below; never left unhandled if reading fails meanwhile.
        pending.catch(() => undefined);
        stage = 'read';
        bytes += buf.length;
        if (options.onProgress && bytes >= nextReport) {
          options.onProgress({ bytes, total });
          nextReport = bytes + PROGRESS_STEP;
        }
      }
      stage = 'write';
      if (pending) await pending;
      pending = null;
    } finally {
      if (pending) await pending.catch(() => undefined);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    const sha256 = hash.digest('hex');
    pin(sha256);
    try {
      const final = blobPath(dataDir, sha256);
      // The same content is kept once. An existing file is trusted only if it still hashes right:
      // attaching the original again then repairs a damaged blob instead of linking to it.
      const existed = await isIntactBlob(dataDir, sha256, bytes);
      if (existed) {
        await unlink(tmpFile).catch(() => undefined);
      } else {
        await mkdir(path.dirname(final), { recursive: true });
        await rename(tmpFile, final);
        await fsyncDir(path.dirname(final));
      }
      options.onProgress?.({ bytes, total });
      // Still pinned: the caller links it in the database, then releases it.
      return { sha256, size: bytes, existed, release: () => unpin(sha256) };
    } catch (err) {
      unpin(sha256);
      throw err;
    }
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await rm(tmpFile, { force: true }).catch(() => undefined);
    if (err instanceof AppError) throw err;
    throw stage === 'read' ? readError(err, name) : ioError(err, '保存佐证材料失败', name);
  } finally {
    untrackTempFile(tmpFile);
  }
}

/** The pid of the process that is writing temp file `name` (null for names from before pids were recorded). */
export function tempWriterPid(name: string): number | null {
  const m = /^(\d+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.part$/.exec(path.basename(name));
  return m ? Number(m[1]) : null;
}

/**
 * Streams a local file into the store. Three 1 MB buffers are reused for the whole copy, so memory
 * stays flat for a 1 GB file instead of waiting for the garbage collector to free a fresh buffer
 * per chunk.
 */
export async function storeFile(dataDir: string, file: string, options: StoreOptions = {}): Promise<StoredBlob> {
  const displayName = options.displayName ?? path.basename(file);
  let size: number;
  let source: FileHandle;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new AppError('bad_input', `「${displayName}」是文件夹，不是文件；请选择文件夹中的文件`);
    if (!st.isFile()) throw new AppError('bad_input', `「${displayName}」不是普通文件，无法作为佐证材料`);
    size = st.size;
    source = await open(file, 'r');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw readError(err, displayName);
  }
  try {
    return await storeStream(dataDir, readChunks(source), { ...options, displayName, total: options.total ?? size });
  } finally {
    await source.close().catch(() => undefined);
  }
}

const CHUNK = 1024 * 1024;

/** Three buffers in rotation: one being written, one being hashed, one being read into. */
async function* readChunks(fh: FileHandle): AsyncGenerator<Buffer> {
  const bufs = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  for (let i = 0; ; i = (i + 1) % bufs.length) {
    const buf = bufs[i]!;
    const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
    if (bytesRead === 0) return;
    yield buf.subarray(0, bytesRead);
  }
}

async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buf.length) {
    const { bytesWritten } = await handle.write(buf, offset, buf.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error('no progress writing'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

async function isIntactBlob(dataDir: string, sha256: string, size: number): Promise<boolean> {
  try {
    const st = await stat(blobPath(dataDir, sha256));
    if (!st.isFile() || st.size !== size) return false;
  } catch {
    return false;
  }
  const again = await hashBlob(dataDir, sha256).catch(() => null);
  return again !== null && again.sha256 === sha256;
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; not supported on Windows, where NTFS journals the metadata.
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

// Counted: two attaches of the same content may overlap.
const pins = new Map<string, number>();

function pin(sha256: string): void {
  pins.set(sha256, (pins.get(sha256) ?? 0) + 1);
}

function unpin(sha256: string): void {
  const n = (pins.get(sha256) ?? 0) - 1;
  if (n > 0) pins.set(sha256, n);
  else pins.delete(sha256);
}

/**
 * Keeps garbage collection in this process away from `shas` until the returned release is called (a
 * backup copying them; a restore putting them back before the database names them).
 */
export function pinBlobs(shas: Iterable<string>): () => void {
  const held = [...shas];
  for (const sha of held) pin(sha);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const sha of held) unpin(sha);
  };
}

/** Blobs being written or linked right now in this process: garbage collection leaves them alone. */
export function isPinned(sha256: string): boolean {
  return pins.has(sha256);
}

/** Re-hashes a stored blob by streaming it; null when the file is missing. */
export async function hashBlob(dataDir: string, sha256: string): Promise<{ sha256: string; size: number } | null> {
  const file = blobPath(dataDir, sha256);
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    if (errCode(err) === 'ENOENT') return null;
    throw ioError(err, '读取佐证材料失败', sha256);
  }
  try {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of readChunks(fh)) {
      hash.update(chunk);
      size += chunk.length;
    }
    return { sha256: hash.digest('hex'), size };
  } catch (err) {
    if (errCode(err) === 'EISDIR') return null;
    throw ioError(err, '读取佐证材料失败', sha256);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

export async function deleteBlob(dataDir: string, sha256: string): Promise<number> {
  const file = blobPath(dataDir, sha256);
  try {
    const st = await stat(file);
    await unlink(file);
    return st.size;
  } catch (err) {
    if (errCode(err) === 'ENOENT') return 0;
    throw ioError(err, '删除无用的佐证材料文件失败', sha256);
  }
}

/** Every file in the store as <sha256> → size, and stale temp files (older than `tempAgeMs`). */
export async function scanStore(dataDir: string): Promise<{ blobs: Map<string, { size: number; mtimeMs: number }>; temps: string[] }> {
  const root = storeRoot(dataDir);
  const blobs = new Map<string, { size: number; mtimeMs: number }>();
  const temps: string[] = [];
  const list = async (dir: string): Promise<string[]> => {
    try {
      return await readdir(dir);
    } catch {
      return [];
    }
  };
  for (const a of await list(root)) {
    if (a === TEMP_SUBDIR) {
      for (const t of await list(path.join(root, a))) if (t.endsWith(TEMP_SUFFIX)) temps.push(path.join(root, a, t));
      continue;
    }
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of await list(path.join(root, a))) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      for (const f of await list(path.join(root, a, b))) {
        if (!/^[0-9a-f]{64}$/.test(f)) continue;
        try {
          const st = await stat(path.join(root, a, b, f));
          blobs.set(f, { size: st.size, mtimeMs: st.mtimeMs });
        } catch {
          // vanished while scanning: nothing to collect
        }
      }
    }
  }
  return { blobs, temps };
}

export function errCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A source that cannot be read: vanished, no permission, a name the OS rejects. */
export function readError(err: unknown, name: string): AppError {
  const code = errCode(err);
  switch (code) {
    case 'ENOENT':
      return new AppError('not_found', `找不到文件「${name}」：它可能已被移动、改名或删除`, { code });
    case 'EACCES':
    case 'EPERM':
      return new AppError('io', `没有权限读取文件「${name}」，请检查文件权限或先复制到本机`, { code });
    case 'EISDIR':
      return new AppError('bad_input', `「${name}」是文件夹，不是文件`, { code });
    case 'ENAMETOOLONG':
    case 'EILSEQ':
    case 'EINVAL':
      return new AppError('bad_input', `系统不接受文件名「${name}」（过长或含有不允许的字符），请改名后再添加`, { code });
    case 'EIO':
    case 'EBUSY':
      return new AppError('io', `读取文件「${name}」时出错（磁盘或网络位置不可用），未添加任何内容`, { code });
    default:
      return ioError(err, '读取文件失败', name);
  }
}

/** A failure writing into the data folder (full disk, permissions …). */
export function ioError(err: unknown, what: string, name: string): AppError {
  const code = errCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('io', `磁盘空间不足，「${name}」未能保存。请清理磁盘后重试；已写入的部分已删除，原有材料不受影响`, { code });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('io', `${what}：没有权限写入数据目录（${code}），「${name}」未保存`, { code });
  }
  if (code === 'ENAMETOOLONG' || code === 'EILSEQ' || code === 'EINVAL') {
    return new AppError('bad_input', `${what}：系统不接受文件名「${name}」（过长或含有不允许的字符）`, { code });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('io', `${what}（「${name}」）：${message}`, { code });
}
