import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { BACKUP_KIND_LABELS, type RestorePreview, type RestoreResult } from '../../../shared/api/backup.ts';
import type { ProgressListener } from '../../../shared/api/task-progress.ts';
import { localDateTime } from '../../../shared/progress/dates.ts';
import type { ServiceContext, WorkbookControl } from '../context.ts';
import { DB_FILE } from '../store/database.ts';
import { backupsDir } from '../store/backups.ts';
import { openConnection } from '../store/driver.ts';
import { sqlitePrimaryCode } from '../store/sqlite-errors.ts';
import { blobPath, errCode, storeFile } from '../evidence/blob-store.ts';
import { notePendingWrite } from '../temp-files.ts';
import { cleanNote, setFolderName } from './folder-names.ts';
import { resolveBackup, type ResolvedBackup } from './catalog.ts';
import { locateEvidence } from './location-scan.ts';
import { hashFile } from './evidence-copy.ts';
import { countWorkbook, type WorkbookCounts } from './workbook-counts.ts';
import { writeBackupSet } from './writer.ts';

/**
 * Restoring a whole workbook from a backup, under running services: the backup is checked first;
 * the workbook as it is becomes a 恢复前自动备份 (or, when it cannot be read, its files are moved
 * aside into backups/ — never deleted); evidence the backup needs is copied back into the store; then,
 * with no other call running and the database closed, the file is replaced by an atomic rename and
 * the workbook is opened again. Until that rename the workbook is untouched.
 */

function describe(c: { plans: number; measures: number; attachments: number }): string {
  return `${c.plans} 个方案、${c.measures} 项措施、${c.attachments} 个佐证材料`;
}

function currentCounts(ctx: ServiceContext): WorkbookCounts | null {
  return ctx.workbook?.openError ? null : countWorkbook(ctx.db);
}

export async function previewRestore(ctx: ServiceContext, target: string): Promise<RestorePreview> {
  const resolved = await resolveBackup(ctx.dataDir, target);
  const b = resolved.entry;
  const current = currentCounts(ctx);
  const what = `${localDateTime(b.createdAt)} 的${BACKUP_KIND_LABELS[b.kind]}（${describe(b)}）`;
  const parts: string[] = [];
  if (current) {
    parts.push(
      `恢复后，当前工作台的全部内容（${describe(current)}${current.updatedAt ? `，最后修改于 ${localDateTime(current.updatedAt)}` : ''}）将被替换为 ${what}，备份之后所做的修改都不再出现在工作台中。`,
      '恢复前会先把当前工作台自动备份为“恢复前自动备份”，需要时可以从备份列表中再恢复回来。',
    );
  } else {
    parts.push(
      `当前的数据文件无法打开（${ctx.workbook?.openError?.code === 'db_corrupt' ? '已损坏' : '无法读取'}）。恢复后，工作台将是 ${what}。`,
      '现在的数据文件会移到数据目录的 backups 文件夹中保存，不会删除。',
    );
  }
  if (b.format === 'file') parts.push('这个备份是早期版本做的，只有数据库，不含佐证材料文件；工作台中现有的佐证材料文件会保留。');
  if (b.problems.length > 0) parts.push(`这个备份校验未通过，不能用于恢复：${b.problems.slice(0, 3).join('；')}`);
  return { backup: b, current, message: parts.join('') };
}

/** The backup's database is what it says it is: its SHA-256 (sets) and integrity_check. */
async function checkDatabase(resolved: ResolvedBackup, latest: number): Promise<void> {
  const { entry } = resolved;
  if (entry.problems.length > 0) throw new AppError('corrupt_file', `这个备份已损坏，不能恢复：${entry.problems.slice(0, 3).join('；')}。请选择其他备份。`);
  if (entry.schemaVersion === null) throw new AppError('corrupt_file', '这个备份中的数据库无法读取，不能恢复。请选择其他备份。');
  if (entry.schemaVersion > latest) {
    throw new AppError('newer_database', `这个备份由更新版本的整改方案工作台创建（数据版本 ${entry.schemaVersion}，本程序支持到 ${latest}），请升级程序后再恢复。`);
  }
  const manifest = resolved.set?.manifest;
  if (manifest) {
    const actual = await hashFile(resolved.databaseFile).catch(() => null);
    if (!actual || actual.sha256 !== manifest.database.sha256) throw new AppError('corrupt_file', '这个备份中的数据库文件已被改动或损坏，不能恢复。请选择其他备份，或先“校验备份”。');
  }
}

/** Puts the evidence the backup needs back into the workbook's store (content-addressed: what is there stays). */
async function restoreEvidence(dataDir: string, resolved: ResolvedBackup, progress: ProgressListener | undefined, releases: (() => void)[]): Promise<number> {
  const manifest = resolved.set?.manifest;
  if (!manifest || !resolved.set) return 0;
  const total = manifest.evidence.reduce((n, e) => n + e.size, 0);
  const totalMb = Math.ceil(total / (1024 * 1024));
  let done = 0;
  let restored = 0;
  for (const e of manifest.evidence) {
    progress?.({ task: 'backup', stage: '正在恢复佐证材料（MB）', done: Math.floor(done / (1024 * 1024)), total: totalMb });
    done += e.size;
    const live = await stat(blobPath(dataDir, e.sha256)).catch(() => null);
    if (live?.isFile() && live.size === e.size) continue;
    const source = await locateEvidence(resolved.set.dir, e.sha256, resolved.siblings);
    if (!source) throw new AppError('corrupt_file', `这个备份缺少佐证材料文件（${e.sha256.slice(0, 12)}…），不能完整恢复，工作台未改变。请先“校验备份”，或选择其他备份。`);
    const stored = await storeFile(dataDir, source, { displayName: `备份中的佐证材料 ${e.sha256.slice(0, 12)}…` });
    releases.push(stored.release);
    if (stored.sha256 !== e.sha256) throw new AppError('corrupt_file', `这个备份中的佐证材料文件已损坏（${e.sha256.slice(0, 12)}…），不能完整恢复，工作台未改变。请选择其他备份。`);
    restored++;
  }
  progress?.({ task: 'backup', stage: '正在恢复佐证材料（MB）', done: totalMb, total: totalMb });
  return restored;
}

