import { existsSync } from 'node:fs';
import { mkdir, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { BackupKind, BackupResult } from '../../../shared/api/backup.ts';
import type { ProgressListener } from '../../../shared/api/task-progress.ts';
import type { Db } from '../store/db.ts';
import { openConnection } from '../store/driver.ts';
import { sqlitePrimaryCode } from '../store/sqlite-errors.ts';
import { pinBlobs } from '../evidence/blob-store.ts';
import { formatSize } from '../evidence/attachments.ts';
import { writeFolderWith } from '../files/atomic-write.ts';
import { APP_NAME, appVersion } from '../app-version.ts';
import { SET_DATABASE, SET_MANIFEST, cleanNote, setFolderName } from './folder-names.ts';
import { MANIFEST_FORMAT, type Manifest } from './manifest.ts';
import { evidenceIndex, scanLocation } from './location-scan.ts';
import { snapshotDatabase, inspectCopy } from './snapshot.ts';
import { copyEvidence, hashFile, locationWriteError, type EvidenceProblem } from './evidence-copy.ts';
import { evidenceBlobs } from './workbook-counts.ts';

/**
 * Writes one backup set into a location: the database (online backup), the evidence it names
 * (incrementally) and the manifest, all inside a temporary `.备份_….part` folder that is renamed to
 * `备份_YYYYMMDD_HHMMSS[_说明]` only once everything is written, flushed and checked. A backup cut
 * short — kill -9, a full disk, a USB drive pulled out — therefore leaves only that temporary folder
 * (never listed, removed by the start-up maintenance), and the workbook is only ever read.
 */

export interface WriteSetOptions {
  db: Db;
  dataDir: string;
  /** the folder the set goes into */
  location: string;
  kind: BackupKind;
  note?: string | undefined;
  /** create the location when missing (backups/, `rectify backup --to DIR`); a backup location must exist */
  createLocation?: boolean;
  /** every file inside the set, even where the location cannot hard-link (导出工作台) */
  selfContained?: boolean;
  progress?: ProgressListener | undefined;
  /** the clock (tests) */
  now?: () => Date;
  /** free bytes at a folder (tests substitute a nearly full disk) */
  freeSpace?: (folder: string) => Promise<number>;
  /** how evidence is hard-linked (tests stand in a USB drive without hard links) */
  linkFile?: (existing: string, dest: string) => Promise<void>;
}

/** Room kept free beyond the backup itself: the disk also holds the workbook and everything else. */
export function spaceMargin(bytes: number): number {
  return 64 * 1024 * 1024 + Math.ceil(bytes * 0.05);
}

export async function freeBytes(folder: string): Promise<number> {
  const s = await statfs(folder);
  return Number(s.bavail) * Number(s.bsize);
}

function pageBytes(db: Db): number {
  return Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
}

/** The error a SQLite failure writing the copy means for the user (the copy is in the location, not the workbook). */
function copyError(err: unknown, location: string): AppError {
  if (err instanceof AppError) return err;
  const primary = sqlitePrimaryCode(err);
  if (primary === 13) return locationWriteError(Object.assign(new Error('full'), { code: 'ENOSPC' }), location);
  if (primary === 14 || primary === 10) return locationWriteError(Object.assign(new Error('io'), { code: 'EIO' }), location);
  return locationWriteError(err, location);
}

async function ensureLocation(location: string, create: boolean): Promise<void> {
  if (create) {
    await mkdir(location, { recursive: true }).catch((err: unknown) => Promise.reject(locationWriteError(err, location)));
    return;
  }
  const st = await stat(location).catch(() => null);
  if (!st?.isDirectory()) throw new AppError('io', `备份位置「${location}」现在无法访问（U 盘未插入或网络位置未连接），这次没有备份到那里。`);
}

/** Names of the attachments that use these evidence files, for the report. */
function describeProblems(file: string, driver: Db['driver'], problems: EvidenceProblem[]): string[] {
  if (problems.length === 0) return [];
  const copy = openConnection(file, { readonly: true, driver });
  try {
    const names = copy.prepare('SELECT original_name FROM attachments WHERE sha256 = ? ORDER BY added_at');
    return problems.map((p) => {
      const used = (names.all(p.sha256) as { original_name: string }[]).map((r) => `「${r.original_name}」`);
      const what = used.length > 0 ? used.join('、') : `文件 ${p.sha256.slice(0, 12)}…`;
      return p.state === 'missing'
        ? `工作台中的佐证材料${what}已缺失，未能备份（请从原件重新添加）`
        : `工作台中的佐证材料${what}内容已被改动，未能备份（请从原件重新添加）`;
    });
  } finally {
    copy.close();
  }
}

export async function writeBackupSet(options: WriteSetOptions): Promise<BackupResult> {
  const { db, location } = options;
  const report = (stage: string, done: number, total: number): void => options.progress?.({ task: 'backup', stage, done, total });
  await ensureLocation(location, options.createLocation ?? false);

  const scan = await scanLocation(location);
  const index = evidenceIndex(scan);
  const live = evidenceBlobs(db);
  const release = pinBlobs(live.map((b) => b.sha256));
  try {
    const needed = pageBytes(db) + live.filter((b) => !index.has(b.sha256)).reduce((n, b) => n + b.size, 0);
    const free = await (options.freeSpace ?? freeBytes)(location).catch(() => Number.POSITIVE_INFINITY);
    if (free < needed + spaceMargin(needed)) {
      throw new AppError(
        'disk_full',
        `备份位置「${location}」可用空间只有 ${formatSize(free)}，这次备份约需 ${formatSize(needed)}（另留 ${formatSize(spaceMargin(needed))} 余量），为免占满磁盘，没有备份。请清理空间或换一个位置。`,
        { skipped: true, free, needed },
      );
    }

    const createdAt = (options.now ?? (() => new Date()))();
    let named = createdAt;
    const note = cleanNote(options.note);
    // Two backups in the same second (立即备份 twice) get the next free second in their name.
    while (existsSync(path.join(location, setFolderName(named, note)))) named = new Date(named.getTime() + 1000);
    const target = path.join(location, setFolderName(named, note));

    const done: { result?: BackupResult } = {};
    await writeFolderWith(
      target,
      async (tmp) => {
        try {
          const dbFile = path.join(tmp, SET_DATABASE);
          report('正在复制数据库', 0, 1);
          await snapshotDatabase(db, dbFile, (p) => report('正在复制数据库', Math.max(0, p.totalPages - p.remainingPages), Math.max(1, p.totalPages)));
          const copy = inspectCopy(dbFile, db.driver);
          if (!(copy.integrity.length === 1 && copy.integrity[0] === 'ok')) {
            throw new AppError('io', '备份的数据库副本未通过完整性检查，备份未完成。请运行“rectify doctor”检查工作台和磁盘。', { integrity: copy.integrity.slice(0, 20) });
          }
          const evidenceMb = Math.ceil(copy.blobs.reduce((n, b) => n + b.size, 0) / (1024 * 1024));
          report('正在复制佐证材料（MB）', 0, evidenceMb);
          const evidence = await copyEvidence({
            dataDir: options.dataDir,
            setDir: tmp,
            blobs: copy.blobs,
            index,
            selfContained: options.selfContained ?? false,
            ...(options.linkFile ? { linkFile: options.linkFile } : {}),
            onBytes: (done) => report('正在复制佐证材料（MB）', Math.floor(done / (1024 * 1024)), evidenceMb),
          });
          report('正在校验备份', 0, 1);
          const dbHash = await hashFile(dbFile);
          const evidenceBytes = copy.blobs.reduce((n, b) => n + b.size, 0);
          const manifest: Manifest = {
            format: MANIFEST_FORMAT,
            formatVersion: 1,
            app: { name: APP_NAME, version: appVersion() },
            kind: options.kind,
            note,
            createdAt: createdAt.toISOString(),
            schemaVersion: copy.schemaVersion,
            sqlite: { driver: db.driver, version: db.sqliteVersion },
            counts: { plans: copy.counts.plans, measures: copy.counts.measures, attachments: copy.counts.attachments, evidenceFiles: evidence.entries.length },
            bytes: dbHash.size + evidenceBytes,
            database: { file: SET_DATABASE, size: dbHash.size, sha256: dbHash.sha256 },
            evidence: evidence.entries,
            evidenceProblems: evidence.problems,
            verification: { at: new Date().toISOString(), ok: true },
          };
          await writeFile(path.join(tmp, SET_MANIFEST), JSON.stringify(manifest, null, 1));
          report('正在校验备份', 1, 1);
          done.result = {
            path: target,
            createdAt: manifest.createdAt,
            kind: options.kind,
            plans: copy.counts.plans,
            measures: copy.counts.measures,
            attachments: copy.counts.attachments,
            bytesCopied: dbHash.size + evidence.copiedBytes,
            bytesTotal: manifest.bytes,
            location,
            evidenceReused: evidence.reused,
            evidenceProblems: describeProblems(dbFile, db.driver, evidence.problems),
          };
        } catch (err) {
          throw copyError(err, location);
        }
      },
      { dataDir: options.dataDir },
    );
    if (!done.result) throw new AppError('internal', '备份没有完成');
    return done.result;
  } finally {
    release();
  }
}
