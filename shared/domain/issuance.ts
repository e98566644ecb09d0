import { z } from 'zod';

/**
 * 发文设置: how a plan (or a report) goes out as an official document — GB/T 9704-2012 §7.2 版头,
 * §7.4 版记 and the 印发通知 in front of an issued plan. Part of the export settings, remembered per
 * plan; every field has a default that leaves the document as it was without them (no 版头, no 版记).
 */

/** 文种: 方案印发通知 (下行文), 报告 / 请示 (上行文: 签发人, one 主送), or the plan alone. */
export const DOC_TYPES = ['none', 'notice', 'report', 'request'] as const;
export type DocType = (typeof DOC_TYPES)[number];
export const DOC_TYPE_LABELS: Record<DocType, string> = {
  none: '无（只有方案正文）',
  notice: '方案印发通知',
  report: '报告',
  request: '请示',
};

/** 上行文 carry 签发人 beside the 发文字号 and go to one superior organ. */
export function isUpward(docType: DocType): boolean {
  return docType === 'report' || docType === 'request';
}

/** 版头: printed in red, left blank for pre-printed red-header paper (套打), or none. */
export const LETTERHEADS = ['none', 'red', 'blank'] as const;
export type Letterhead = (typeof LETTERHEADS)[number];
export const LETTERHEAD_LABELS: Record<Letterhead, string> = {
  none: '不要版头',
  red: '打印红色版头',
  blank: '套打（预印红头纸，留出版头位置）',
};

