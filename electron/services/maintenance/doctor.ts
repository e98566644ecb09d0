import { statSync } from 'node:fs';
import path from 'node:path';
import type { AppError } from '../../../shared/errors.ts';
import type { DoctorReport, Leftover, MaintenanceResult } from '../../../shared/api/maintenance.ts';
import type { VerifyResult } from '../../../shared/api/evidence.ts';
import type { Db } from '../store/database.ts';
import { DB_FILE, schemaVersion } from '../store/database.ts';
import { backupsDir, restoreAdvice } from '../store/backups.ts';
import { listBackups } from '../backup/listing.ts';
import { driverInfo, openConnection } from '../store/driver.ts';
import { verifyStore } from '../evidence/maintenance.ts';
import { formatSize } from '../evidence/attachments.ts';
import { findLeftovers, removeLeftovers } from './leftovers.ts';
import { runMaintenance } from './run.ts';

/**
 * `rectify doctor`: everything that can be wrong with a data folder, in one report — the database's
 * integrity_check and foreign_key_check, the evidence files (missing, altered, attachments without a
 * blob), leftover temporary files, the backups folder and the SQLite driver. With `clean` the start-up
 * maintenance runs first (leftovers removed, evidence garbage collected, the day's automatic backup).
 */

const LEFTOVER_LABELS: Record<Leftover['kind'], string> = {
  'evidence-temp': '未完成的佐证材料添加',
  'export-temp': '未完成的佐证材料包导出',
  'backup-temp': '未完成的备份',
};

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function evidenceProblems(evidence: VerifyResult): string[] {
  const lines: string[] = [];
  for (const p of evidence.problems) {
    const state = p.state === 'missing' ? '佐证材料文件缺失' : '佐证材料文件内容被改动';
    if (p.attachments.length === 0) lines.push(`${state}：${p.sha256}（未被任何材料引用）`);
    for (const a of p.attachments) {
      const where = a.planId ? `方案「${a.planTitle}」措施 ${a.measurePath}「${a.measureHeading}」` : a.measureHeading;
      lines.push(`${state}：${where}的「${a.originalName}」${a.removed ? '（已移除）' : ''}，请从原件重新添加`);
    }
  }
  return lines;
}

function leftoverProblems(leftovers: Leftover[]): string[] {
  return leftovers.map((l) => `遗留的临时文件（${LEFTOVER_LABELS[l.kind]}）：${l.path}（${formatSize(l.size)}），可运行“rectify doctor --clean”清理`);
}

/** The backups in backups/ (the workbook's own; backup locations are on the 备份与恢复 page and in `rectify backups`). */
async function backupsSummary(dataDir: string): Promise<DoctorReport['backups']> {
  const dir = backupsDir(dataDir);
  const { backups } = await listBackups(dataDir, { from: dir });
  const newest = backups.find((b) => b.problems.length === 0) ?? null;
  return { dir, count: backups.length, newest: newest ? { file: newest.path, size: newest.bytes, modifiedAt: newest.createdAt } : null };
}

export async function diagnose(ctx: { db: Db; dataDir: string }, options: { clean?: boolean; now?: number } = {}): Promise<DoctorReport> {
  const now = options.now ?? Date.now();
  const cleaned = options.clean ? await runMaintenance(ctx, { now }) : null;
  const { db, dataDir } = ctx;
  const integrity = (db.pragma('integrity_check') as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));
  const foreignKeyProblems = (db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[]).map((r) => ({
    table: r.table,
    rowid: r.rowid,
    parent: r.parent,
  }));
  const evidence = await verifyStore(ctx);
  const { leftovers } = await findLeftovers(dataDir, now);
  const problems: string[] = [];
  if (!(integrity.length === 1 && integrity[0] === 'ok')) {
    // SQLite's own (English) findings stay in the JSON report (database.integrity) for a technician.
    problems.push(`数据库完整性检查发现 ${integrity.length} 处错误，数据文件已损坏。${restoreAdvice(dataDir)}`);
  }
  if (foreignKeyProblems.length > 0) {
    const f = foreignKeyProblems[0]!;
    problems.push(`数据库中有 ${foreignKeyProblems.length} 处引用不一致（如表 ${f.table} 第 ${f.rowid ?? '?'} 行引用的 ${f.parent} 不存在）`);
  }
  problems.push(...evidenceProblems(evidence), ...leftoverProblems(leftovers));
  const file = path.join(dataDir, DB_FILE);
  return {
    ok: problems.length === 0,
    dataDir,
    driver: driverInfo(db),
    database: { file, size: fileSize(file), schemaVersion: schemaVersion(db), integrity, foreignKeyProblems },
    evidence,
    leftovers,
    backups: await backupsSummary(dataDir),
    cleaned,
    problems,
  };
}

/**
 * The report when the workbook cannot be opened (damaged, or from a newer version): the database is
 * not touched; leftovers and backups are still looked at, and `clean` still removes leftovers.
 */
export async function diagnoseUnopenable(dataDir: string, error: AppError, options: { clean?: boolean; now?: number } = {}): Promise<DoctorReport> {
  const now = options.now ?? Date.now();
  let cleaned: MaintenanceResult | null = null;
  if (options.clean) {
    const r = await removeLeftovers(dataDir, now);
    cleaned = { removedBlobs: 0, freedBytes: r.freedBytes, removedTempFiles: r.removed, backup: null };
  }
  const { leftovers } = await findLeftovers(dataDir, now);
  const probe = openConnection(':memory:');
  const driver = driverInfo(probe);
  probe.close();
  const file = path.join(dataDir, DB_FILE);
  return {
    ok: false,
    dataDir,
    driver,
    database: { file, size: fileSize(file), schemaVersion: null, integrity: [error.message], foreignKeyProblems: [] },
    evidence: null,
    leftovers,
    backups: await backupsSummary(dataDir),
    cleaned,
    problems: [error.message, ...leftoverProblems(leftovers)],
  };
}
