import path from 'node:path';
import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { PlanDocument } from '../../../shared/domain/document.ts';
import type { DocNode } from '../../../shared/domain/document.ts';
import type { LedgerColumnSet } from '../../../shared/api/progress.ts';
import type { LedgerTable } from '../../../shared/ledger/index.ts';
import { resolveExportSettings, type ExportSettings, type ExportSettingsPatch } from '../../../shared/domain/export-settings.ts';
import { normalizePunctuation } from '../../../shared/text/punctuation.ts';
import { buildReportDocument } from '../../../shared/progress/report-text.ts';
import { localIsoDate } from '../../../shared/progress/dates.ts';
import { safeFileName } from '../../../shared/progress/evidence-names.ts';
import { buildLedgerDocument, packDocx } from '../export/docx-writer.ts';
import { exportPlanDocx } from '../export/export-plan.ts';
import { getExportSettings } from '../export/settings-store.ts';
import { getPlan } from '../plans/plan-repository.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { loadLedger, type LoadedLedger } from './ledger-data.ts';
import { ledgerXlsx } from './ledger-xlsx.ts';

/**
 * Files made from the tracking data: the ledger (.xlsx with exceljs, .docx with the exporter's
 * landscape table engine) and the 整改落实情况报告 (.docx with the exporter's GB/T 9704 engine). The
 * .docx ledger uses the same rows as the .xlsx, extras included (整改进展, 佐证材料, 是否销号).
 */

export type LedgerFormat = 'xlsx' | 'docx';

export function formatFromPath(file: string): LedgerFormat | null {
  const ext = path.extname(file).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.docx' ? 'docx' : null;
}

function planExportSettings(db: Db, planId: string): ExportSettings {
  const settings = getPlan(db, planId).meta.settings as { export?: unknown };
  return resolveExportSettings(settings.export);
}

function normalizedTable<N>(table: LedgerTable<N>): LedgerTable<N> {
  return {
    ...table,
    rows: table.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c ? { ...c, text: normalizePunctuation(c.text).text } : null)) })),
  };
}

export async function ledgerFile(
  db: Db,
  planId: string,
  format: LedgerFormat,
  columnSet: LedgerColumnSet = 'E',
): Promise<{ fileName: string; data: Buffer; rows: number; loaded: LoadedLedger }> {
  const loaded = loadLedger(db, planId, columnSet);
  if (loaded.ledger.measures.length === 0) throw new AppError('bad_input', '方案没有整改措施，无法导出整改台账');
  const fileName = `${safeFileName(loaded.ledger.title, '整改台账')}.${format}`;
  if (format === 'xlsx') {
    return { fileName, data: await ledgerXlsx(loaded.ledger, loaded.table), rows: loaded.ledger.measures.length, loaded };
  }
  const settings = planExportSettings(db, planId);
  const document = buildLedgerDocument(
    {
      label: '',
      title: normalizePunctuation(loaded.ledger.title).text,
      table: normalizedTable(loaded.table) as unknown as LedgerTable<DocNode>,
      fontSize: settings.ledgerFontSize,
    },
    settings,
  );
  return { fileName, data: await packDocx(document, settings), rows: loaded.ledger.measures.length, loaded };
}

export async function exportLedger(
  db: Db,
  input: { planId: string; output: string; format?: LedgerFormat | undefined; columnSet?: LedgerColumnSet | undefined },
): Promise<{ path: string; format: LedgerFormat; rows: number }> {
  const format = input.format ?? formatFromPath(input.output);
  if (!format) throw new AppError('bad_input', `无法从文件名「${path.basename(input.output)}」判断格式：请以 .xlsx 或 .docx 结尾`);
  const file = await ledgerFile(db, input.planId, format, input.columnSet ?? 'E');
  await writeFileAtomic(input.output, file.data, { createFolder: true });
  return { path: path.resolve(input.output), format, rows: file.rows };
}

export function reportDocument(db: Db, planId: string, asOf?: string): PlanDocument {
  const loaded = loadLedger(db, planId, 'E');
  const plan = getPlan(db, planId);
  return buildReportDocument(loaded.ledger, {
    asOf: asOf ?? localIsoDate(),
    addressee: plan.document.addressee,
    issuer: plan.document.issuer,
  });
}

/**
 * The report, its export settings (the report's own 发文设置 — a 报告 by default — over the plan's
 * fonts) and its ledger: what the .docx and the export dialog's preview are made from.
 */
export function reportExportInputs(
  db: Db,
  planId: string,
  asOf?: string,
  patch?: ExportSettingsPatch,
): { document: PlanDocument; settings: ExportSettings; ledgerTable: LedgerTable<DocNode> } {
  const loaded = loadLedger(db, planId, 'E');
  const document = reportDocument(db, planId, asOf);
  const settings: ExportSettings = {
    ...getExportSettings(db, planId, patch, 'report'),
    ledger: true,
    ledgerTitle: loaded.ledger.title,
    ledgerColumns: loaded.table.columns.map((c) => c.id),
    // The report states each measure's 整改情况 in its text; the 责任 line belongs to the plan.
    responsibilityLine: false,
  };
  return { document, settings, ledgerTable: normalizedTable(loaded.table) as unknown as LedgerTable<DocNode> };
}

/**
 * The report as .docx through the exporter's engine, with the plan's ledger (columns E, with the
 * tracking extras) as its landscape attachment — the very table `exportLedger` writes.
 */
export async function reportDocx(db: Db, planId: string, asOf?: string): Promise<{ document: PlanDocument; data: Buffer; warnings: string[] }> {
  const { document, settings, ledgerTable } = reportExportInputs(db, planId, asOf);
  const r = await exportPlanDocx(document, settings, { ledgerTable });
  return { document, data: r.data, warnings: r.warnings };
}
