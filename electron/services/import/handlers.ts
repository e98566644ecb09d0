import type { HandlerTable } from '../context.ts';
import type { importContract, ImportPreview } from '../../../shared/api/import.ts';
import { AppError } from '../../../shared/errors.ts';
import { PLAN_KIND_LABELS } from '../../../shared/importer/kind.ts';
import { yearOf } from '../../../shared/importer/recognise.ts';
import { createPlanFromDocument } from '../plans/plan-repository.ts';
import { parsePlanBytes, parsePlanText, type ParsedPlanFile } from './index.ts';
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
  };
}

function decodeBase64(data: string): Buffer {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) throw new AppError('bad_input', '文件内容传输有误（不是有效的 base64），请重新选择文件');
  return Buffer.from(data, 'base64');
}

export const importHandlers: HandlerTable<keyof typeof importContract> = {
  'import.parseFile': async ({ fileName, dataBase64, encoding }, ctx) => {
    const step = taskSteps(ctx, 'import', 1);
    step(`正在识别「${fileName}」`);
    const preview = toPreview(await parsePlanBytes(decodeBase64(dataBase64), fileName, { encoding: encoding ?? 'auto' }));
    step('已识别');
    return preview;
  },
  'import.parseText': ({ text }) => toPreview(parsePlanText(text)),
  'import.commit': ({ document }, ctx) => {
    const step = taskSteps(ctx, 'import', 1);
    step('正在保存导入的方案');
    const doc = { ...document, title: document.title.trim() || '导入的方案' };
    const plan = createPlanFromDocument(ctx.db, doc, { year: yearOf(doc.title) ?? yearOf(doc.date ?? '') ?? null });
    step('已保存');
    return { planId: plan.id };
  },
};

