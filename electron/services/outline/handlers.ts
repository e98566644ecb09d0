import type { HandlerTable } from '../context.ts';
import type { editorContract } from '../../../shared/api/editor.ts';
import { addNode, deleteNode, indentNode, moveNode, outdentNode, updateHeader, updateNode, editResult } from './outline-ops.ts';
import { createProblem, deleteProblem, linkProblem, listProblems, updateProblem } from './problems.ts';
import { historyState, stepHistory } from '../history/edit.ts';
import { createRevision, diffRevision, listRevisions, restoreRevision } from '../revisions/revisions.ts';
import { deleteTemplate, getTemplate, instantiate, listTemplates, planHints, saveFromPlan, updateTemplate } from '../templates/repository.ts';
import { createPhrase, deletePhrase, listPhrases } from '../phrases/phrases.ts';
import { addEntry, deleteEntry, listDirectory, renameEntry, searchDirectory } from '../directory/directory.ts';
import { searchMeasures } from '../directory/measure-search.ts';
import { fixPunctuation, runPlanChecks } from '../checks/checks.ts';
import type { Db } from '../store/database.ts';

function step(db: Db, planId: string, expectedVersion: number | undefined, direction: 'undo' | 'redo') {
  const outcome = stepHistory(db, planId, expectedVersion ?? null, direction);
  const result = editResult(db, planId, { value: null, version: outcome.version, updatedAt: outcome.updatedAt, changed: true }, outcome.nodeIds[0] ?? null);
  return { ...result, label: outcome.label };
}

/** The drafting surface of issue 5 (shared/api/editor.ts). */
export const editorHandlers: HandlerTable<keyof typeof editorContract> = {
  'templates.list': (_input, ctx) => listTemplates(ctx),
  'templates.get': ({ id }, ctx) => getTemplate(ctx, id),
  'templates.instantiate': ({ templateId, variables }, ctx) => instantiate(ctx, templateId, variables),
  'templates.saveFromPlan': ({ planId, name, purpose }, ctx) => saveFromPlan(ctx, planId, name, purpose),
  'templates.update': (input, ctx) => updateTemplate(ctx, input),
  'templates.delete': ({ id }, ctx) => {
    deleteTemplate(ctx, id);
    return { deleted: true as const };
  },
  'templates.hints': ({ planId }, { db }) => planHints(db, planId),

  'plans.updateHeader': (input, { db }) => updateHeader(db, input),
  'outline.addNode': (input, { db }) => addNode(db, input),
  'outline.updateNode': (input, { db }) => updateNode(db, input),
  'outline.moveNode': (input, { db }) => moveNode(db, input),
  'outline.indent': (input, { db }) => indentNode(db, input),
  'outline.outdent': (input, { db }) => outdentNode(db, input),
  'outline.deleteNode': (input, { db }) => deleteNode(db, input),

  'problems.list': ({ planId }, { db }) => listProblems(db, planId),
  'problems.create': (input, { db }) => createProblem(db, input),
  'problems.update': (input, { db }) => updateProblem(db, input),
  'problems.delete': (input, { db }) => deleteProblem(db, input),
  'problems.link': (input, { db }) => linkProblem(db, input, true),
  'problems.unlink': (input, { db }) => linkProblem(db, input, false),

  'history.state': ({ planId }, { db }) => {
    listRevisions(db, planId); // not_found for an unknown plan
    return historyState(db, planId);
  },
  'history.undo': ({ planId, expectedVersion }, { db }) => step(db, planId, expectedVersion, 'undo'),
  'history.redo': ({ planId, expectedVersion }, { db }) => step(db, planId, expectedVersion, 'redo'),

  'revisions.list': ({ planId }, { db }) => listRevisions(db, planId),
  'revisions.create': ({ planId, reason }, { db }) => createRevision(db, planId, reason),
  'revisions.diff': ({ revisionId }, { db }) => diffRevision(db, revisionId),
  'revisions.restore': ({ revisionId, expectedVersion }, { db }) => restoreRevision(db, revisionId, expectedVersion),

  'phrases.list': ({ kind }, ctx) => listPhrases(ctx, kind),
  'phrases.create': ({ text, kind }, ctx) => createPhrase(ctx, text, kind),
  'phrases.delete': ({ id }, ctx) => {
    deletePhrase(ctx, id);
    return { deleted: true as const };
  },

  'directory.search': ({ type, query, limit }, { db }) => searchDirectory(db, type, query, limit),
  'directory.list': ({ type }, { db }) => listDirectory(db, type),
  'directory.add': ({ type, name }, { db }) => addEntry(db, type, name),
  'directory.update': ({ type, id, name }, { db }) => renameEntry(db, type, id, name),
  'directory.delete': ({ type, id }, { db }) => {
    deleteEntry(db, type, id);
    return { deleted: true as const };
  },

  'measures.search': ({ query, excludePlanId, limit }, { db }) => searchMeasures(db, query, excludePlanId, limit),

  'checks.run': ({ planId }, { db }) => runPlanChecks(db, planId),
  'checks.fixPunctuation': ({ planId, expectedVersion }, { db }) => {
    // A bulk edit: keep the text as it was in the version history first (issue 5).
    createRevision(db, planId, '批量修改前');
    return fixPunctuation(db, planId, expectedVersion);
  },
};
