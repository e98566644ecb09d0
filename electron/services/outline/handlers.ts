import type { HandlerTable } from '../context.ts';
import type { editorContract } from '../../../shared/api/editor.ts';
import { AppError } from '../../../shared/errors.ts';

// Temporary while the editor services land one by one: every method of the contract is routed here.
const pending = (): never => {
  throw new AppError('internal', '该功能尚在开发中');
};

export const editorHandlers: HandlerTable<keyof typeof editorContract> = {
  'templates.list': pending,
  'templates.get': pending,
  'templates.instantiate': pending,
  'templates.saveFromPlan': pending,
  'templates.update': pending,
  'templates.delete': pending,
  'templates.hints': pending,
  'plans.updateHeader': pending,
  'outline.addNode': pending,
  'outline.updateNode': pending,
  'outline.moveNode': pending,
  'outline.indent': pending,
  'outline.outdent': pending,
  'outline.deleteNode': pending,
  'problems.list': pending,
  'problems.create': pending,
  'problems.update': pending,
  'problems.delete': pending,
  'problems.link': pending,
  'problems.unlink': pending,
  'history.state': pending,
  'history.undo': pending,
  'history.redo': pending,
  'revisions.list': pending,
  'revisions.create': pending,
  'revisions.diff': pending,
  'revisions.restore': pending,
  'phrases.list': pending,
  'phrases.create': pending,
  'phrases.delete': pending,
  'directory.search': pending,
  'directory.list': pending,
  'directory.add': pending,
  'directory.update': pending,
  'directory.delete': pending,
  'measures.search': pending,
  'checks.run': pending,
  'checks.fixPunctuation': pending,
};
