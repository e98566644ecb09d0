import { z } from 'zod';
import { method } from './define.ts';
import { PlanSummarySchema } from './plans.ts';

/**
 * Backups (备份与恢复): backup sets `备份_YYYYMMDD_HHMMSS[_说明]` — an online copy of the database, the
 * evidence files it references and a manifest.json — in the workbook's own backups/ folder and in
 * folders the user adds (a USB drive, a network share); automatic, rotating, verified after writing,
 * and restorable whole or one plan at a time.
 */

export const BACKUP_KINDS = ['auto', 'manual', 'before-restore', 'before-migration'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** Older than this, the last good backup is a warning in the window (the home page too). */
export const STALE_BACKUP_DAYS = 7;

/** What the user reads for each kind. */
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  auto: '自动备份',
  manual: '手动备份',
  'before-restore': '恢复前自动备份',
  'before-migration': '升级前自动备份',
};

/** A path to a backup set folder (or a single-file backup made by an earlier version). */
const BackupPathSchema = z.string().min(1, '请指定备份').max(4096);
/** A folder the user chose (over the desktop bridge only a folder chosen in the folder dialog). */
const FolderSchema = z.string().min(1, '请指定文件夹').max(4096);
const NoteSchema = z.string().trim().max(40, '备份说明不能超过40字');

export const BackupEntrySchema = z.object({
  path: z.string(),
  createdAt: z.string(),
  kind: z.enum(BACKUP_KINDS),
  /** the 说明 part of the folder name ('' when none) */
  note: z.string(),
  plans: z.number().int(),
  measures: z.number().int(),
  attachments: z.number().int(),
  /** the database and every evidence file it references */
  bytes: z.number().int(),
  /** checked after writing (and, when asked, checked again now) and found intact */
  verified: z.boolean(),
  /** the folder holding it: the workbook's backups/ or a backup location the user added */
  location: z.string(),
  /** in the workbook's own backups/ folder */
  local: z.boolean(),
  /** set: a backup set folder; file: one database file (an earlier version's copy, without evidence) */
  format: z.enum(['set', 'file']),
  schemaVersion: z.number().int().nullable(),
  /** what is wrong with it (empty when nothing was found); a backup with problems is never restored */
  problems: z.array(z.string()),
});
export type BackupEntry = z.infer<typeof BackupEntrySchema>;

export const BackupResultSchema = z.object({
  path: z.string(),
  createdAt: z.string(),
  kind: z.enum(BACKUP_KINDS),
  plans: z.number().int(),
  measures: z.number().int(),
  attachments: z.number().int(),
  /** bytes actually written (the database and evidence not already in the location) */
  bytesCopied: z.number().int(),
  /** bytes the backup stands for (the database and all its evidence) */
  bytesTotal: z.number().int(),
  location: z.string(),
  /** evidence files that were already in the location (hard-linked or shared, not copied) */
  evidenceReused: z.number().int(),
  /** evidence the workbook itself has lost or that is damaged (named, not copied) */
  evidenceProblems: z.array(z.string()),
});
export type BackupResult = z.infer<typeof BackupResultSchema>;

export const SkippedBackupSchema = z.object({ location: z.string(), message: z.string() });

export const BackupRunSchema = z.object({
  results: z.array(BackupResultSchema),
  /** locations that got no backup this time, and why (not connected, disk full …) */
  skipped: z.array(SkippedBackupSchema),
});
export type BackupRun = z.infer<typeof BackupRunSchema>;

export const BackupLocationStatusSchema = z.object({
  folder: z.string(),
  /** the workbook's own backups/ folder (always there; cannot be removed) */
  local: z.boolean(),
  /** connected and writable right now */
  available: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  lastSuccessPath: z.string().nullable(),
  /** the last attempt that failed or was skipped, when it came after the last success */
  lastProblem: z.string().nullable(),
  lastProblemAt: z.string().nullable(),
});
export type BackupLocationStatus = z.infer<typeof BackupLocationStatusSchema>;

