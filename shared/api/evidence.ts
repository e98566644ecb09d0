import { z } from 'zod';
import { method } from './define.ts';
import { PlanIdSchema } from './plans.ts';

/**
 * 佐证材料 (evidence) attached to measures. Files live in a content-addressed store under the data
 * folder (evidence/sha256/ab/cd/<sha256>); the database keeps the original name and the metadata.
 * The renderer never sends or receives file paths except through the Electron shell (`path` inputs are
 * for the CLI and the Electron main process); the browser host uploads bytes instead.
 */

export const EVIDENCE_TYPES = ['会议纪要', '制度文本', '印发文件', '照片', '学习记录', '签到表', '调研报告', '财务凭证', '其他'] as const;
export const EvidenceTypeSchema = z.enum(EVIDENCE_TYPES, { error: () => ({ message: `材料类型只能是：${EVIDENCE_TYPES.join('、')}` }) });
export type EvidenceType = z.infer<typeof EvidenceTypeSchema>;

export const MeasureIdSchema = z.string().min(1, '措施编号不能为空');
export const AttachmentIdSchema = z.string().min(1, '材料编号不能为空');
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '校验值格式不正确');

export const AttachmentSchema = z.object({
  id: z.string(),
  measureId: z.string(),
  planId: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  /** as the user's file was called: any Chinese name, spaces, brackets */
  originalName: z.string(),
  type: EvidenceTypeSchema,
  /** the document's own date (YYYY-MM-DD), e.g. the meeting's; null when unknown */
  date: z.string().nullable(),
  note: z.string().nullable(),
  addedBy: z.string().nullable(),
  addedAt: z.string(),
  /** set when removed (soft unlink, undoable with evidence.restore) */
  removedAt: z.string().nullable(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Metadata a user gives when attaching; all optional. */
export const AttachMetaSchema = z.object({
  type: EvidenceTypeSchema.optional(),
  date: IsoDateSchema.nullable().optional(),
  note: z.string().max(2000, '说明不能超过2000字').nullable().optional(),
  addedBy: z.string().max(100).nullable().optional(),
});
export type AttachMeta = z.infer<typeof AttachMetaSchema>;

export const AttachResultSchema = z.object({
  attachmentId: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  /** the same content was already in the store: nothing new was written */
  deduplicated: z.boolean(),
  attachment: AttachmentSchema,
});
export type AttachResult = z.infer<typeof AttachResultSchema>;

export const OriginalNameSchema = z
  .string()
  .trim()
  .min(1, '文件名不能为空')
  .max(255, '文件名过长（不能超过255字）')
  .refine((s) => !/[\u0000-\u001f]/.test(s), '文件名含有控制字符');

export const BlobProblemSchema = z.object({
  sha256: z.string(),
  /** missing: the file is gone; altered: its content no longer matches its SHA-256; size: wrong length */
  state: z.enum(['missing', 'altered']),
  /** every attachment (also removed ones) that points at this blob */
  attachments: z.array(
    z.object({
      attachmentId: z.string(),
      planId: z.string(),
      planTitle: z.string(),
      measureId: z.string(),
      /** the measure's numbering path, e.g. 三-1-2 */
      measurePath: z.string(),
      measureHeading: z.string(),
      originalName: z.string(),
      removed: z.boolean(),
    }),
  ),
});
export type BlobProblem = z.infer<typeof BlobProblemSchema>;

export const VerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  bytes: z.number().int(),
  problems: z.array(BlobProblemSchema),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

export const PackageFormatSchema = z.enum(['folder', 'zip']);
export const CatalogFormatSchema = z.enum(['xlsx', 'docx']);

export const PackageEntrySchema = z.object({
  /** name in the package, e.g. 三-1-2_会议纪要_20260115.pdf */
  fileName: z.string(),
  attachmentId: z.string(),
  measurePath: z.string(),
  measureHeading: z.string(),
  originalName: z.string(),
  type: EvidenceTypeSchema,
  date: z.string().nullable(),
  size: z.number().int(),
  sha256: z.string(),
});
export type PackageEntry = z.infer<typeof PackageEntrySchema>;

export const PackageResultSchema = z.object({
  path: z.string(),
  format: PackageFormatSchema,
  /** name of the 佐证材料目录 inside the package */
  catalogName: z.string(),
  entries: z.array(PackageEntrySchema),
});
export type PackageResult = z.infer<typeof PackageResultSchema>;

export const evidenceContract = {
  'evidence.list': method(
    z
      .object({
        measureId: MeasureIdSchema.optional(),
        planId: PlanIdSchema.optional(),
        includeRemoved: z.boolean().optional(),
      })
      .refine((v) => v.measureId !== undefined || v.planId !== undefined, '请指定措施或方案'),
    z.array(AttachmentSchema),
    '列出措施或方案的佐证材料（按添加顺序）',
  ),
  'evidence.attachPath': method(
    AttachMetaSchema.extend({
      measureId: MeasureIdSchema,
      /** absolute path of a local file (CLI, Electron main process after a dialog or a drop) */
      path: z.string().min(1, '文件路径不能为空'),
      /** defaults to the file's base name */
      originalName: OriginalNameSchema.optional(),
      /** a caller-chosen id under which evidence.transferProgress reports how far the copy is */
      transferId: z.string().min(1).max(100).optional(),
    }),
    AttachResultSchema,
    '把本机文件作为佐证材料附到措施（流式复制并校验）',
  ),
  'evidence.transferProgress': method(
    z.object({ transferId: z.string().min(1).max(100) }),
    z.object({ bytes: z.number().int(), total: z.number().int().nullable() }).nullable(),
    '查询正在复制的佐证材料的进度（null：未开始或已结束）',
  ),
  'evidence.attachData': method(
    AttachMetaSchema.extend({
      measureId: MeasureIdSchema,
      originalName: OriginalNameSchema,
      /** base64 of the bytes; for small files only — large uploads go through the web host's stream upload */
      dataBase64: z.string(),
    }),
    AttachResultSchema,
    '把上传的文件内容作为佐证材料附到措施',
  ),
  'evidence.update': method(
    z.object({
      attachmentId: AttachmentIdSchema,
      originalName: OriginalNameSchema.optional(),
      type: EvidenceTypeSchema.optional(),
      date: IsoDateSchema.nullable().optional(),
      note: z.string().max(2000, '说明不能超过2000字').nullable().optional(),
    }),
    AttachmentSchema,
    '修改佐证材料的名称、类型、日期或说明',
  ),
  'evidence.remove': method(z.object({ attachmentId: AttachmentIdSchema }), AttachmentSchema, '移除佐证材料（可撤销）'),
  'evidence.restore': method(z.object({ attachmentId: AttachmentIdSchema }), AttachmentSchema, '撤销移除佐证材料'),
  'evidence.read': method(
    z.object({ attachmentId: AttachmentIdSchema, maxBytes: z.number().int().positive().optional() }),
    z.object({ attachment: AttachmentSchema, dataBase64: z.string() }),
    '读取佐证材料内容（预览用；超过上限时报错）',
  ),
  'evidence.copyOut': method(
    z.object({ attachmentId: AttachmentIdSchema, dir: z.string().optional() }),
    z.object({ path: z.string() }),
    '把佐证材料复制到临时目录（以原文件名），供系统程序打开',
  ),
  'evidence.saveCopy': method(
    z.object({ attachmentId: AttachmentIdSchema, output: z.string().min(1, '请指定保存位置') }),
    z.object({ path: z.string() }),
    '把佐证材料另存到指定位置（不能直接打开的文件类型用“另存为”）',
  ),
  'evidence.verify': method(z.object({}), VerifyResultSchema, '重新计算全部佐证材料的校验值，报告缺失或被改动的文件'),
  'evidence.collectGarbage': method(
    z.object({
      /** removed attachments older than this many days are purged first (default 30; 0 = all removed ones) */
      purgeRemovedDays: z.number().int().min(0).optional(),
    }),
    z.object({ removedBlobs: z.number().int(), freedBytes: z.number().int(), removedTempFiles: z.number().int() }),
    '清理不再被任何材料引用的文件（维护）',
  ),
  'evidence.exportPackage': method(
    z.object({
      planId: PlanIdSchema,
      /** a folder (created; must be empty if it exists) or a .zip file */
      output: z.string().min(1, '请指定导出位置'),
      format: PackageFormatSchema.optional(),
      catalog: CatalogFormatSchema.optional(),
    }),
    PackageResultSchema,
    '导出佐证材料包（按措施编号和类型重命名，附佐证材料目录）',
  ),
} as const;
