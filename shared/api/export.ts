import { z } from 'zod';
import { method } from './define.ts';
import { PlanIdSchema } from './plans.ts';
import { ExportSettingsPatchSchema, ExportSettingsSchema, FONT_PROFILES } from '../domain/export-settings.ts';
import { CoverNoticeSchema } from '../domain/document.ts';

/**
 * The official .docx export (GB/T 9704-2012): the plan with its ledger appendix, the ledger alone,
 * the settings remembered per plan, a paged preview at the document's metrics and a font check.
 */

export const DocxFileSchema = z.object({
  fileName: z.string(),
  /** base64 of the .docx bytes */
  dataBase64: z.string(),
  /** Chinese notices: normalised punctuation, dates rewritten, attachments not included … */
  warnings: z.array(z.string()),
});
export type DocxFile = z.infer<typeof DocxFileSchema>;

/**
 * Whose settings and document: the plan itself, or the 整改落实情况报告 generated from its tracking
 * data (its own 发文设置 — a 报告 to the superior organ — remembered beside the plan's).
 */
export const SETTINGS_TARGETS = ['plan', 'report'] as const;
export type SettingsTarget = (typeof SETTINGS_TARGETS)[number];
const TargetSchema = z.enum(SETTINGS_TARGETS).optional();

const ExportInputSchema = z.object({
  planId: PlanIdSchema,
  /** Overrides for this export only; the remembered settings fill in the rest */
  settings: ExportSettingsPatchSchema.optional(),
  /** 印发通知 as the dialog shows it while it is being edited (the stored one otherwise) */
  notice: CoverNoticeSchema.nullable().optional(),
  /** default: the plan */
  target: TargetSchema,
});

export const PREVIEW_FONT_ROLES = ['fang', 'kai', 'hei', 'xbs', 'song'] as const;

export const PreviewRunSchema = z.object({
  text: z.string(),
  role: z.enum(PREVIEW_FONT_ROLES),
  bold: z.boolean(),
});

export const PreviewLineSchema = z.object({
  /** 0-based grid row on the page (22 rows per portrait page); -1 for the 版头 and 版记 */
  row: z.number().int(),
  /** twips from the type area's top when the line is not on the page's grid (after a 版头, in the 版头 or 版记) */
  top: z.number().optional(),
  /** row height, twips, when it is not one grid row (the 发文机关标志) */
  height: z.number().optional(),
  /** the 发文机关标志 is printed red */
  red: z.boolean().optional(),
  /** left edge of the text, twips from the type area's left edge */
  x: z.number(),
  /** available width, twips */
  width: z.number(),
  /** half-points */
  size: z.number(),
  align: z.enum(['left', 'center', 'right', 'justify']),
  runs: z.array(PreviewRunSchema),
});

export const PreviewTableRowSchema = z.object({
  header: z.boolean(),
  /** estimated height, twips */
  height: z.number(),
  cells: z.array(z.object({ text: z.string(), rowSpan: z.number().int(), column: z.number().int() })),
});

/** What a page holds: the 印发通知, the plan, its ledger, the blank page before the 版记, the 版记 page. */
export const PREVIEW_PAGE_PARTS = ['notice', 'plan', 'ledger', 'blank', 'colophon'] as const;

export const PreviewPageSchema = z.object({
  /** page number (the blank and 版记 pages count but print none) */
  number: z.number().int(),
  /** false on the blank page before the 版记 and on the 版记 page (GB/T 9704 §7.5) */
  numbered: z.boolean(),
  part: z.enum(PREVIEW_PAGE_PARTS),
  orientation: z.enum(['portrait', 'landscape']),
  /** Horizontal rules across the type area: the 版头's red rule, the 版记's rules */
  rules: z.array(z.object({ top: z.number(), thickness: z.number(), red: z.boolean() })),
  lines: z.array(PreviewLineSchema),
  /** landscape ledger pages: the table part on this page (header row repeated) */
  table: z
    .object({
      columnWidths: z.array(z.number()),
      /** twips from the type area top where the table starts */
      top: z.number(),
      rows: z.array(PreviewTableRowSchema),
    })
    .nullable(),
});
export type PreviewPage = z.infer<typeof PreviewPageSchema>;

export const PreviewSchema = z.object({
  pages: z.array(PreviewPageSchema),
  /** Page geometry for drawing, twips */
  geometry: z.object({
    pageWidth: z.number(),
    pageHeight: z.number(),
    marginTop: z.number(),
    marginLeft: z.number(),
    marginRight: z.number(),
    marginBottom: z.number(),
    linePitch: z.number(),
    rowsPerPage: z.number().int(),
    charsPerLine: z.number().int(),
  }),
  /** The face each role prints in with the chosen profile */
  fonts: z.record(z.enum(PREVIEW_FONT_ROLES), z.string()),
  warnings: z.array(z.string()),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const FontCheckSchema = z.object({
  /** false when this PC's font list could not be read (then `missing` is empty) */
  checked: z.boolean(),
  /** Faces the chosen settings name that are not installed */
  missing: z.array(z.string()),
  /** Chinese notice for the dialog, null when nothing is missing */
  message: z.string().nullable(),
});

export const exportContract = {
  'export.docx': method(ExportInputSchema, DocxFileSchema, '导出符合 GB/T 9704-2012 的 Word 公文（可附整改台账、版头、印发通知、版记）'),
  'export.ledgerDocx': method(ExportInputSchema, DocxFileSchema, '单独导出整改台账（横排 Word 表格）'),
  'export.getSettings': method(z.object({ planId: PlanIdSchema, target: TargetSchema }), ExportSettingsSchema, '读取方案（或其整改落实情况报告）的导出设置'),
  'export.saveSettings': method(
    z.object({ planId: PlanIdSchema, settings: ExportSettingsPatchSchema, target: TargetSchema }),
    ExportSettingsSchema,
    '保存方案（或其整改落实情况报告）的导出设置',
  ),
  'export.preview': method(ExportInputSchema, PreviewSchema, '按公文版式分页预览'),
  'export.checkFonts': method(
    z.object({ fontProfile: z.enum(FONT_PROFILES).optional(), latinFont: z.string().optional() }),
    FontCheckSchema,
    '检查本机是否安装了所选公文字体',
  ),
} as const;
