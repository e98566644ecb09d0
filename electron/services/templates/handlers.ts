import type { HandlerTable } from '../context.ts';
import type { templateEditContract } from '../../../shared/api/template-edit.ts';
import { copyTemplate, discardDraft, draftForPlan, listDrafts, openDraft, saveDraft, updateVariables } from './drafts.ts';

/** 修改模板内容 and 复制为我的模板 (shared/api/template-edit.ts). */
export const templateEditHandlers: HandlerTable<keyof typeof templateEditContract> = {
  'templates.openDraft': ({ templateId }, ctx) => openDraft(ctx, templateId),
  'templates.updateFromPlan': ({ templateId, planId }, ctx) => saveDraft(ctx, templateId, planId),
  'templates.discardDraft': ({ planId }, { db }) => {
    discardDraft(db, planId);
    return { discarded: true as const };
  },
  'templates.draftForPlan': ({ planId }, { db }) => draftForPlan(db, planId),
  'templates.drafts': (_input, { db }) => listDrafts(db),
  'templates.updateVariables': ({ id, variables }, ctx) => updateVariables(ctx, id, variables),
  'templates.copy': ({ id, name }, ctx) => copyTemplate(ctx, id, name),
};
