import type { PlanDocument } from '../../../shared/domain/document.ts';
import type { ExportSettings } from '../../../shared/domain/export-settings.ts';
import { buildPlanLayout, countMeasures } from './blocks.ts';
import { buildIssuedLayout, type IssuedLayout, type IssueOptions } from './issued-layout.ts';
import { needsBlankBeforeColophon, paginateIssued } from './preview.ts';
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

/**
 * The plan as an official .docx (GB/T 9704-2012), with the ledger appendix when enabled and, as the
 * 发文设置 ask, the 版头, the 印发通知 in front and the 版记 on the last page.
 */
export async function exportPlanDocx(doc: PlanDocument, settings: ExportSettings, options: IssueOptions = {}): Promise<DocxResult> {
  const layout = buildIssuedLayout(doc, settings, options);
  // Only 双面印刷 with a 版记 needs the page count: the blank page goes in when the pages before are even.
  const blankBeforeColophon = layout.colophon !== null && settings.duplex && needsBlankBeforeColophon(pagesBeforeColophon(layout, settings), settings);
  const document = buildDocument({
    blocks: layout.blocks,
    appendix: layout.appendix,
    settings,
    title: doc.title,
    letterhead: layout.letterhead,
    colophon: layout.colophon,
    blankBeforeColophon,
  });
  const data = await packDocx(document, settings);
  return { fileName: safeFileName(doc.title), data, warnings: layout.warnings };
}

function pagesBeforeColophon(layout: IssuedLayout, settings: ExportSettings): number {
  return paginateIssued({ ...layout, colophon: null }, settings).length;
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
