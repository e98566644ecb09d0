// A ledger table in the body (整改清单/台账 as tab-separated text or a Word table): each row is a measure
// with its fields from the columns. A repeated header is the table continued on the next page; a row
// with one "一、…" cell is a section inside the table.
import { isShortHeading, addNumbered } from './headings.ts';
import { detectMarker } from './markers.ts';
import { splitLead, stripFinalStop } from './paragraphs.ts';
import { newNode, type PlanBuilder } from './plan-builder.ts';
import { cellValue, mapHeader, sameHeader, type ColumnKey } from './table.ts';

/** A table line: a header opens (or continues) a table, a row under one becomes a measure; false otherwise. */
export function readTableLine(b: PlanBuilder, text: string, cells: string[]): boolean {
  const cols = mapHeader(cells);
  if (cols && b.table && sameHeader(b.table.header, cells)) {
    // The header repeated at the top of each page (PDF, printed tables): the table runs on.
    b.dropped.push({ text, reason: 'debris' });
    b.warnings.push(`已去除表格在续页重复的表头：${cells.filter((c) => c !== '').join(' ')}`);
    return true;
  }
  if (cols) {
    b.table = { columns: cols, header: cells, category: null, problem: null, problemKey: null };
    b.attachMode = false;
    return true;
  }
  if (b.table) {
    addTableRow(b, cells);
    return true;
  }
  return false;
}

/** A text line ends the open table, unless it is a short 一、/（一） heading grouping the rows. */
export function closeTableUnlessSection(b: PlanBuilder, text: string): void {
  const m = detectMarker(text);
  if (!(m && (m.level === 1 || m.level === 2) && isShortHeading(m.rest))) b.table = null;
}

/** One row of the open table as a measure (or a section, for a lone "一、…" cell). */
export function addTableRow(b: PlanBuilder, cells: string[]): void {
  const t = b.table!;
  const get = (key: ColumnKey): string => cellValue(t.columns, cells, key);
  const nonEmpty = cells.filter((c) => c.trim() !== '');
  if (nonEmpty.length === 1) {
    const m = detectMarker(nonEmpty[0]!);
    if (m && m.level <= 2) {
      addNumbered(b, m);
      return;
    }
  }
  const category = get('category');
  if (category !== '') t.category = category;
  const problemText = get('problem');
  if (problemText !== '') {
    t.problem = problemText;
    t.problemKey = b.addProblem(problemText, t.category);
  }
  const measureText = get('measure');
  let heading: string;
  const body: string[] = [];
  if (problemText !== '') {
    heading = stripFinalStop(problemText);
    if (measureText !== '') body.push(measureText);
  } else {
    const split = splitLead(measureText);
    heading = split.heading;
    if (split.body) body.push(split.body);
  }
  const node = newNode('measure', heading, 3);
  node.body.push(...body);
  // The category is also on the problem; keeping it in the text means the plan never loses it.
  if (category !== '') node.body.push(`问题类别：${category}`);
  for (const extra of t.columns.extras) {
    const v = (cells[extra.index] ?? '').trim();
    if (v !== '') node.body.push(`${extra.label}：${v}`);
  }
  if (t.problemKey) node.problemKeys.push(t.problemKey);
  const m = b.metaOf(node);
  m.level = 3;
  m.tableRow = true;
  m.labelled = true;
  const serial = Number(get('serial'));
  m.n = Number.isFinite(serial) ? serial : 0;
  const f = m.fields;
  f.leader = get('leader') || null;
  f.department = get('department') || null;
  const coop = get('cooperating');
  if (coop) f.cooperating.push(coop);
  f.person = get('person') || null;
  f.deadline = get('deadline') || null;
  f.status = get('status') || null;
  b.place(node, 3);
  b.noteLevel3(m.n);
}
