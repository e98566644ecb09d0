export { recognisePlan, toLines } from './recognise.ts';
export { toParseJson, type ParseJson, type ParseNodeJson } from './project.ts';
export { detectPlanKind, PLAN_KIND_LABELS } from './kind.ts';
export type { SourceLine, RecogniseOptions, RecogniseResult, RecogniseCounts, DroppedLine } from './types.ts';
