import { STATUS_LABELS } from '../domain/status.ts';
import type { LedgerRow } from './rows.ts';

/**
 * The 整改台账 columns (domain.md §4): views over one measure table. A column reads its cell from a
 * ledger row; columns whose data live outside the PlanDocument (整改进展, 佐证材料, 是否销号 from the
 * tracking tables) read `row.extra[id]` first, which the service that builds the rows fills in (see
 * `LedgerExtras` in rows.ts), and fall back to what the document itself knows.
 */
export const LEDGER_COLUMN_IDS = [
  'index',
  'category',
  'problem',
  'measure',
  'target',
  'leader',
  'department',
  'cooperating',
  'person',
  'deadline',
  'status',
  'progress',
  'evidence',
  'closed',
  'remark',
] as const;
export type LedgerColumnId = (typeof LEDGER_COLUMN_IDS)[number];

/** 序号, 问题, 整改措施, 责任领导, 责任部门, 完成时限, 备注 (issue 4 default). */
export const DEFAULT_LEDGER_COLUMNS: readonly LedgerColumnId[] = [
  'index',
  'problem',
  'measure',
  'leader',
  'department',
  'deadline',
  'remark',
];

/** Ready-made column sets from domain.md §4 (IDs there: D 合并整改清单, E 整改台账, C 责任清单, F 组织生活会清单). */
export const LEDGER_COLUMN_SETS: Record<string, { label: string; columns: readonly LedgerColumnId[] }> = {
  default: { label: '整改清单（默认）', columns: DEFAULT_LEDGER_COLUMNS },
  D: {
    label: '合并整改清单',
    columns: ['index', 'category', 'problem', 'measure', 'leader', 'department', 'deadline', 'remark'],
  },
  E: {
    label: '整改台账（含进展）',
    columns: ['index', 'problem', 'measure', 'leader', 'department', 'person', 'deadline', 'progress', 'evidence', 'closed', 'remark'],
  },
  C: { label: '责任清单', columns: ['index', 'measure', 'leader', 'department', 'cooperating', 'person'] },
  F: { label: '组织生活会清单', columns: ['index', 'category', 'problem', 'measure', 'person', 'deadline', 'status'] },
};

export type CellAlign = 'center' | 'left';

export interface LedgerColumn {
  id: LedgerColumnId;
  /** Header text as printed */
  label: string;
  /** Relative width; the exporter scales the weights to the table width */
  weight: number;
  align: CellAlign;
  /** Cells of consecutive rows of the same problem are merged (rowspan) */
  mergeByProblem: boolean;
  value(row: LedgerRow): string;
}

function extraOr(row: LedgerRow, id: LedgerColumnId, fallback: string): string {
  const v = row.extra[id];
  return v !== undefined ? v : fallback;
}

/** Lead sentence and body as one text: the lead sentence gets its full stop when it has none. */
export function measureText(heading: string, body: readonly string[]): string {
  const lead = heading.trim();
  const rest = body.map((b) => b.trim()).filter((b) => b !== '');
  if (rest.length === 0) return lead;
  const stop = lead === '' || /[。！？：；…”’）》]$/u.test(lead) ? '' : '。';
  return `${lead}${stop}${rest.join('\n')}`;
}

export const LEDGER_COLUMNS: Record<LedgerColumnId, LedgerColumn> = {
  index: { id: 'index', label: '序号', weight: 3.2, align: 'center', mergeByProblem: false, value: (r) => String(r.serial) },
  category: {
    id: 'category',
    label: '问题类别',
    weight: 5,
    align: 'left',
    mergeByProblem: true,
    value: (r) => extraOr(r, 'category', r.category),
  },
  problem: {
    id: 'problem',
    label: '问题',
    weight: 12,
    align: 'left',
    mergeByProblem: true,
    value: (r) => extraOr(r, 'problem', r.problemText),
  },
  measure: {
    id: 'measure',
    label: '整改措施',
    weight: 18,
    align: 'left',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'measure', measureText(r.measureHeading, r.measureBody)),
  },
  target: { id: 'target', label: '整改目标', weight: 8, align: 'left', mergeByProblem: false, value: (r) => extraOr(r, 'target', '') },
  leader: {
    id: 'leader',
    label: '责任领导',
    weight: 5,
    align: 'left',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'leader', r.measure.leader ?? ''),
  },
  department: {
    id: 'department',
    label: '责任部门',
    weight: 5.5,
    align: 'left',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'department', r.measure.department ?? ''),
  },
  cooperating: {
    id: 'cooperating',
    label: '配合部门',
    weight: 5,
    align: 'left',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'cooperating', r.measure.cooperating.join('、')),
  },
  person: {
    id: 'person',
    label: '责任人',
    weight: 4,
    align: 'left',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'person', r.measure.person ?? ''),
  },
  deadline: {
    id: 'deadline',
    label: '完成时限',
    weight: 5,
    align: 'center',
    mergeByProblem: false,
    // Verbatim: the wording is part of the document (domain.md §5.1).
    value: (r) => extraOr(r, 'deadline', r.measure.deadline ?? ''),
  },
  status: {
    id: 'status',
    label: '完成情况',
    weight: 4.5,
    align: 'center',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'status', r.measure.statusText ?? STATUS_LABELS[r.measure.status]),
  },
  progress: {
    id: 'progress',
    label: '整改进展',
    weight: 10,
    align: 'left',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'progress', r.measure.statusText ?? ''),
  },
  evidence: { id: 'evidence', label: '佐证材料', weight: 6, align: 'left', mergeByProblem: false, value: (r) => extraOr(r, 'evidence', '') },
  closed: {
    id: 'closed',
    label: '是否销号',
    weight: 3.5,
    align: 'center',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'closed', r.measure.status === 'closed' ? '是' : '否'),
  },
  remark: {
    id: 'remark',
    label: '备注',
    weight: 4,
    align: 'left',
    mergeByProblem: false,
    value: (r) => extraOr(r, 'remark', r.measure.cooperating.length > 0 ? `配合部门：${r.measure.cooperating.join('、')}` : ''),
  },
};

export function ledgerColumns(ids: readonly LedgerColumnId[]): LedgerColumn[] {
  const seen = new Set<LedgerColumnId>();
  const out: LedgerColumn[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(LEDGER_COLUMNS[id]);
  }
  return out;
}
