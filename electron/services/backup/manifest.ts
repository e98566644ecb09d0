import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_KINDS } from '../../../shared/api/backup.ts';
import { SET_MANIFEST } from './folder-names.ts';

/**
 * manifest.json of a backup set: what it holds and the SHA-256 of every file, written last — a set
 * folder without a valid manifest is not a backup. Only this module reads or writes the format.
 */

export const MANIFEST_FORMAT = 'rectify-workbook-backup';

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const EvidenceEntrySchema = z.object({
  sha256: Sha256Schema,
  size: z.number().int().min(0),
  /**
   * copied: written into this set; linked: a hard link to the same file in an earlier set of the same
   * location; shared: kept only in another set of the location (its file system cannot hard-link)
   */
  stored: z.enum(['copied', 'linked', 'shared']),
});
export type EvidenceEntry = z.infer<typeof EvidenceEntrySchema>;

export const ManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(1),
  app: z.object({ name: z.string(), version: z.string() }),
  kind: z.enum(BACKUP_KINDS),
  note: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  sqlite: z.object({ driver: z.string(), version: z.string() }),
  counts: z.object({
    plans: z.number().int(),
    measures: z.number().int(),
    attachments: z.number().int(),
    evidenceFiles: z.number().int(),
  }),
  /** the database and every evidence file it references */
  bytes: z.number().int(),
  database: z.object({ file: z.string(), size: z.number().int(), sha256: Sha256Schema }),
  evidence: z.array(EvidenceEntrySchema),
  /** evidence the workbook had lost (or found altered) when the backup was made: not in the set */
  evidenceProblems: z.array(z.object({ sha256: Sha256Schema, state: z.enum(['missing', 'altered']) })),
  /** the check after writing: integrity_check of the copy and the hash of every evidence file written */
  verification: z.object({ at: z.string(), ok: z.boolean() }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export type ManifestRead = { ok: true; manifest: Manifest } | { ok: false; problem: string };

function parse(text: string): ManifestRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: '备份说明文件 manifest.json 已损坏（不是有效的 JSON）' };
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: '备份说明文件 manifest.json 的内容不完整或不是本程序的格式' };
  return { ok: true, manifest: parsed.data };
}

export async function readManifest(setDir: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(path.join(setDir, SET_MANIFEST), 'utf8');
  } catch {
    return { ok: false, problem: '缺少备份说明文件 manifest.json' };
  }
  return parse(text);
}

/** For the synchronous error messages of the store (which name the newest backup). */
export function readManifestSync(setDir: string): ManifestRead {
  let text: string;
  try {
    text = readFileSync(path.join(setDir, SET_MANIFEST), 'utf8');
  } catch {
    return { ok: false, problem: '缺少备份说明文件 manifest.json' };
  }
  return parse(text);
}
