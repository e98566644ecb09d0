import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { BackupPlan } from '../../../shared/api/backup.ts';
import type { PlanSummary } from '../../../shared/api/plans.ts';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../store/db.ts';
import { DB_FILE, openDatabase } from '../store/database.ts';
import { openConnection } from '../store/driver.ts';
import { blobPath, storeFile } from '../evidence/blob-store.ts';
import { trackTempFile, untrackTempFile } from '../temp-files.ts';
import { getPlanSummary } from '../plans/plan-repository.ts';
import { planRows } from '../exchange/pack.ts';
import { insertPlan } from '../exchange/unpack.ts';
import type { PlanRows } from '../exchange/package-format.ts';
import { newId, nowIso } from '../ids.ts';
import { resolveBackup, type ResolvedBackup } from './catalog.ts';
import { locateEvidence } from './location-scan.ts';
import { hashFile } from './evidence-copy.ts';

/**
 * 从备份恢复方案: one plan of a backup comes back as a new plan beside everything else — its outline,
 * problems, progress records (状态、销号、时限调整), attachments with their evidence files and its
 * version history (历史版本) — under new ids, so it never collides with the plan as it is now. The rows
 * are read and written as a plan package's are (exchange/pack.ts, exchange/unpack.ts). The editor's
 * undo steps stay behind: they belonged to the editing session of then.
 */

function usable(resolved: ResolvedBackup, latest: number): void {
  const { entry } = resolved;
  if (entry.problems.length > 0) throw new AppError('corrupt_file', `这个备份已损坏，不能从中恢复：${entry.problems.slice(0, 3).join('；')}。请选择其他备份。`);
  if (entry.schemaVersion === null) throw new AppError('corrupt_file', '这个备份中的数据库无法读取。请选择其他备份。');
  if (entry.schemaVersion > latest) {
    throw new AppError('newer_database', `这个备份由更新版本的整改方案工作台创建（数据版本 ${entry.schemaVersion}，本程序支持到 ${latest}），请升级程序后再恢复。`);
  }
}

/**
 * The backup's database, readable with today's schema: the file itself when it is of this version,
 * else a migrated copy in a temporary folder (the backup itself is never written to).
 */
async function openSource(resolved: ResolvedBackup, ctx: ServiceContext): Promise<{ db: Db; close: () => Promise<void> }> {
  const manifest = resolved.set?.manifest;
  if (manifest) {
    const actual = await hashFile(resolved.databaseFile).catch(() => null);
    if (!actual || actual.sha256 !== manifest.database.sha256) throw new AppError('corrupt_file', '这个备份中的数据库文件已被改动或损坏。请选择其他备份，或先“校验备份”。');
  }
  const migrations = ctx.workbook?.migrations;
  if (!migrations || resolved.entry.schemaVersion === migrations.length) {
    const db = openConnection(resolved.databaseFile, { readonly: true });
    return { db, close: () => Promise.resolve(db.close()) };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rectify-restore-'));
  trackTempFile(dir);
  await copyFile(resolved.databaseFile, path.join(dir, DB_FILE));
  const db = await openDatabase(dir, { migrations: [...migrations], backupBeforeMigration: false });
  return {
    db,
    close: async () => {
      db.close();
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      untrackTempFile(dir);
    },
  };
}

function userPlanFilter(db: Db): string {
  const drafts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'template_drafts'").get();
  return drafts ? 'AND p.id NOT IN (SELECT plan_id FROM template_drafts)' : '';
}

export async function listBackupPlans(ctx: ServiceContext, target: string): Promise<BackupPlan[]> {
  const resolved = await resolveBackup(ctx.dataDir, target);
  usable(resolved, ctx.workbook?.migrations.length ?? Number.MAX_SAFE_INTEGER);
  const source = openConnection(resolved.databaseFile, { readonly: true });
  let rows: { id: string; title: string; updated_at: string; measure_count: number }[];
  try {
    rows = source
      .prepare(
        `SELECT p.id, p.title, p.updated_at, (SELECT count(*) FROM nodes n WHERE n.plan_id = p.id AND n.kind = 'measure') AS measure_count
         FROM plans p WHERE 1 = 1 ${userPlanFilter(source)} ORDER BY p.updated_at DESC, p.id`,
      )
      .all() as typeof rows;
  } finally {
    source.close();
  }
  const live = ctx.workbook?.openError ? null : ctx.db;
  const exists = live?.prepare('SELECT 1 FROM plans WHERE id = ?');
  return rows.map((r) => ({ id: r.id, title: r.title, measureCount: Number(r.measure_count), updatedAt: r.updated_at, existsNow: exists?.get(r.id) !== undefined }));
}

/** The evidence files the plan needs, back in the store before the rows that name them. */
async function restoreBlobs(ctx: ServiceContext, resolved: ResolvedBackup, blobs: readonly { sha256: string; size: number }[], releases: (() => void)[]): Promise<void> {
  for (const b of blobs) {
    const sha = String(b.sha256);
    const live = await stat(blobPath(ctx.dataDir, sha)).catch(() => null);
    if (live?.isFile() && live.size === Number(b.size)) continue;
    // An earlier version's single-file backup has no evidence: the rows come back, `rectify verify` names the files.
    if (!resolved.set) continue;
    const source = await locateEvidence(resolved.set.dir, sha, resolved.siblings);
    if (!source) throw new AppError('corrupt_file', `这个备份缺少方案的佐证材料文件（${sha.slice(0, 12)}…），没有恢复。请先“校验备份”，或选择其他备份。`);
    const stored = await storeFile(ctx.dataDir, source, { displayName: `备份中的佐证材料 ${sha.slice(0, 12)}…` });
    releases.push(stored.release);
    if (stored.sha256 !== sha) throw new AppError('corrupt_file', `这个备份中的佐证材料文件已损坏（${sha.slice(0, 12)}…），没有恢复。请选择其他备份。`);
  }
}

export async function restorePlanFromBackup(ctx: ServiceContext, target: string, planId: string): Promise<PlanSummary> {
  const resolved = await resolveBackup(ctx.dataDir, target);
  const live = ctx.db;
  usable(resolved, ctx.workbook?.migrations.length ?? Number.MAX_SAFE_INTEGER);
  const source = await openSource(resolved, ctx);
  let rows: PlanRows;
  try {
    if (source.db.prepare('SELECT 1 FROM template_drafts WHERE plan_id = ?').get(planId)) {
      throw new AppError('bad_input', '这是修改模板内容时的编辑稿，不是方案，不能单独恢复。');
    }
    // The same rows a plan package (.rectify) carries: outline, problems, progress records, attachments, versions.
    rows = planRows(source.db, planId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw new AppError('not_found', `备份中没有这个方案：${planId}`);
    throw err;
  } finally {
    await source.close();
  }
  const releases: (() => void)[] = [];
  try {
    await restoreBlobs(ctx, resolved, rows.blobs, releases);
    // New ids throughout, so the plan never collides with what the workbook has now (the plan itself, or a restored copy).
    const fresh = new Map<string, string>();
    const ids = (id: string): string => {
      let v = fresh.get(id);
      if (!v) fresh.set(id, (v = newId()));
      return v;
    };
    const title = String(rows.plan.title);
    const taken = live.prepare('SELECT 1 FROM plans WHERE title = ?').get(title) !== undefined;
    const restored = { ...rows, plan: { ...rows.plan, updated_at: nowIso() } };
    live.transaction(() => insertPlan(live, restored, ids, taken ? `${title}（从备份恢复）` : title))();
    return getPlanSummary(live, ids(rows.plan.id));
  } finally {
    for (const release of releases) release();
  }
}
