import { z } from 'zod';
import { LEVEL3_NUMBERING } from './document.ts';
import { DEFAULT_LEDGER_COLUMNS, LEDGER_COLUMN_IDS } from '../ledger/columns.ts';
import { ISSUANCE_DEFAULTS, ISSUANCE_FIELDS } from './issuance.ts';

/**
 * Settings of the official .docx export (GB/T 9704-2012). Everything the standard fixes is not a
 * setting; what the standard leaves to practice (font products, bold lead sentences, the ledger's
 * columns, …) is, with the documented default. Remembered per plan in plans.settings.export.
 */

/** Which installed font products the document names (the standard only names type styles). */
export const FONT_PROFILES = ['windows', 'windows-basic', 'xinchuang'] as const;
export type FontProfileId = (typeof FONT_PROFILES)[number];

export const FONT_PROFILE_LABELS: Record<FontProfileId, string> = {
  windows: 'Windows（仿宋_GB2312、楷体_GB2312、黑体、方正小标宋简体）',
  'windows-basic': 'Windows 无 GB2312 字体（仿宋、楷体、黑体、方正小标宋简体）',
  xinchuang: '信创（方正仿宋_GBK、方正楷体_GBK、方正黑体_GBK、方正小标宋_GBK）',
};

/** Landscape ledger page numbers: rotated in the binding corner (GB/T 9704 §8) or the usual footer. */
export const LEDGER_PAGE_NUMBERS = ['rotated', 'footer'] as const;

/** 台账 body size: 小四 (12 pt) or 四号 (14 pt), in half-points. */
export const LEDGER_FONT_SIZES = [24, 28] as const;

/** The fields without defaults: a patch (what a caller changes) validates against these. */
const FIELDS = {
  fontProfile: z.enum(FONT_PROFILES),
  /** Face for digits and Latin letters; practice is Times New Roman (not in the standard). */
  latinFont: z.string().trim().min(1, '西文字体不能为空').max(64),
  /** 1. 级措施的引领句加粗 (practice, default on). */
  boldLeadSentence: z.boolean(),
  /** （一）级标题加粗 (some units do; the standard's 楷体 is not bold). */
  boldLevel2: z.boolean(),
  /** Render （责任领导：…；责任部门：…；完成时限：…） after each measure. */
  responsibilityLine: z.boolean(),
  /** null = the plan's own numbering (imported plans keep theirs). */
  level3Numbering: z.enum(LEVEL3_NUMBERING).nullable(),
  /** User-chosen title lines; null = automatic trapezoid/diamond split. */
  titleLines: z.array(z.string().trim().min(1)).min(1).max(6).nullable(),
  /** Print the 主送机关 line when the plan has one. */
  showAddressee: z.boolean(),
  /** 加盖印章: 署名 centred over a date 右空四字 with room for the seal; otherwise 右空二字. */
  seal: z.boolean(),
  /** Print 发文机关署名 and 成文日期 when the plan has them. */
  showSignature: z.boolean(),
  /** Append the 整改台账 as a landscape attachment (only when the plan has measures). */
  ledger: z.boolean(),
  ledgerColumns: z.array(z.enum(LEDGER_COLUMN_IDS)).min(2, '台账至少需要两列'),
  /** null = the 附件说明 name that looks like a list/ledger, else derived from the title. */
  ledgerTitle: z.string().trim().min(1).max(100).nullable(),
  ledgerFontSize: z.union([z.literal(24), z.literal(28)]),
  ledgerPageNumbers: z.enum(LEDGER_PAGE_NUMBERS),
  /** "— 1 —" with a half-width space each side of the number (common form) or "—1—". */
  pageNumberSpaces: z.boolean(),
  /** 对称页边距 for duplex printing: the 28 mm margin on the binding side of every page (most units do not). */
  mirrorMargins: z.boolean(),
  /** 发文设置: 版头, 印发通知, 版记 (issuance.ts) */
  ...ISSUANCE_FIELDS,
};

export const EXPORT_SETTINGS_DEFAULTS = {
  fontProfile: 'windows',
  latinFont: 'Times New Roman',
  boldLeadSentence: true,
  boldLevel2: false,
  responsibilityLine: true,
  level3Numbering: null,
  titleLines: null,
  showAddressee: true,
  seal: false,
  showSignature: true,
  ledger: true,
  ledgerColumns: [...DEFAULT_LEDGER_COLUMNS],
  ledgerTitle: null,
  ledgerFontSize: 24,
  ledgerPageNumbers: 'rotated',
  pageNumberSpaces: true,
  mirrorMargins: false,
  ...ISSUANCE_DEFAULTS,
} as const satisfies { [K in keyof typeof FIELDS]: z.input<(typeof FIELDS)[K]> };

