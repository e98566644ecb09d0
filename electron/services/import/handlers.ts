import type { HandlerTable } from '../context.ts';
import type { importContract, ImportPreview } from '../../../shared/api/import.ts';
import { AppError } from '../../../shared/errors.ts';
import { PLAN_KIND_LABELS } from '../../../shared/importer/kind.ts';
import { yearOf } from '../../../shared/importer/recognise.ts';
import { createPlanFromDocument } from '../plans/plan-repository.ts';
import { parsePlanText, type ParsedPlanFile } from './index.ts';
import { parsePlanBytesIsolated } from './isolated.ts';
import { directoryNames, learnNamesFromPlan } from '../directory/plan-names.ts';
import { taskSteps } from '../task-steps.ts';

export function toPreview(parsed: ParsedPlanFile): ImportPreview {
  return {
    document: parsed.document,
    warnings: parsed.warnings,
    encoding: parsed.encoding,
    fileKind: parsed.fileKind,
    detectedKind: parsed.document.kind,
    detectedKindLabel: PLAN_KIND_LABELS[parsed.document.kind] ?? PLAN_KIND_LABELS.other!,
    sourceText: parsed.sourceText,
    punctuationChanges: parsed.counts.punctuationChanges,
    counts: parsed.counts,
    notes: parsed.notes,
  };
}

function decodeBase64(data: string): Buffer {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) throw new AppError('bad_input', '文件内容传输有误（不是有效的 base64），请重新选择文件');
  return Buffer.from(data, 'base64');
}

export const importHandlers: HandlerTable<keyof typeof importContract> = {
  'import.parseFile': async ({ fileName, dataBase64, encoding, corrections }, ctx) => {
    const step = taskSteps(ctx, 'import', 1);
    step(`正在识别「${fileName}」`);
    const preview = toPreview(
      await parsePlanBytesIsolated(decodeBase64(dataBase64), fileName, {
        encoding: encoding ?? 'auto',
        ...(corrections ? { corrections } : {}),
        knownNames: directoryNames(ctx.db),
      }),
    );
    step('已识别');
    return preview;
  },
  'import.parseText': ({ text, corrections }, { db }) => toPreview(parsePlanText(text, { ...(corrections ? { corrections } : {}), knownNames: directoryNames(db) })),
  'import.commit': ({ document }, ctx) => {
    const step = taskSteps(ctx, 'import', 1);
    step('正在保存导入的方案');
    const db = ctx.db;
    const doc = { ...document, title: document.title.trim() || '导入的方案' };
    // The plan and the names it teaches the directory are stored together (one IMMEDIATE transaction:
    // a busy database is waited for instead of failing half-way).
    const saved = db.transaction(() => {
      const plan = createPlanFromDocument(db, doc, { year: yearOf(doc.title) ?? yearOf(doc.date ?? '') ?? null });
      learnNamesFromPlan(db, doc);
      return { planId: plan.id };
    })();
    step('已保存');
    return saved;
  },
};

