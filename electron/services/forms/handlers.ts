import type { HandlerTable } from '../context.ts';
import type { formsContract, ReturnedFile } from '../../../shared/api/forms.ts';
import { taskSteps } from '../task-steps.ts';
import { confirmIssued, formDepartments, issueForms, issueFormsFile } from './issue.ts';
import { reviewReturns, type ReturnedBytes } from './review.ts';
import { applyReview, collectResult } from './apply.ts';

function decoded(files: readonly ReturnedFile[]): ReturnedBytes[] {
  return files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') }));
}

export const formsHandlers: HandlerTable<keyof typeof formsContract> = {
  'forms.departments': ({ planId, kind }, { db }) => formDepartments(db, planId, kind ?? 'progress'),
  'forms.issue': async (input, ctx) => {
    const step = taskSteps(ctx, 'export', 1);
    step('正在生成填报表');
    const result = await issueForms(ctx.db, ctx.dataDir, input);
    step('已生成');
    return result;
  },
  'forms.issueFile': async (input, { db }) => {
    const file = await issueFormsFile(db, input);
    return { fileName: file.fileName, dataBase64: file.data.toString('base64'), files: file.files, token: file.token };
  },
  'forms.confirmIssue': ({ token }, { db }) => confirmIssued(db, token),
  'forms.collect': async ({ files, planId }, { db }) => collectResult(await reviewReturns(db, decoded(files), planId), null),
  'forms.apply': async ({ files, planId, accept, addAnyway }, { db }) => {
    const review = await reviewReturns(db, decoded(files), planId);
    const applied = applyReview(db, review, { accept: accept ? new Set(accept) : null, addAnyway: new Set(addAnyway ?? []) });
    return collectResult(review, applied);
  },
};
