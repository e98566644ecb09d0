import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { BackupEntry } from '../../../shared/api/backup.ts';
import type { ProgressListener } from '../../../shared/api/task-progress.ts';
import { backupsDir } from '../store/backups.ts';
import { SET_DATABASE, SET_MANIFEST, parseSetFolderName } from './folder-names.ts';
import { readManifest } from './manifest.ts';
import { legacyDate, legacyKind, locateEvidence, scanLocation, type FoundSet, type LegacyFile } from './location-scan.ts';
import { inspectCopy } from './snapshot.ts';
import { hashFile } from './evidence-copy.ts';

/**
 * Backups as the list shows them (BackupEntry), found by path, and checked again (校验备份): the
 * database copy's SHA-256 and integrity_check, and the SHA-256 of every evidence file.
 */

export interface ResolvedBackup {
  entry: BackupEntry;
  /** null for an earlier version's single database file */
  set: FoundSet | null;
  /** the database file to restore from */
  databaseFile: string;
  /** the other sets of the same location (evidence a location keeps once may live in one of them) */
  siblings: FoundSet[];
}

function isLocal(dataDir: string, location: string): boolean {
  return path.resolve(location) === path.resolve(backupsDir(dataDir));
}

export function entryFromSet(dataDir: string, set: FoundSet, location: string): BackupEntry {
  const m = set.manifest;
  const problems = set.problem ? [set.problem] : m && !m.verification.ok ? ['写入后的校验没有通过'] : [];
  return {
    path: set.dir,
    createdAt: m?.createdAt ?? set.at.toISOString(),
    kind: m?.kind ?? 'manual',
    note: m?.note ?? set.note,
    plans: m?.counts.plans ?? 0,
    measures: m?.counts.measures ?? 0,
    attachments: m?.counts.attachments ?? 0,
    bytes: m?.bytes ?? 0,
    verified: problems.length === 0,
    location,
    local: isLocal(dataDir, location),
    format: 'set',
    schemaVersion: m?.schemaVersion ?? null,
    problems,
  };
}

export function entryFromLegacy(dataDir: string, file: LegacyFile, location: string): BackupEntry {
  let counts = { plans: 0, measures: 0, attachments: 0 };
  let schemaVersion: number | null = null;
  const problems: string[] = [];
  try {
    const copy = inspectCopy(file.file);
    if (copy.integrity.length === 1 && copy.integrity[0] === 'ok') counts = copy.counts;
    else problems.push('数据库副本未通过完整性检查');
    schemaVersion = copy.schemaVersion;
  } catch {
    problems.push('数据库副本无法读取');
  }
  return {
    path: file.file,
    createdAt: file.at.toISOString(),
    kind: file.kind,
    note: '',
    ...counts,
    bytes: file.size,
    // An earlier version wrote these without a check afterwards: verified only when checked now.
    verified: false,
    location,
    local: isLocal(dataDir, location),
    format: 'file',
    schemaVersion,
    problems,
  };
}

function notABackup(target: string): AppError {
  return new AppError('bad_input', `「${target}」不是整改方案工作台的备份（备份是名为“备份_日期_时间”的文件夹，其中有 manifest.json 和 workbook.sqlite）。`);
}

/** A backup by its path: a set folder, or a single .sqlite file of an earlier version. */
export async function resolveBackup(dataDir: string, target: string): Promise<ResolvedBackup> {
  const full = path.resolve(target);
  const st = await stat(full).catch(() => null);
  if (!st) throw new AppError('not_found', `找不到备份「${target}」：它可能已被删除，或所在的 U 盘未插入。`);
  const location = path.dirname(full);
  if (st.isFile()) {
    if (!full.endsWith('.sqlite')) throw notABackup(target);
    const name = path.basename(full);
    const legacy: LegacyFile = { file: full, kind: legacyKind(name), at: legacyDate(name, st.mtime), size: st.size };
    return { entry: entryFromLegacy(dataDir, legacy, location), set: null, databaseFile: full, siblings: [] };
  }
  if (!st.isDirectory()) throw notABackup(target);
  const scan = await scanLocation(location);
  let set = scan.sets.find((s) => path.resolve(s.dir) === full);
  if (!set) {
    // A set folder the user renamed: its manifest still says what it is.
    const read = await readManifest(full);
    if (!read.ok) throw notABackup(target);
    const parsed = parseSetFolderName(path.basename(full));
    set = { dir: full, name: path.basename(full), at: parsed?.at ?? new Date(read.manifest.createdAt), note: parsed?.note ?? read.manifest.note, manifest: read.manifest, problem: null };
  }
  return { entry: entryFromSet(dataDir, set, location), set, databaseFile: path.join(full, SET_DATABASE), siblings: scan.sets };
}

const MAX_LISTED = 20;

/** Checks a backup again; returns what is wrong with it (empty: intact). */
export async function verifyBackup(resolved: ResolvedBackup, progress?: ProgressListener): Promise<string[]> {
  const problems: string[] = [];
  const { set } = resolved;
  if (set && !set.manifest) return [set.problem ?? `缺少备份说明文件 ${SET_MANIFEST}`];
  const manifest = set?.manifest ?? null;
  const total = 1 + (manifest?.evidence.length ?? 0);
  progress?.({ task: 'verify', stage: '正在校验备份', done: 0, total });
  if (manifest) {
    const actual = await hashFile(resolved.databaseFile).catch(() => null);
    if (!actual) problems.push(`备份中的数据库文件 ${SET_DATABASE} 缺失或无法读取`);
    else if (actual.sha256 !== manifest.database.sha256 || actual.size !== manifest.database.size) problems.push(`备份中的数据库文件 ${SET_DATABASE} 已被改动或损坏`);
  }
  if (problems.length === 0) {
    try {
      const copy = inspectCopy(resolved.databaseFile);
      if (!(copy.integrity.length === 1 && copy.integrity[0] === 'ok')) problems.push(`备份中的数据库未通过完整性检查（${copy.integrity.length} 处错误）`);
    } catch {
      problems.push('备份中的数据库无法读取（已损坏）');
    }
  }
  progress?.({ task: 'verify', stage: '正在校验备份', done: 1, total });
  if (manifest && set) {
    let missing = 0;
    let altered = 0;
    let done = 1;
    for (const e of manifest.evidence) {
      const file = await locateEvidence(set.dir, e.sha256, resolved.siblings);
      const actual = file ? await hashFile(file).catch(() => null) : null;
      if (!actual) {
        if (++missing <= MAX_LISTED) problems.push(`佐证材料文件缺失：${e.sha256}`);
      } else if (actual.sha256 !== e.sha256) {
        if (++altered <= MAX_LISTED) problems.push(`佐证材料文件已损坏：${e.sha256}`);
      }
      progress?.({ task: 'verify', stage: '正在校验备份', done: ++done, total });
    }
    if (missing > MAX_LISTED) problems.push(`另有 ${missing - MAX_LISTED} 个佐证材料文件缺失`);
    if (altered > MAX_LISTED) problems.push(`另有 ${altered - MAX_LISTED} 个佐证材料文件已损坏`);
    if (!manifest.verification.ok) problems.push('写入后的校验没有通过');
  }
  return problems;
}

/** The entry with the outcome of checking it now. */
export function withVerification(entry: BackupEntry, problems: string[]): BackupEntry {
  return { ...entry, verified: problems.length === 0, problems };
}
