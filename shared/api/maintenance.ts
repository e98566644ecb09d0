import { z } from 'zod';
import { method } from './define.ts';
import { VerifyResultSchema } from './evidence.ts';

/**
 * The workbook's health: which SQLite driver runs it (关于), the start-up maintenance the desktop app
 * runs (leftover temporary files of interrupted writes, evidence garbage collection, the day's automatic backup),
 * and `rectify doctor` — one report of everything that can be wrong with a data folder.
 */

export const SQLITE_DRIVERS = ['better-sqlite3', 'node:sqlite'] as const;

export const DriverInfoSchema = z.object({
  name: z.enum(SQLITE_DRIVERS),
  /** SQLite's own version, e.g. 3.54.1 */
  sqliteVersion: z.string(),
  /** chosen with the environment variable RECTIFY_SQLITE */
  forced: z.boolean(),
  /** why better-sqlite3 is not used although it was not ruled out (its addon failed to load); else null */
  fallbackReason: z.string().nullable(),
  /** one line for people, e.g. 数据库组件：better-sqlite3（SQLite 3.54.1） */
  description: z.string(),
});
export type DriverInfo = z.infer<typeof DriverInfoSchema>;

export const AppInfoSchema = z.object({
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  driver: DriverInfoSchema,
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const LeftoverSchema = z.object({
  /**
   * evidence-temp: an attach that never finished (evidence/sha256/tmp); export-temp: a `*.part` of an
   * interrupted evidence-package export; backup-temp: a backup set or a restored database cut short
   */
  kind: z.enum(['evidence-temp', 'export-temp', 'backup-temp']),
  path: z.string(),
  size: z.number().int(),
  modifiedAt: z.string(),
});
export type Leftover = z.infer<typeof LeftoverSchema>;

export const MaintenanceResultSchema = z.object({
  /** blobs deleted because nothing (attachment, undo step, revision) can bring them back */
  removedBlobs: z.number().int(),
  freedBytes: z.number().int(),
  /** leftover temporary files and folders of interrupted writes */
  removedTempFiles: z.number().int(),
  /** the day's automatic backup set made in backups/ (null: there is one from today already) */
  backup: z.string().nullable(),
});
export type MaintenanceResult = z.infer<typeof MaintenanceResultSchema>;

export const BackupFileSchema = z.object({ file: z.string(), size: z.number().int(), modifiedAt: z.string() });

export const DoctorReportSchema = z.object({
  /** nothing below needs the user's attention */
  ok: z.boolean(),
  dataDir: z.string(),
  driver: DriverInfoSchema,
  database: z.object({
    file: z.string(),
    size: z.number().int(),
    /** null when the database cannot be opened */
    schemaVersion: z.number().int().nullable(),
    /** PRAGMA integrity_check: ['ok'] when intact */
    integrity: z.array(z.string()),
    foreignKeyProblems: z.array(z.object({ table: z.string(), rowid: z.number().int().nullable(), parent: z.string() })),
  }),
  /** null when the database cannot be opened (nothing to compare the files with) */
  evidence: VerifyResultSchema.nullable(),
  leftovers: z.array(LeftoverSchema),
  backups: z.object({ dir: z.string(), count: z.number().int(), newest: BackupFileSchema.nullable() }),
  /** what --clean did (null without --clean) */
  cleaned: MaintenanceResultSchema.nullable(),
  /** every finding in one Chinese line each; empty when ok */
  problems: z.array(z.string()),
});
export type DoctorReport = z.infer<typeof DoctorReportSchema>;

export const maintenanceContract = {
  'maintenance.info': method(z.object({}), AppInfoSchema, '程序信息：数据目录、数据版本、所用的 SQLite 数据库组件及其版本（关于）'),
  'maintenance.run': method(
    z.object({}),
    MaintenanceResultSchema,
    '启动维护：清理中断的写入留下的临时文件，回收不再需要的佐证材料文件，每天第一次启动时自动备份',
  ),
  'maintenance.doctor': method(
    z.object({ clean: z.boolean().optional() }),
    DoctorReportSchema,
    '体检：数据库完整性与外键、佐证材料文件、遗留临时文件、备份；clean 时先做启动维护',
  ),
} as const;
