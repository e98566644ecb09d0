import type { PlanDocument } from '../../../shared/domain/document.ts';
import type { ExportSettings } from '../../../shared/domain/export-settings.ts';
import { buildPlanLayout, countMeasures } from './blocks.ts';
import { buildDocument, buildLedgerDocument, packDocx } from './docx-writer.ts';
import { AppError } from '../../../shared/errors.ts';

export interface DocxResult {
  fileName: string;
  data: Buffer;
  warnings: string[];
}

/** A file name Windows accepts, from the title (characters \ / : * ? " < > | are not allowed). */
export function safeFileName(title: string, suffix = ''): string {
  const base = title.replace(/[\\/:*?"<>|\r\n\t]/g, '').trim().slice(0, 80) || '整改方案';
  return `${base}${suffix}.docx`;
}

/** The plan as an official .docx (GB/T 9704-2012), with the ledger appendix when enabled. */
export async function exportPlanDocx(doc: PlanDocument, settings: ExportSettings): Promise<DocxResult> {
  const layout = buildPlanLayout(doc, settings);
  const document = buildDocument({ blocks: layout.blocks, appendix: layout.appendix, settings, title: doc.title });
  const data = await packDocx(document, settings);
  return { fileName: safeFileName(doc.title), data, warnings: layout.warnings };
}

/** The 整改台账 alone, as a landscape table document: the same table and title as the appendix. */
export async function exportLedgerDocx(doc: PlanDocument, settings: ExportSettings): Promise<DocxResult> {
  if (countMeasures(doc.sections) === 0) throw new AppError('bad_input', '方案没有整改措施，无法导出整改台账。');
  const appendix = buildPlanLayout(doc, { ...settings, ledger: true }).appendix;
  if (!appendix) throw new AppError('internal', '整改台账未能生成。');
  const document = buildLedgerDocument({ ...appendix, label: '' }, settings);
  const data = await packDocx(document, settings);
  return { fileName: safeFileName(appendix.title), data, warnings: [] };
}
