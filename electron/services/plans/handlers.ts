import type { HandlerTable } from '../context.ts';
import type { plansContract } from '../../../shared/api/plans.ts';
import { emptyDocument } from '../../../shared/domain/document.ts';
import {
  createPlanFromDocument,
  deletePlan,
  duplicatePlan,
  getPlan,
  getPlanDocument,
  listPlans,
  renamePlan,
  setArchived,
} from './plan-repository.ts';

export const planHandlers: HandlerTable<keyof typeof plansContract> = {
  'plans.list': ({ includeArchived }, { db }) => listPlans(db, { includeArchived }),
  'plans.get': ({ id }, { db }) => getPlan(db, id),
  'plans.create': ({ title, kind }, { db }) => createPlanFromDocument(db, emptyDocument(title, kind ?? 'blank')),
  'plans.createFromDocument': ({ document, meta }, { db }) => createPlanFromDocument(db, document, meta ?? {}),
  'plans.rename': ({ id, title }, { db }) => renamePlan(db, id, title),
  'plans.duplicate': ({ id }, { db }) => duplicatePlan(db, id),
  'plans.archive': ({ id }, { db }) => setArchived(db, id, true),
  'plans.unarchive': ({ id }, { db }) => setArchived(db, id, false),
  'plans.delete': ({ id }, { db }) => {
    deletePlan(db, id);
    return { deleted: true as const };
  },
  'plans.document': ({ id }, { db }) => getPlanDocument(db, id),
};
