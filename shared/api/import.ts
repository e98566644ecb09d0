import { z } from 'zod';
import { method } from './define.ts';
import { PlanDocumentSchema } from '../domain/document.ts';
import { NOTE_KINDS } from '../importer/types.ts';

/** Encodings the import preview offers for text files ('auto' = BOM → UTF-8 → GB18030). */
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'gbk', 'big5', 'utf-16le', 'utf-16be'] as const;
export const IMPORT_ENCODING_LABELS: Record<(typeof IMPORT_ENCODINGS)[number], string> = {
  auto: '自动识别',
  'utf-8': 'UTF-8',
  gb18030: 'GB18030（含 GBK/GB2312）',
  gbk: 'GBK',
  big5: 'Big5（繁体）',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

export const ImportCountsSchema = z.object({
  sections: z.number().int(),
  measures: z.number().int(),
  problems: z.number().int(),
  attachments: z.number().int(),
  punctuationChanges: z.number().int(),
});

/**
 * Why the recogniser read a line as it did (a title, a dropped furniture line, an inferred heading, a
 * measure's fields …): the preview shows the reason on hover, and a correctable reading can be undone in
 * one click (demote an inferred heading, restore a dropped line) before 确认导入.
 */
export const ImportNoteSchema = z.object({
  kind: z.enum(NOTE_KINDS),
  /** The source line as the preview shows it */
  line: z.string(),
  /** A short Chinese reason */
  reason: z.string(),
  correctable: z.boolean(),
});
export type ImportNote = z.infer<typeof ImportNoteSchema>;

/** The user's one-click corrections; the file or text is recognised again with them. */
export const ImportCorrectionsSchema = z.object({
  /** Lines that must stay text, not headings */
  demote: z.array(z.string().max(2000)).max(1000).optional(),
  /** Dropped lines to keep after all */
  restore: z.array(z.string().max(2000)).max(1000).optional(),
});
export type ImportCorrections = z.infer<typeof ImportCorrectionsSchema>;

export const ImportPreviewSchema = z.object({
  document: PlanDocumentSchema,
  warnings: z.array(z.string()),
  /** encoding used for text ('utf-8', 'gb18030' …) or the container ('docx', 'doc', 'wps') */
  encoding: z.string(),
  /** what the file turned out to be: text, docx, doc, html */
  fileKind: z.string(),
  /** plan kind recognised from the title (minzhu-shenghuohui, xuncha …) */
  detectedKind: z.string(),
  /** its Chinese label */
  detectedKindLabel: z.string(),
  /** the source as plain text, for the preview */
  sourceText: z.string(),
  punctuationChanges: z.number().int(),
  counts: ImportCountsSchema,
  notes: z.array(ImportNoteSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const importContract = {
  'import.parseFile': method(
    z.object({
      fileName: z.string().min(1, '缺少文件名'),
      dataBase64: z.string(),
      encoding: z.enum(IMPORT_ENCODINGS).optional(),
      corrections: ImportCorrectionsSchema.optional(),
    }),
    ImportPreviewSchema,
    '读取一个文件（.txt/.docx/.doc/.wps）并识别方案结构，不保存',
  ),
  'import.parseText': method(
    z.object({ text: z.string(), corrections: ImportCorrectionsSchema.optional() }),
    ImportPreviewSchema,
    '识别粘贴文字的方案结构，不保存',
  ),
  'import.commit': method(
    z.object({ document: PlanDocumentSchema }),
    z.object({ planId: z.string() }),
    '把确认后的识别结果保存为新方案（一次事务），并把其中的领导、部门、责任人记入人员与部门名录',
  ),
} as const;
