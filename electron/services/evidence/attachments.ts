import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Attachment, AttachMeta, AttachResult, EvidenceType } from '../../../shared/api/evidence.ts';
import { EVIDENCE_TYPES } from '../../../shared/api/evidence.ts';
import { guessEvidenceType } from '../../../shared/progress/evidence-names.ts';
import { newId, nowIso } from '../ids.ts';
import { findMeasure } from '../progress/measure-lookup.ts';
import { blobPath, ioError, storeFile, storeStream, type StoredBlob, type StoreOptions, type StoreProgress } from './blob-store.ts';
import { mimeFor } from './mime.ts';

/**
 * Attachments: rows linking a measure to a blob with the user's metadata. A row is only ever
 * written after its blob is complete and durable, so there is never a link to a missing file.
 */

interface AttachmentRow {
  id: string;
  node_id: string;
  plan_id: string;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  type: string;
  doc_date: string | null;
  note: string | null;
  added_by: string | null;
  added_at: string;
  removed_at: string | null;
}

const SELECT = `SELECT a.id, a.node_id, n.plan_id, a.sha256, b.size, b.mime, a.original_name, a.type, a.doc_date, a.note,
  a.added_by, a.added_at, a.removed_at FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 JOIN nodes n ON n.id = a.node_id`;

function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    measureId: r.node_id,
    planId: r.plan_id,
    sha256: r.sha256,
    size: r.size,
    mime: r.mime,
    originalName: r.original_name,
    type: (EVIDENCE_TYPES as readonly string[]).includes(r.type) ? (r.type as EvidenceType) : '其他',
    date: r.doc_date,
    note: r.note,
    addedBy: r.added_by,
    addedAt: r.added_at,
    removedAt: r.removed_at,
  };
}

export function getAttachment(db: Db, id: string): Attachment {
  const row = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AttachmentRow | undefined;
  if (!row) throw new AppError('not_found', `找不到佐证材料：${id}`);
  return toAttachment(row);
}

export function listAttachments(db: Db, filter: { measureId?: string; planId?: string; includeRemoved?: boolean }): Attachment[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.measureId !== undefined) {
    findMeasure(db, filter.measureId);
    where.push('a.node_id = ?');
    args.push(filter.measureId);
  }
  if (filter.planId !== undefined) {
    where.push('n.plan_id = ?');
    args.push(filter.planId);
  }
  if (!filter.includeRemoved) where.push('a.removed_at IS NULL');
  const sql = `${SELECT}${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY a.added_at, a.rowid`;
  return (db.prepare(sql).all(...args) as AttachmentRow[]).map(toAttachment);
}

export interface AttachContext {
  db: Db;
  dataDir: string;
}

export interface AttachStreamInput extends AttachMeta {
  measureId: string;
  /** the name the user knows the file by (shown and exported; never used on disk) */
  originalName: string;
  source: Readable;
  /** expected size when known (progress bars) */
  size?: number | null;
  onProgress?: (p: StoreProgress) => void;
  /** tests only: how the store opens its temp file (simulates a full disk) */
  openTemp?: StoreOptions['openTemp'];
}

function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const trimmed = base.trim();
  if (trimmed === '') throw new AppError('bad_input', '文件名不能为空');
  if (/[\u0000-\u001f]/.test(trimmed)) throw new AppError('bad_input', `文件名「${trimmed.replace(/[\u0000-\u001f]/g, '?')}」含有控制字符`);
  return trimmed;
}

/**
 * The store's core: attaches the bytes of `source` to a measure. Used with a file stream (CLI,
 * Electron after a dialog or drop) and with an HTTP request body (the web host's upload route).
 * The measure is checked before a byte is copied; the row is written only once the blob is durable.
 */
export async function attachStream(ctx: AttachContext, input: AttachStreamInput): Promise<AttachResult> {
  const originalName = cleanName(input.originalName);
  const ref = findMeasure(ctx.db, input.measureId);
  const blob = await storeStream(ctx.dataDir, input.source, {
    displayName: originalName,
    total: input.size ?? null,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    ...(input.openTemp ? { openTemp: input.openTemp } : {}),
  });
  return linkBlob(ctx, ref.measureId, originalName, blob, input);
}

export interface AttachPathInput extends AttachMeta {
  measureId: string;
  path: string;
  originalName?: string;
  onProgress?: (p: StoreProgress) => void;
}

