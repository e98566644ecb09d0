import { z } from 'zod';
import { method } from './define.ts';
import { PlanDocumentSchema } from '../domain/document.ts';

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
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const importContract = {
  'import.parseFile': method(
    z.object({
      fileName: z.string().min(1, '缺少文件名'),
      dataBase64: z.string(),
      encoding: z.enum(IMPORT_ENCODINGS).optional(),
    }),
    ImportPreviewSchema,
    '读取一个文件（.txt/.docx/.doc/.wps）并识别方案结构，不保存',
  ),
  'import.parseText': method(z.object({ text: z.string() }), ImportPreviewSchema, '识别粘贴文字的方案结构，不保存'),
  'import.commit': method(
    z.object({ document: PlanDocumentSchema }),
    z.object({ planId: z.string() }),
    '把确认后的识别结果保存为新方案（一次事务）',
  ),
} as const;
