import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { HandlerTable } from '../context.ts';
import type { progressContract } from '../../../shared/api/progress.ts';
import { computeDashboard } from '../../../shared/progress/dashboard.ts';
import { localIsoDate } from '../../../shared/progress/dates.ts';
import { createPlanFromDocument } from '../plans/plan-repository.ts';
import { changeDeadline, closeMeasure, measureProgress, setStatus, updateMeasure } from './events.ts';
import { loadLedger } from './ledger-data.ts';
import { exportLedger, ledgerFile, reportDocument, reportDocx } from './exports.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { taskSteps } from '../task-steps.ts';
import { listMeasures } from './measures.ts';

export const progressHandlers: HandlerTable<keyof typeof progressContract> = {
  'progress.measures': ({ planId }, { db }) => listMeasures(db, planId),
  'progress.get': ({ measureId }, { db }) => measureProgress(db, measureId),
  'progress.setStatus': (input, { db }) => setStatus(db, input),
  'progress.close': (input, { db }) => closeMeasure(db, input),
  'progress.changeDeadline': (input, { db }) => changeDeadline(db, input),
  'progress.updateMeasure': (input, { db }) => updateMeasure(db, input),
  'progress.dashboard': ({ planId, today }, { db }) => computeDashboard(planId, loadLedger(db, planId).ledger.measures, today ?? localIsoDate()),
  'progress.ledger': ({ planId, columnSet }, { db }) => loadLedger(db, planId, columnSet ?? 'E').ledger,
  'progress.exportLedger': async (input, ctx) => {
    const step = taskSteps(ctx, 'export', 1);
    step('正在导出整改台账');
    const result = await exportLedger(ctx.db, input);
    step('已导出');
    return result;
  },
  'progress.ledgerFile': async ({ planId, format, columnSet }, { db }) => {
    const file = await ledgerFile(db, planId, format, columnSet ?? 'E');
    return { fileName: file.fileName, dataBase64: file.data.toString('base64') };
  },
  'progress.reportDocument': ({ planId, asOf }, { db }) => reportDocument(db, planId, asOf),
  'progress.exportReport': async ({ planId, output, asOf }, ctx) => {
    if (path.extname(output).toLowerCase() !== '.docx') throw new AppError('bad_input', '报告只能导出为 .docx 文件');
    const step = taskSteps(ctx, 'export', 2);
    step('正在生成整改落实情况报告');
    const { document, data, warnings } = await reportDocx(ctx.db, planId, asOf);
    step('正在写入文件');
    await writeFileAtomic(output, data, { createFolder: true });
    step('已导出');
    return { path: path.resolve(output), title: document.title, warnings };
  },
  'progress.generateReport': ({ planId, asOf }, { db }) => {
    const document = reportDocument(db, planId, asOf);
    return createPlanFromDocument(db, document, {
      templateId: 'report',
      variables: { sourcePlanId: planId },
      // Exported later like any plan: its own measures carry the ledger's fields, shown as the E columns.
      settings: {
        export: {
          ledger: true,
          ledgerTitle: document.attachments[0] ?? null,
          ledgerColumns: ['index', 'problem', 'measure', 'leader', 'department', 'deadline', 'progress', 'closed', 'remark'],
          responsibilityLine: false,
        },
      },
    });
  },
};