export async function attachPath(ctx: AttachContext, input: AttachPathInput): Promise<AttachResult> {
  const originalName = cleanName(input.originalName ?? path.basename(input.path));
  const ref = findMeasure(ctx.db, input.measureId);
  const blob = await storeFile(ctx.dataDir, input.path, {
    displayName: originalName,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  return linkBlob(ctx, ref.measureId, originalName, blob, input);
}

async function linkBlob(
  ctx: AttachContext,
  measureId: string,
  originalName: string,
  blob: StoredBlob,
  meta: AttachMeta,
): Promise<AttachResult> {
  const id = newId();
  const now = nowIso();
  let existingId: string | undefined;
  try {
    ctx.db.transaction(() => {
      // The same file dropped twice on one measure is one piece of evidence, not two ledger entries.
      const same = ctx.db
        .prepare('SELECT id FROM attachments WHERE node_id = ? AND sha256 = ? AND original_name = ? AND removed_at IS NULL')
        .get(measureId, blob.sha256, originalName) as { id: string } | undefined;
      if (same) {
        existingId = same.id;
        return;
      }
      // The measure could have been deleted while the bytes were copying: fail cleanly, the blob is collected later.
      findMeasure(ctx.db, measureId);
      ctx.db
        .prepare('INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)')
        .run(blob.sha256, blob.size, mimeFor(originalName), now);
      ctx.db
        .prepare(
          `INSERT INTO attachments (id, node_id, sha256, original_name, type, doc_date, note, added_by, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          measureId,
          blob.sha256,
          originalName,
          meta.type ?? guessEvidenceType(originalName),
          meta.date ?? null,
          meta.note ?? null,
          meta.addedBy ?? null,
          now,
        );
    })();
  } finally {
    blob.release();
  }
  if (existingId !== undefined) {
    return { attachmentId: existingId, sha256: blob.sha256, size: blob.size, deduplicated: blob.existed, attachment: getAttachment(ctx.db, existingId) };
  }
  const attachment = getAttachment(ctx.db, id);
  return { attachmentId: id, sha256: blob.sha256, size: blob.size, deduplicated: blob.existed, attachment };
}

export function attachBuffer(ctx: AttachContext, input: AttachMeta & { measureId: string; originalName: string; data: Buffer }): Promise<AttachResult> {
  return attachStream(ctx, { ...input, source: Readable.from([input.data]), size: input.data.length });
}

export function updateAttachment(
  db: Db,
  input: { attachmentId: string; originalName?: string; type?: EvidenceType; date?: string | null; note?: string | null },
): Attachment {
  getAttachment(db, input.attachmentId);
  const sets: string[] = [];
  const args: (string | null)[] = [];
  if (input.originalName !== undefined) {
    sets.push('original_name = ?');
    args.push(cleanName(input.originalName));
  }
  if (input.type !== undefined) {
    sets.push('type = ?');
    args.push(input.type);
  }
  if (input.date !== undefined) {
    sets.push('doc_date = ?');
    args.push(input.date);
  }
  if (input.note !== undefined) {
    sets.push('note = ?');
    args.push(input.note);
  }
  if (sets.length > 0) db.prepare(`UPDATE attachments SET ${sets.join(', ')} WHERE id = ?`).run(...args, input.attachmentId);
  return getAttachment(db, input.attachmentId);
}

/** Soft unlink: the row stays (undo = restore) until the maintenance step purges it. */
export function removeAttachment(db: Db, id: string): Attachment {
  getAttachment(db, id);
  db.prepare('UPDATE attachments SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(nowIso(), id);
  return getAttachment(db, id);
}

export function restoreAttachment(db: Db, id: string): Attachment {
  const a = getAttachment(db, id);
  if (a.removedAt !== null) db.prepare('UPDATE attachments SET removed_at = NULL WHERE id = ?').run(id);
  return getAttachment(db, id);
}

export const DEFAULT_PREVIEW_LIMIT = 50 * 1024 * 1024;

/** The bytes for an in-app preview (images, PDF, text); large files are refused, not loaded. */
export async function readAttachment(ctx: AttachContext, id: string, maxBytes = DEFAULT_PREVIEW_LIMIT): Promise<{ attachment: Attachment; dataBase64: string }> {
  const attachment = getAttachment(ctx.db, id);
  if (attachment.size > maxBytes) {
    throw new AppError('bad_input', `「${attachment.originalName}」较大（${formatSize(attachment.size)}），无法在程序内预览，请用系统程序打开`);
  }
  try {
    const data = await readFile(blobPath(ctx.dataDir, attachment.sha256));
    return { attachment, dataBase64: data.toString('base64') };
  } catch (err) {
    throw missingBlob(err, attachment);
  }
}

export function missingBlob(err: unknown, a: Attachment): AppError {
  if ((err as { code?: string }).code === 'ENOENT') {
    return new AppError('corrupt_file', `佐证材料「${a.originalName}」的文件已丢失，请运行完整性检查并重新添加原件`);
  }
  return ioError(err, '读取佐证材料失败', a.originalName);
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${bytes} 字节`;
}
