// A plan text followed by 署名, 成文日期 and the 整改台账 as our exporter lays it out (附件 label, title,
// header row, one row per measure with the problem cell left empty under a merged one), as lines the
// way the .docx reader gives them: a cell's paragraphs joined, cells separated by tabs.
import { buildLedger, DEFAULT_LEDGER_COLUMNS, type LedgerColumnId } from '../../../shared/ledger/index.ts';
import type { PlanDocument } from '../../../shared/domain/document.ts';

export const ISSUER = '中共XX市委员会办公室';
export const DATE = '2025年12月15日';

export interface AppendixOptions {
  columns?: readonly LedgerColumnId[];
  label?: string;
  title?: string;
  /** Rewrites a row's cells (by header label) before they are written, to make the ledger differ from the body */
  edit?: (cells: Record<string, string>, serial: number) => void;
}

export function ledgerLines(doc: PlanDocument, options: AppendixOptions = {}): string[] {
  const table = buildLedger(doc, { columns: options.columns ?? DEFAULT_LEDGER_COLUMNS, level3Numbering: doc.level3Numbering });
  const lines = [table.header.join('\t')];
  for (const row of table.rows) {
    const cells: Record<string, string> = {};
    table.header.forEach((h, i) => (cells[h] = (row.cells[i]?.text ?? '').replace(/\n/g, '')));
    options.edit?.(cells, row.row.serial);
    lines.push(table.header.map((h) => cells[h] ?? '').join('\t'));
  }
  return lines;
}

/** The plan's text with a signature block (unless it ends with one) and a ledger appendix after it. */
export function withLedgerAppendix(text: string, doc: PlanDocument, options: AppendixOptions = {}): string {
  const title = options.title ?? `${doc.title}整改台账`;
  const signature = doc.date === null ? [ISSUER, DATE] : [];
  return [text.trimEnd(), ...signature, options.label ?? '附件', title, ...ledgerLines(doc, options)].join('\n') + '\n';
}