export const BackupStatusSchema = z.object({
  /** whether the workbook itself could be opened; damaged: restore from a backup */
  workbook: z.object({ state: z.enum(['ok', 'damaged', 'unopenable']), message: z.string().nullable() }),
  locations: z.array(BackupLocationStatusSchema),
  /** the newest backup known to be good, in any location */
  newestGood: z.object({ path: z.string(), createdAt: z.string() }).nullable(),
  /** shown in the window (the home page too) when there is no recent good backup; null when fine */
  warning: z.string().nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const WorkbookCountsSchema = z.object({
  plans: z.number().int(),
  measures: z.number().int(),
  attachments: z.number().int(),
  /** the last change to any plan (null: no plans) */
  updatedAt: z.string().nullable(),
});

export const RestorePreviewSchema = z.object({
  backup: BackupEntrySchema,
  /** the workbook now (null when it cannot be read: damaged) */
  current: WorkbookCountsSchema.nullable(),
  /** one paragraph for the confirmation: what will be replaced by what, and how to undo it */
  message: z.string(),
});
export type RestorePreview = z.infer<typeof RestorePreviewSchema>;

export const RestoreResultSchema = z.object({
  restored: BackupEntrySchema,
  /** the 恢复前自动备份 of the workbook as it was (null when it could not be read: then see movedAside) */
  safetyBackup: z.string().nullable(),
  /** where the damaged database files were moved to (null when it was intact) */
  movedAside: z.string().nullable(),
  /** evidence files copied back into the workbook */
  evidenceRestored: z.number().int(),
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

export const BackupPlanSchema = z.object({
  id: z.string(),
  title: z.string(),
  measureCount: z.number().int(),
  updatedAt: z.string(),
  /** a plan with this id is in the workbook now */
  existsNow: z.boolean(),
});
export type BackupPlan = z.infer<typeof BackupPlanSchema>;

export const backupContract = {
  'backup.create': method(
    z.object({ folder: FolderSchema.optional(), note: NoteSchema.optional() }),
    BackupResultSchema,
    '立即备份到数据目录的 backups 文件夹，或备份到指定文件夹（导出工作台）；备份后校验',
  ),
  'backup.now': method(
    z.object({ note: NoteSchema.optional() }),
    BackupRunSchema,
    '立即备份：写入数据目录的 backups 文件夹和每个已连接的备份位置',
  ),
  'backup.auto': method(
    z.object({ reason: z.enum(['start', 'close']) }),
    BackupRunSchema,
    '自动备份：每天第一次启动时、有修改后关闭程序时；空间不足或备份位置未连接时跳过并记录原因',
  ),
  'backup.list': method(
    z.object({ from: FolderSchema.optional(), verify: z.boolean().optional() }),
    z.object({
      backups: z.array(BackupEntrySchema),
      /** folders of backups that never finished (never offered for restoring) */
      incomplete: z.number().int(),
      /** backup locations that are not connected now */
      unavailable: z.array(z.string()),
    }),
    '列出全部备份位置（或指定文件夹）中的备份，新的在前；verify 时逐个重新校验',
  ),
  'backup.verify': method(z.object({ backup: BackupPathSchema }), BackupEntrySchema, '校验备份：数据库完整性检查和每个佐证材料文件的 SHA-256'),
  'backup.status': method(z.object({}), BackupStatusSchema, '备份状况：各备份位置最近一次成功的备份、提醒，以及工作台能否打开'),
  'backup.addLocation': method(z.object({ folder: FolderSchema }), BackupStatusSchema, '添加备份位置（U 盘或网络共享文件夹）'),
  'backup.removeLocation': method(z.object({ location: FolderSchema }), BackupStatusSchema, '移除备份位置（其中已有的备份不删除）'),
  'backup.preview': method(z.object({ backup: BackupPathSchema }), RestorePreviewSchema, '恢复前的说明：当前工作台的哪些内容将被替换'),
  'backup.restore': method(
    z.object({ backup: BackupPathSchema }),
    RestoreResultSchema,
    '从备份恢复整个工作台（先做恢复前自动备份，可再恢复回来）',
  ),
  'backup.plans': method(z.object({ backup: BackupPathSchema }), z.array(BackupPlanSchema), '列出备份中的方案'),
  'backup.restorePlan': method(
    z.object({ backup: BackupPathSchema, planId: z.string().min(1, '请指定方案') }),
    PlanSummarySchema,
    '从备份恢复一个方案：作为新方案加入，连同历史版本、进展记录和佐证材料',
  ),
} as const;
