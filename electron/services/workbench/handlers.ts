import type { HandlerTable } from '../context.ts';
import type { workbenchContract } from '../../../shared/api/workbench.ts';
import { localIsoDate } from '../../../shared/progress/dates.ts';
import { dueMeasures, workbenchOverview } from './overview.ts';
import { readWorkbenchSettings, writeWorkbenchSettings } from './settings.ts';

export const workbenchHandlers: HandlerTable<keyof typeof workbenchContract> = {
  'workbench.overview': ({ today, includeArchived }, { db }) => workbenchOverview(db, today ?? localIsoDate(), includeArchived ?? false),
  'workbench.due': (query, { db }) => dueMeasures(db, query, query.today ?? localIsoDate()),
  'workbench.settings': (_input, { db }) => readWorkbenchSettings(db),
  'workbench.updateSettings': (settings, { db }) => writeWorkbenchSettings(db, settings),
};