/** 紧急程度 of a 公文 (GB/T 9704 §7.2.3). */
export const URGENCIES = ['特急', '加急'] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过${max}字`)
    .transform((v) => (v === '' ? null : v))
    .nullable();

/** The fields (no defaults); export-settings.ts adds the defaults and the lenient reader. */
export const ISSUANCE_FIELDS = {
  docType: z.enum(DOC_TYPES),
  letterhead: z.enum(LETTERHEADS),
  /** 发文机关: one name, or several for 联合行文 (主办机关 first); empty = the 落款. */
  organs: z.array(z.string().trim().min(1).max(40, '发文机关名称不能超过40字')).max(6, '联合行文最多6个机关'),
  /** Printed after the organ name(s): 文件 (a 文件 letterhead) or nothing. */
  organSuffix: z.string().trim().max(6),
  /** 发文字号, e.g. ××党组发〔2026〕3号 */
  docNumber: optionalText(40),
  /** 签发人 (上行文), in the organs' order */
  signers: z.array(z.string().trim().min(1).max(10, '签发人姓名不能超过10字')).max(8, '签发人最多8位'),
  /** 份号: up to six digits, printed with leading zeros (000001) */
  copyNumber: z
    .string()
    .trim()
    .regex(/^\d{0,6}$/, '份号应为不超过6位的数字')
    .transform((v) => (v === '' ? null : v))
    .nullable(),
  /** 密级和保密期限, e.g. 秘密★1年 */
  secrecy: optionalText(20),
  urgency: z.enum(URGENCIES).nullable(),
  /** 主送机关 of a report / request (the superior organ); null = the document's own 主送 */
  addressee: optionalText(200),
  /** 版记 on the last page: 抄送, 印发机关, 印发日期 and the rules */
  colophon: z.boolean(),
  /** 抄送机关, separated by 、 or ，; printed ending in 。 */
  cc: optionalText(400),
  /** 印发机关; null = the 落款's office (中共××局党组 → 中共××局党组办公室) */
  printedBy: optionalText(40),
  /** 印发日期 (2026-01-05 or 2026年1月5日); null = the 成文日期 */
  printedOn: optionalText(20).refine((v) => v === null || /^\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)$/u.test(v), '印发日期应写成2026-01-05或2026年1月5日'),
  /** 双面印刷: the 版记 goes on an even page, after a blank page when needed */
  duplex: z.boolean(),
  /** With a 印发通知 the notice carries the 落款; the plan keeps its own only when asked. */
  planSignatureWithNotice: z.boolean(),
};

export const ISSUANCE_DEFAULTS = {
  docType: 'none',
  letterhead: 'none',
  organs: [],
  organSuffix: '文件',
  docNumber: null,
  signers: [],
  copyNumber: null,
  secrecy: null,
  urgency: null,
  addressee: null,
  colophon: false,
  cc: null,
  printedBy: null,
  printedOn: null,
  duplex: false,
  planSignatureWithNotice: false,
} as const satisfies { [K in keyof typeof ISSUANCE_FIELDS]: z.input<(typeof ISSUANCE_FIELDS)[K]> };

export type IssuanceKey = keyof typeof ISSUANCE_FIELDS;
export const ISSUANCE_KEYS = Object.keys(ISSUANCE_FIELDS) as IssuanceKey[];

/** 整改落实情况报告 go up as a 报告 unless the user chose otherwise. */
export function issuanceDefaultsForKind(kind: string): { docType?: DocType } {
  return kind === 'report' || kind === 'zhenggai-baogao' ? { docType: 'report' } : {};
}

// ---- names derived from the 落款 ------------------------------------------------------------

/** 中共××局党组 → 中共××局党组文件; a name already ending in the suffix keeps it once. */
export function organMark(organ: string, suffix: string): string {
  const name = organ.trim();
  return suffix !== '' && name.endsWith(suffix) ? name : `${name}${suffix}`;
}

/** A name typed with its 文件 (中共××局党组文件) is the organ 中共××局党组 with the suffix 文件. */
export function splitOrganMark(text: string, suffix = '文件'): { organ: string; suffix: string } {
  const t = text.trim();
  if (suffix !== '' && t.endsWith(suffix) && t.length > suffix.length) return { organ: t.slice(0, -suffix.length), suffix };
  return { organ: t, suffix };
}

/** The 落款's office, the default 印发机关: 中共××局党组 → 中共××局党组办公室. */
export function officeOf(organ: string): string {
  const name = organ.trim();
  return /办公室$|办公厅$/u.test(name) ? name : `${name}办公室`;
}

// ---- 发文字号 --------------------------------------------------------------------------------

/** ××党组发〔2026〕3号: full year in 六角括号, no 第, no zero padding. */
export const DOC_NUMBER = /^[^〔〕\s]+〔\d{4}〕[1-9]\d*号$/u;

/** What is wrong with a 发文字号, in Chinese (empty when it is written as the standard wants). */
export function docNumberProblems(text: string): string[] {
  const t = text.trim();
  if (t === '' || DOC_NUMBER.test(t)) return [];
  const problems: string[] = [];
  const year = /([〔[【(（〈｛{〖])\s*(\d+)\s*([〕\]】)）〉｝}〗])/u.exec(t);
  if (!year || year[1] !== '〔' || year[3] !== '〕') problems.push('年份应使用六角括号〔〕');
  if (year && year[2]!.length !== 4) problems.push('年份应写全四位（如〔2026〕）');
  if (/第\s*\d/u.test(t)) problems.push('序号前不加“第”');
  if (/[〕\]】)）〉｝}〗]\s*(?:第\s*)?0\d*\s*号/u.test(t)) problems.push('序号不编虚位（写3号，不写03号）');
  if (!/号$/u.test(t)) problems.push('发文字号应以“号”结尾');
  if (problems.length === 0) problems.push('发文字号应写成“机关代字+〔年份〕+序号+号”，如“××党组发〔2026〕3号”');
  return problems;
}

/** Several organs in one 主送 (上行文 go to one superior organ only). */
export function addresseeOrgans(text: string): string[] {
  return text
    .trim()
    .replace(/[：:]+$/u, '')
    .split(/[、，,；;\s]+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A 主送 naming more than one organ, or a group (各……): not for a 报告 or 请示. */
export function isMultipleAddressee(text: string): boolean {
  const organs = addresseeOrgans(text);
  return organs.length > 1 || /^各/u.test(organs[0] ?? '');
}

/** 份号 as printed: six digits with leading zeros (GB/T 9704 §7.2.1). */
export function formatCopyNumber(value: string): string {
  return value.padStart(6, '0');
}
