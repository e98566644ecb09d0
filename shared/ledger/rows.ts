import { emptyMeasure, type MeasureFields, type NodeKind, type Problem } from '../domain/document.ts';
import { walkNumbered } from '../numbering.ts';
import { ledgerColumns, type LedgerColumn, type LedgerColumnId } from './columns.ts';
import { measureOwnText, problemHeadingOrEmpty } from './measure-text.ts';

/**
 * The 整改台账 as rows: one row per measure, in document order, with the problem it addresses. Generic
 * over the node type so a caller holding stored nodes (with ids) gets them back on each row and can
 * add columns from the tracking tables through `extras` (整改进展, 佐证材料, 是否销号 …).
 */
export interface LedgerSourceNode<N> {
  kind: NodeKind;
  heading: string;
  body: string[];
  style: { level?: number | undefined };
  measure: MeasureFields | null;
  problemKeys: string[];
  children: N[];
}

export interface LedgerSource<N> {
  sections: readonly N[];
  problems: readonly Problem[];
  level3Numbering: 'restart' | 'continuous';
}

export interface LedgerRow<N = unknown> {
  /** 序号, 1-based, continuous over the whole ledger */
  serial: number;
  node: N;
  /** The measure's marker in the plan text (1.), for cross-reference */
  marker: string;
  measureHeading: string;
  measureBody: string[];
  measure: MeasureFields;
  problemText: string;
  category: string;
  /** Rows with the same key belong to one problem; consecutive ones merge their 问题 cells */
  groupKey: string;
  /** Values for columns the document does not hold, by column id */
  extra: Partial<Record<LedgerColumnId, string>>;
}

export interface LedgerCell {
  text: string;
  /** Rows this cell spans (1 = no merge) */
  rowSpan: number;
}

export interface LedgerTableRow<N = unknown> {
  row: LedgerRow<N>;
  /** One per column; null where the cell above spans over this row */
  cells: (LedgerCell | null)[];
}

export interface LedgerTable<N = unknown> {
  columns: LedgerColumn[];
  header: string[];
  rows: LedgerTableRow<N>[];
}

export interface LedgerOptions<N> {
  columns: readonly LedgerColumnId[];
  level3Numbering?: 'restart' | 'continuous';
  /** Extra cell values per row (e.g. from the evidence/progress tables, keyed by the row's node id) */
  extras?: (row: LedgerRow<N>) => Partial<Record<LedgerColumnId, string>>;
}

function stripFinalStop(text: string): string {
  return text.replace(/[。；;，,：:]+$/u, '');
}

function ownText(heading: string, body: string[], linked: Problem[]): { measureHeading: string; measureBody: string[] } {
  const own = measureOwnText(heading, body, linked);
  return { measureHeading: own.heading, measureBody: own.body };
}

/** Measures of the outline as ledger rows (no merging yet). */
export function ledgerRows<N extends LedgerSourceNode<N>>(
  source: LedgerSource<N>,
  options: Pick<LedgerOptions<N>, 'level3Numbering' | 'extras'> = {},
): LedgerRow<N>[] {
  const problems = new Map(source.problems.map((p) => [p.key, p]));
  const rows: LedgerRow<N>[] = [];
  // Ancestors by depth, so a measure without linked problems is grouped under its section.
  const ancestors: { node: N; id: number }[] = [];
  let nodeCounter = 0;
  walkNumbered(source.sections, { level3Numbering: options.level3Numbering ?? source.level3Numbering }, (node, marker, _level, depth) => {
    const id = nodeCounter++;
    ancestors.length = depth;
    if (node.kind === 'measure') {
      const linked = node.problemKeys.map((k) => problems.get(k)).filter((p): p is Problem => p !== undefined);
      let problemText: string;
      let category: string;
      let groupKey: string;
      if (linked.length > 0) {
        problemText = linked.map((p) => p.text).join('\n');
        category = linked.map((p) => p.category ?? '').find((c) => c !== '') ?? '';
        groupKey = 'p:' + linked.map((p) => p.key).join('|');
      } else {
        const parent = ancestors[ancestors.length - 1];
        problemText = parent ? problemHeadingOrEmpty(stripFinalStop(parent.node.heading)) : '';
        const top = ancestors[0];
        category = top && top !== parent ? problemHeadingOrEmpty(stripFinalStop(top.node.heading)) : '';
        groupKey = parent ? `s:${parent.id}` : `m:${id}`;
      }
      const row: LedgerRow<N> = {
        serial: rows.length + 1,
        node,
        marker,
        ...ownText(node.heading, node.body, linked),
        measure: node.measure ?? emptyMeasure(),
        problemText,
        category,
        groupKey,
        extra: {},
      };
      if (options.extras) row.extra = options.extras(row);
      rows.push(row);
    }
    ancestors.push({ node, id });
  });
  return rows;
}

/** The ledger table: chosen columns, header, and rows with problem cells merged over their measures. */
export function buildLedger<N extends LedgerSourceNode<N>>(source: LedgerSource<N>, options: LedgerOptions<N>): LedgerTable<N> {
  const columns = ledgerColumns(options.columns);
  const rows = ledgerRows(source, options);
  const table: LedgerTableRow<N>[] = rows.map((row) => ({
    row,
    cells: columns.map((c) => ({ text: c.value(row), rowSpan: 1 })),
  }));
  columns.forEach((column, ci) => {
    if (!column.mergeByProblem) return;
    let start = 0;
    while (start < table.length) {
      let end = start + 1;
      const key = table[start]!.row.groupKey;
      const text = table[start]!.cells[ci]!.text;
      while (end < table.length && table[end]!.row.groupKey === key && table[end]!.cells[ci]?.text === text) end++;
      if (end - start > 1) {
        table[start]!.cells[ci] = { text, rowSpan: end - start };
        for (let i = start + 1; i < end; i++) table[i]!.cells[ci] = null;
      }
      start = end;
    }
  });
  return { columns, header: columns.map((c) => c.label), rows: table };
}
