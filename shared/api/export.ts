import { z } from 'zod';
import { method } from './define.ts';
import { PlanIdSchema } from './plans.ts';
import { ExportSettingsPatchSchema, ExportSettingsSchema, FONT_PROFILES } from '../domain/export-settings.ts';

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

const ExportInputSchema = z.object({
  planId: PlanIdSchema,
  /** Overrides for this export only; the remembered settings fill in the rest */
  settings: ExportSettingsPatchSchema.optional(),
});

export const PREVIEW_FONT_ROLES = ['fang', 'kai', 'hei', 'xbs', 'song'] as const;

export const PreviewRunSchema = z.object({
  text: z.string(),
  role: z.enum(PREVIEW_FONT_ROLES),
  bold: z.boolean(),
});

export const PreviewLineSchema = z.object({
  /** 0-based grid row on the page (22 rows per portrait page) */
  row: z.number().int(),
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

export const PreviewPageSchema = z.object({
  /** printed page number */
  number: z.number().int(),
  orientation: z.enum(['portrait', 'landscape']),
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
  'export.docx': method(ExportInputSchema, DocxFileSchema, '导出符合 GB/T 9704-2012 的 Word 公文（可附整改台账）'),
  'export.ledgerDocx': method(ExportInputSchema, DocxFileSchema, '单独导出整改台账（横排 Word 表格）'),
  'export.getSettings': method(z.object({ planId: PlanIdSchema }), ExportSettingsSchema, '读取方案的导出设置'),
  'export.saveSettings': method(
    z.object({ planId: PlanIdSchema, settings: ExportSettingsPatchSchema }),
    ExportSettingsSchema,
    '保存方案的导出设置',
  ),
  'export.preview': method(ExportInputSchema, PreviewSchema, '按公文版式分页预览'),
  'export.checkFonts': method(
    z.object({ fontProfile: z.enum(FONT_PROFILES).optional(), latinFont: z.string().optional() }),
    FontCheckSchema,
    '检查本机是否安装了所选公文字体',
  ),
} as const;
