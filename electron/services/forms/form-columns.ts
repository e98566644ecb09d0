import type { FormKind } from '../../../shared/api/forms.ts';

/**
 * The columns of the two forms. The writer lays them out; the reader finds them again by their header
 * text (a department may have moved or hidden a column), so the labels are the contract between them.
 */
export interface FormColumn {
  key: string;
  label: string;
  /** characters */
  width: number;
  /** the department fills it in: unlocked, tinted */
  input?: boolean;
  /** a date the department writes */
  date?: boolean;
  /** the row's identity: hidden, locked */
  hidden?: boolean;
}

export const PROGRESS_COLUMNS: readonly FormColumn[] = [
  { key: 'path', label: '编号', width: 7 },
  { key: 'problem', label: '问题', width: 16 },
  { key: 'measure', label: '整改措施', width: 25 },
  { key: 'leader', label: '责任领导', width: 10 },
  { key: 'deadline', label: '完成时限', width: 10 },
  { key: 'current', label: '当前状态', width: 8 },
  { key: 'progress', label: '本期进展', width: 28, input: true },
  { key: 'status', label: '状态', width: 10, input: true },
  { key: 'completedOn', label: '完成时间', width: 11, input: true, date: true },
  { key: 'evidence', label: '佐证材料清单', width: 14, input: true },
  { key: 'reporter', label: '填报人', width: 7, input: true },
  { key: 'reportedOn', label: '填报日期', width: 11, input: true, date: true },
  { key: 'id', label: '措施标识', width: 12, hidden: true },
  { key: 'version', label: '版本', width: 12, hidden: true },
];

export const PROPOSAL_COLUMNS: readonly FormColumn[] = [
  { key: 'path', label: '问题编号', width: 9 },
  { key: 'problem', label: '问题', width: 44 },
  { key: 'measure', label: '整改措施', width: 58, input: true },
  { key: 'leader', label: '责任领导', width: 14, input: true },
  { key: 'deadline', label: '完成时限', width: 16, input: true },
  { key: 'id', label: '问题标识', width: 12, hidden: true },
];

/** Cells of a progress row the department must not change: a changed one is reported. */
export const PROGRESS_KEY_COLUMNS = ['path', 'problem', 'measure', 'leader', 'deadline', 'current'] as const;
/** Cells of a progress row the department writes. */
export const PROGRESS_INPUT_COLUMNS = ['progress', 'status', 'completedOn', 'evidence', 'reporter', 'reportedOn'] as const;
export const PROPOSAL_INPUT_COLUMNS = ['measure', 'leader', 'deadline'] as const;

export function columnsOf(kind: FormKind): readonly FormColumn[] {
  return kind === 'progress' ? PROGRESS_COLUMNS : PROPOSAL_COLUMNS;
}

/** Empty rows under each problem in a 征求措施表 (the department may insert more). */
export const PROPOSAL_ROWS_PER_PROBLEM = 3;

/** The hidden sheet's marker in A1 and its format version in B1. */
export const INFO_MARKER = 'rectify-form';
export const INFO_FORMAT = 1;
export const INFO_SHEET_NAME = '填报表信息';
/** The hidden sheet's A cell that starts the per-row list. */
export const INFO_ROWS_MARKER = 'rows';
/** Labels of the 征求措施表's 填报人 and 填报日期 cells (beside their input cells). */
export const PROPOSAL_REPORTER_LABEL = '填报人：';
export const PROPOSAL_DATE_LABEL = '填报日期：';
