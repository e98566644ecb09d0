import type { HandlerTable } from '../context.ts';
import { SEARCH_DEFAULT_LIMIT, type searchContract } from '../../../shared/api/search.ts';
import { searchEverything } from './search.ts';

export const searchHandlers: HandlerTable<keyof typeof searchContract> = {
  'search.query': ({ query, planId, limit }, { db }) => searchEverything(db, query, planId, limit ?? SEARCH_DEFAULT_LIMIT),
};
