import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BackupKind } from '../../../shared/api/backup.ts';
import { PART_SUFFIX } from '../temp-files.ts';
import { SET_EVIDENCE, SET_PREFIX, parseSetFolderName } from './folder-names.ts';
import { readManifest, type Manifest } from './manifest.ts';

/**
 * What a backup location (a folder) holds: complete backup sets (a `备份_…` folder with its manifest),
 * sets that never finished (the temporary `.备份_….part` folders a killed or unplugged backup leaves —
 * never offered for restoring), and the single-file copies earlier versions made in backups/.
 */

export interface FoundSet {
  dir: string;
  name: string;
  /** from the folder name (local time) */
  at: Date;
  note: string;
  manifest: Manifest | null;
  /** why the set cannot be used (no or unreadable manifest); null when it has a valid manifest */
  problem: string | null;
}

export interface LegacyFile {
  file: string;
  kind: BackupKind;
  at: Date;
  size: number;
}

export interface LocationScan {
  location: string;
  /** newest first */
  sets: FoundSet[];
  legacy: LegacyFile[];
  /** temporary folders of backups that never finished */
  incomplete: string[];
}

/** A temporary folder of a set being written (electron/services/files/atomic-write.ts names it `.<name>.<hex>.part`). */
export function isIncompleteSetName(name: string): boolean {
  return name.startsWith(`.${SET_PREFIX}`) && name.endsWith(PART_SUFFIX);
}

/** The kind an earlier version's single-file copy stands for, from its name. */
export function legacyKind(name: string): BackupKind {
  if (name.startsWith('before-migration-')) return 'before-migration';
  if (name.startsWith('daily-')) return 'auto';
  return 'manual';
}

/** The date a legacy file's name gives (daily-YYYY-MM-DD), else its modification time. */
export function legacyDate(name: string, mtime: Date): Date {
  const m = /^daily-(\d{4})-(\d{2})-(\d{2})\.sqlite$/.exec(name);
  if (!m) return mtime;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), mtime.getHours(), mtime.getMinutes(), mtime.getSeconds());
}

/** Reads a location; a folder that does not exist (or cannot be read) holds nothing. */
export async function scanLocation(location: string, options: { legacy?: boolean } = {}): Promise<LocationScan> {
  const out: LocationScan = { location, sets: [], legacy: [], incomplete: [] };
  let names: string[];
  try {
    names = await readdir(location);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = path.join(location, name);
    if (isIncompleteSetName(name)) {
      out.incomplete.push(full);
      continue;
    }
    const parsed = parseSetFolderName(name);
    if (parsed) {
      const st = await stat(full).catch(() => null);
      if (!st?.isDirectory()) continue;
      const read = await readManifest(full);
      out.sets.push({ dir: full, name, at: parsed.at, note: parsed.note, manifest: read.ok ? read.manifest : null, problem: read.ok ? null : read.problem });
      continue;
    }
    if (options.legacy && name.endsWith('.sqlite')) {
      const st = await stat(full).catch(() => null);
      if (!st?.isFile()) continue;
      out.legacy.push({ file: full, kind: legacyKind(name), at: legacyDate(name, st.mtime), size: st.size });
    }
  }
  out.sets.sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  out.legacy.sort((a, b) => b.at.getTime() - a.at.getTime());
  return out;
}

export function evidenceFile(setDir: string, sha256: string): string {
  return path.join(setDir, SET_EVIDENCE, sha256);
}

/** Evidence files physically present in the location's complete sets: SHA-256 → one file holding it. */
export function evidenceIndex(scan: LocationScan): Map<string, string> {
  const index = new Map<string, string>();
  // Oldest first, so a blob keeps pointing at the set that first copied it.
  for (const set of [...scan.sets].reverse()) {
    if (!set.manifest?.verification.ok) continue;
    for (const e of set.manifest.evidence) {
      if (e.stored !== 'shared' && !index.has(e.sha256)) index.set(e.sha256, evidenceFile(set.dir, e.sha256));
    }
  }
  return index;
}

/**
 * The file holding one evidence entry of a set: its own copy, or — for evidence kept only once per
 * location (a file system without hard links) — the copy in another set of the same location.
 */
export async function locateEvidence(setDir: string, sha256: string, siblings: readonly FoundSet[]): Promise<string | null> {
  const own = evidenceFile(setDir, sha256);
  if ((await stat(own).catch(() => null))?.isFile()) return own;
  for (const s of siblings) {
    if (s.dir === setDir || !s.manifest) continue;
    if (!s.manifest.evidence.some((e) => e.sha256 === sha256 && e.stored !== 'shared')) continue;
    const f = evidenceFile(s.dir, sha256);
    if ((await stat(f).catch(() => null))?.isFile()) return f;
  }
  return null;
}
