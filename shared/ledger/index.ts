// The 整改台账 (ledger): column catalogue and rows built from a plan's outline.
export * from './columns.ts';
export * from './rows.ts';
export * from './title.ts';