export const ExportSettingsSchema = z.object({
  fontProfile: FIELDS.fontProfile.default(EXPORT_SETTINGS_DEFAULTS.fontProfile),
  latinFont: FIELDS.latinFont.default(EXPORT_SETTINGS_DEFAULTS.latinFont),
  boldLeadSentence: FIELDS.boldLeadSentence.default(EXPORT_SETTINGS_DEFAULTS.boldLeadSentence),
  boldLevel2: FIELDS.boldLevel2.default(EXPORT_SETTINGS_DEFAULTS.boldLevel2),
  responsibilityLine: FIELDS.responsibilityLine.default(EXPORT_SETTINGS_DEFAULTS.responsibilityLine),
  level3Numbering: FIELDS.level3Numbering.default(EXPORT_SETTINGS_DEFAULTS.level3Numbering),
  titleLines: FIELDS.titleLines.default(EXPORT_SETTINGS_DEFAULTS.titleLines),
  showAddressee: FIELDS.showAddressee.default(EXPORT_SETTINGS_DEFAULTS.showAddressee),
  seal: FIELDS.seal.default(EXPORT_SETTINGS_DEFAULTS.seal),
  showSignature: FIELDS.showSignature.default(EXPORT_SETTINGS_DEFAULTS.showSignature),
  ledger: FIELDS.ledger.default(EXPORT_SETTINGS_DEFAULTS.ledger),
  ledgerColumns: FIELDS.ledgerColumns.default(() => [...DEFAULT_LEDGER_COLUMNS]),
  ledgerTitle: FIELDS.ledgerTitle.default(EXPORT_SETTINGS_DEFAULTS.ledgerTitle),
  ledgerFontSize: FIELDS.ledgerFontSize.default(EXPORT_SETTINGS_DEFAULTS.ledgerFontSize),
  ledgerPageNumbers: FIELDS.ledgerPageNumbers.default(EXPORT_SETTINGS_DEFAULTS.ledgerPageNumbers),
  pageNumberSpaces: FIELDS.pageNumberSpaces.default(EXPORT_SETTINGS_DEFAULTS.pageNumberSpaces),
  mirrorMargins: FIELDS.mirrorMargins.default(EXPORT_SETTINGS_DEFAULTS.mirrorMargins),
  docType: FIELDS.docType.default(ISSUANCE_DEFAULTS.docType),
  letterhead: FIELDS.letterhead.default(ISSUANCE_DEFAULTS.letterhead),
  organs: FIELDS.organs.default(() => []),
  organSuffix: FIELDS.organSuffix.default(ISSUANCE_DEFAULTS.organSuffix),
  docNumber: FIELDS.docNumber.default(ISSUANCE_DEFAULTS.docNumber),
  signers: FIELDS.signers.default(() => []),
  copyNumber: FIELDS.copyNumber.default(ISSUANCE_DEFAULTS.copyNumber),
  secrecy: FIELDS.secrecy.default(ISSUANCE_DEFAULTS.secrecy),
  urgency: FIELDS.urgency.default(ISSUANCE_DEFAULTS.urgency),
  addressee: FIELDS.addressee.default(ISSUANCE_DEFAULTS.addressee),
  colophon: FIELDS.colophon.default(ISSUANCE_DEFAULTS.colophon),
  cc: FIELDS.cc.default(ISSUANCE_DEFAULTS.cc),
  printedBy: FIELDS.printedBy.default(ISSUANCE_DEFAULTS.printedBy),
  printedOn: FIELDS.printedOn.default(ISSUANCE_DEFAULTS.printedOn),
  duplex: FIELDS.duplex.default(ISSUANCE_DEFAULTS.duplex),
  planSignatureWithNotice: FIELDS.planSignatureWithNotice.default(ISSUANCE_DEFAULTS.planSignatureWithNotice),
});

/** What a caller sends to change some settings: every field optional, no defaults filled in. */
export const ExportSettingsPatchSchema = z.object(FIELDS).partial();
export type ExportSettingsPatch = z.infer<typeof ExportSettingsPatchSchema>;

export type ExportSettings = z.output<typeof ExportSettingsSchema>;
export type ExportSettingsInput = z.input<typeof ExportSettingsSchema>;

export function defaultExportSettings(): ExportSettings {
  return ExportSettingsSchema.parse({});
}

/**
 * Reads remembered settings leniently: a value that no longer validates (an older version, a hand
 * edit) falls back to its default instead of failing the export.
 */
export function resolveExportSettings(...layers: unknown[]): ExportSettings {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer === null || typeof layer !== 'object') continue;
    for (const [key, value] of Object.entries(layer as Record<string, unknown>)) {
      if (value !== undefined) merged[key] = value;
    }
  }
  const shape = ExportSettingsSchema.shape;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const field = shape[key];
    const parsed = field.safeParse(merged[key]);
    out[key] = parsed.success ? parsed.data : field.parse(undefined);
  }
  return out as ExportSettings;
}