async function syncPath(file: string): Promise<void> {
  const fh = await open(file, 'r');
  try {
    await fh.sync();
  } catch {
    // a folder on a system that cannot sync one
  } finally {
    await fh.close();
  }
}

/**
 * Whether this process alone has the workbook open: leaving WAL mode needs every other connection
 * (a `rectify` command, another window) gone. Replacing the file under them would hand them the wrong file.
 */
function ensureSoleUser(file: string, dataDir: string): void {
  const busy = new AppError('db_busy', `工作台正被其他程序使用（如正在运行的 rectify 命令），不能恢复。请关闭它后再试，工作台未改变。数据目录：${dataDir}`);
  let probe;
  try {
    probe = openConnection(file, { timeout: 1000 });
  } catch (err) {
    if (sqlitePrimaryCode(err) === 5 || sqlitePrimaryCode(err) === 6) throw busy;
    throw err;
  }
  try {
    const mode = probe.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw busy;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (sqlitePrimaryCode(err) === 5 || sqlitePrimaryCode(err) === 6) throw busy;
    throw err;
  } finally {
    probe.close();
  }
}

/** The files of a workbook that cannot be opened, moved into backups/ (kept, never deleted). */
async function moveAside(dataDir: string, now: Date): Promise<string | null> {
  const file = path.join(dataDir, DB_FILE);
  if (!(await stat(file).catch(() => null))) return null;
  const folder = path.join(backupsDir(dataDir), `被替换的数据文件_${setFolderName(now).slice(3)}`);
  await mkdir(folder, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) {
    await rename(`${file}${suffix}`, path.join(folder, `${DB_FILE}${suffix}`)).catch((err: unknown) => {
      if (errCode(err) !== 'ENOENT') throw err;
    });
  }
  await syncPath(folder);
  return folder;
}

function control(ctx: ServiceContext): WorkbookControl {
  if (!ctx.workbook) throw new AppError('internal', '这里不能恢复工作台（服务未通过 createServices 创建）');
  return ctx.workbook;
}

function hasContent(counts: WorkbookCounts, db: ServiceContext['db']): boolean {
  if (counts.plans > 0) return true;
  return Number((db.prepare('SELECT count(*) AS n FROM templates').get() as { n: number }).n) > 0;
}

export async function restoreWorkbook(ctx: ServiceContext, target: string): Promise<RestoreResult> {
  const workbook = control(ctx);
  const resolved = await resolveBackup(ctx.dataDir, target);
  await checkDatabase(resolved, workbook.migrations.length);
  const progress = ctx.progress;
  const file = path.join(ctx.dataDir, DB_FILE);
  const releases: (() => void)[] = [];
  try {
    const result = await workbook.replace(async ({ db, close }) => {
      let safetyBackup: string | null = null;
      if (db && hasContent(countWorkbook(db), db)) {
        const safety = await writeBackupSet({
          db,
          dataDir: ctx.dataDir,
          location: backupsDir(ctx.dataDir),
          kind: 'before-restore',
          note: cleanNote('恢复前自动备份'),
          createLocation: true,
          progress: progress ? (p) => progress({ ...p, stage: `恢复前自动备份：${p.stage}` }) : undefined,
        });
        safetyBackup = safety.path;
      }
      const evidenceRestored = await restoreEvidence(ctx.dataDir, resolved, progress, releases);

      progress?.({ task: 'backup', stage: '正在恢复数据库', done: 0, total: 1 });
      const part = path.join(ctx.dataDir, `.${DB_FILE}.${randomBytes(6).toString('hex')}.part`);
      const pending = await notePendingWrite(ctx.dataDir, part);
      let movedAside: string | null = null;
      try {
        await copyFile(resolved.databaseFile, part);
        await syncPath(part);
        const manifest = resolved.set?.manifest;
        if (manifest && (await hashFile(part)).sha256 !== manifest.database.sha256) {
          throw new AppError('io', '复制备份的数据库时校验不一致，磁盘可能有问题，工作台未改变。');
        }
        const wasOpen = db !== null;
        close();
        if (wasOpen) ensureSoleUser(file, ctx.dataDir);
        else movedAside = await moveAside(ctx.dataDir, new Date());
        await rename(part, file);
        await syncPath(ctx.dataDir);
      } finally {
        await rm(part, { force: true }).catch(() => undefined);
        await pending.done();
      }
      progress?.({ task: 'backup', stage: '正在恢复数据库', done: 1, total: 1 });
      return { restored: resolved.entry, safetyBackup, movedAside, evidenceRestored };
    });
    if (workbook.openError) throw workbook.openError;
    return result;
  } finally {
    for (const release of releases) release();
  }
}
