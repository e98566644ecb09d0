// A 整改台账 appended after the 落款 (our exporter appends one) repeats the body's measures. Importing its
// rows as measures would double the plan, so each row is matched to the measure it repeats; what the
// ledger adds (fields, problems, other wording) is kept with that measure and reported. Rows the body
// lacks and any other attachment text still come in, as a closing section — nothing is lost.
import type { DocNode, Problem } from '../domain/document.ts';
import { statusFromText } from '../domain/status-words.ts';
import { isAspectHeading } from '../domain/problem-words.ts';
import { defaultLedgerTitle } from '../ledger/title.ts';
import { compareKey, type Appendix } from './appendix.ts';
import { measureOwnText } from '../ledger/measure-text.ts';
import { markMeasures, setDeadline } from './measures.ts';
import { stripFinalStop } from './paragraphs.ts';
import { newNode, type PlanBuilder } from './plan-builder.ts';
import { fieldForLabel } from './responsibility.ts';
import { cellValue, mapHeader, sameHeader, type ColumnKey, type ColumnMap } from './table.ts';
import { addTableRow } from './table-rows.ts';

interface BodyMeasure {
  node: DocNode;
  ancestors: DocNode[];
  /** compareKey of the lead sentence and of the whole text */
  lead: string;
  full: string;
  /** compareKey of the measure's own text, as the exported ledger's 整改措施 column shows it */
  own: string;
  /** compareKey of the body alone: the ledger leaves out a heading that is the row's problem */
  body: string;
}

function collectMeasures(roots: DocNode[], problems: readonly Problem[]): BodyMeasure[] {
  const out: BodyMeasure[] = [];
  const walk = (nodes: DocNode[], ancestors: DocNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'measure' && node.measure) {
        const linked = problems.filter((p) => node.problemKeys.includes(p.key));
        const own = measureOwnText(node.heading, node.body, linked);
        out.push({ node, ancestors, lead: compareKey(node.heading), full: compareKey([node.heading, ...node.body].join('')), own: compareKey([own.heading, ...own.body].join('')), body: compareKey(node.body.join('')) });
      }
      walk(node.children, [...ancestors, node]);
    }
  };
  walk(roots, []);
  return out;
}

/** The body measure a ledger row's 整改措施 text belongs to: in order from the cursor first, then anywhere. */
function matchMeasure(measures: BodyMeasure[], used: Set<number>, cursor: number, text: string): number {
  const key = compareKey(text);
  if (key === '') return -1;
  const fits = (m: BodyMeasure): boolean =>
    m.full === key ||
    m.own === key ||
    (m.body !== '' && m.body === key) ||
    (key.length >= 4 && m.full.startsWith(key)) ||
    (key.length >= 4 && m.own.startsWith(key)) ||
    (m.full.length >= 4 && key.startsWith(m.full)) ||
    (m.lead.length >= 4 && key.startsWith(m.lead));
  for (let k = cursor; k < measures.length; k++) if (!used.has(k) && fits(measures[k]!)) return k;
  for (let k = 0; k < cursor; k++) if (!used.has(k) && fits(measures[k]!)) return k;
  return -1;
}

/**
 * A ledger appendix repeats the body's measures: its rows are matched to them (not imported twice),
 * fill fields the body lacks, link the problems of the 问题 column and record where they differ. Rows
 * the body lacks, a ledger when the body has no measures, and any other attachment text become a
 * closing section named after the attachment — nothing is lost.
 */
export function absorbAppendices(b: PlanBuilder, apps: Appendix[], title: string, referenceYear: number | undefined): void {
  const bodyMeasures = collectMeasures(b.roots, b.problems);
  const planTitle = stripFinalStop(title);
  const used = new Set<number>();
  let cursor = 0;
  for (const app of apps) {
    const name = app.title || (app.label ? app.label.text.replace(/\s/g, '') : '附件');
    if (app.label) b.dropped.push({ text: app.label.text, reason: 'appendix' });
    const holder: { section: DocNode | null } = { section: null };
    const ensureSection = (): DocNode => {
      if (!holder.section) {
        const node = newNode('section', name, 0);
        b.metaOf(node).level = 0;
        b.stack = [];
        b.closing = null;
        b.place(node, 0.5);
        holder.section = node;
      }
      return holder.section;
    };
    let columns: ColumnMap | null = null;
    let carried = { problem: '', category: '' };
    const report = { rows: 0, absorbed: 0, added: 0, filled: [] as string[], differ: [] as string[], linked: 0 };
    for (const line of app.content) {
      const cells = line.cells;
      if (cells) {
        const cols = mapHeader(cells);
        if (cols) {
          b.dropped.push({ text: line.text, reason: 'appendix' });
          // The header repeated on each page continues the table (merged problems run on).
          if (columns && b.table && sameHeader(b.table.header, cells)) continue;
          columns = cols;
          carried = { problem: '', category: '' };
          b.table = { columns: cols, header: cells, category: null, problem: null, problemKey: null };
          continue;
        }
        if (columns) {
          report.rows++;
          const cell = (key: ColumnKey): string => cellValue(columns!, cells, key);
          // Merged 问题/类别 cells come back empty on the rows below the first.
          if (cell('problem') !== '') carried.problem = cell('problem');
          if (cell('category') !== '') carried.category = cell('category');
          if (bodyMeasures.length > 0) {
            const hit = matchMeasure(bodyMeasures, used, cursor, cell('measure') || (columns.measure === undefined ? carried.problem : ''));
            if (hit >= 0) {
              used.add(hit);
              cursor = hit + 1;
              crossCheck(b, bodyMeasures[hit]!, hit + 1, cells, columns, carried, report, referenceYear);
              report.absorbed++;
              b.dropped.push({ text: line.text, reason: 'appendix' });
              continue;
            }
          }
          // A row the body lacks (or a ledger with no measures in the body): a measure of its own.
          ensureSection();
          const t = b.table!;
          if (cell('problem') === '' && carried.problem !== '' && t.problem !== carried.problem) {
            t.problem = carried.problem;
            t.problemKey = b.problemFor(carried.problem, carried.category || null);
          }
          if (cell('category') === '' && carried.category !== '') t.category = carried.category;
          addTableRow(b, cells);
          report.added++;
          continue;
        }
        ensureSection().body.push(cells.filter((c) => c !== '').join('\t'));
        continue;
      }
      columns = null;
      ensureSection().body.push(line.text);
    }
    b.table = null;
    const section = holder.section as DocNode | null;
    if (section && section.children.length > 0) markMeasures(b, [section], referenceYear);

    // The attachment's title: regenerated from the plan title (the exporter's default), kept in the
    // 附件说明, or the heading of the closing section.
    const isLedger = report.rows > 0;
    if (app.title !== '') {
      const key = compareKey(app.title);
      const idx = b.attachments.findIndex((a) => compareKey(a) === key);
      if (isLedger && key === compareKey(defaultLedgerTitle(planTitle))) {
        if (idx >= 0) {
          for (const src of b.attachmentSources[idx]!) b.dropped.push({ text: src, reason: 'appendix' });
          b.attachments.splice(idx, 1);
          b.attachmentSources.splice(idx, 1);
        }
        if (!section) for (const l of app.titleLines) b.dropped.push({ text: l.text, reason: 'appendix' });
        b.warnings.push(`附件“${app.title}”是按方案标题命名的整改台账，导出时会由整改措施重新生成，不再单独列入附件说明`);
      } else if (!section) {
        if (idx >= 0) for (const l of app.titleLines) b.dropped.push({ text: l.text, reason: 'appendix' });
        else {
          b.attachments.push(app.title);
          b.attachmentSources.push(app.titleLines.map((l) => l.text));
          b.warnings.push(`附件“${app.title}”未列在附件说明中，已补入附件说明`);
        }
      }
    }
    if (isLedger && bodyMeasures.length > 0) {
      const parts = [`附件“${name}”是整改台账，其中${report.absorbed}行与正文的整改措施逐条对应，未重复导入`];
      if (report.filled.length > 0) parts.push(`据台账补充了正文缺少的字段：${report.filled.join('；')}`);
      if (report.linked > 0) parts.push(`按台账“问题”列为${report.linked}项措施关联了问题`);
      if (report.differ.length > 0) parts.push(`以下字段台账与正文不一致，保留正文写法，台账写法已附在该措施正文末尾：${report.differ.join('；')}`);
      if (report.added > 0) parts.push(`台账中有${report.added}行在正文中找不到对应措施，已作为整改措施导入末尾的“${name}”一节`);
      b.warnings.push(parts.join('；'));
    } else if (isLedger) {
      b.warnings.push(`正文中没有整改措施，附件“${name}”中的台账已导入为${report.added}项整改措施（“${name}”一节）`);
    } else if (section) {
      b.warnings.push(`附件“${name}”的内容已作为末尾的“${name}”一节导入，请核对`);
    }
  }
  if (bodyMeasures.length > 0 && used.size > 0 && used.size < bodyMeasures.length) {
    const missing = bodyMeasures.map((m, k) => (used.has(k) ? null : `第${k + 1}项“${m.node.heading.slice(0, 15)}”`)).filter((s): s is string => s !== null);
    b.warnings.push(`正文中有${missing.length}项整改措施未列入附件台账：${missing.join('、')}`);
  }
}

/** Compares one ledger row with the body measure it repeats: fills gaps, links problems, notes differences. */
function crossCheck(
  b: PlanBuilder,
  item: BodyMeasure,
  ordinal: number,
  cells: string[],
  columns: ColumnMap,
  carried: { problem: string; category: string },
  report: { filled: string[]; differ: string[]; linked: number },
  referenceYear: number | undefined,
): void {
  const node = item.node;
  const m = node.measure!;
  const where = `第${ordinal}项“${node.heading.slice(0, 12)}”`;
  const cell = (key: ColumnKey): string => cellValue(columns, cells, key);
  const compareField = (field: 'leader' | 'department' | 'person' | 'deadline' | 'cooperating' | 'status', label: string, value: string): void => {
    if (value === '') return;
    const current = field === 'cooperating' ? (m.cooperating.length > 0 ? m.cooperating.join('、') : null) : field === 'status' ? m.statusText : m[field];
    if (current === null) {
      if (field === 'status') {
        // The exporter prints the status word of an untouched measure (未启动): nothing to add.
        if (statusFromText(value) === m.status) return;
        m.statusText = value;
        m.status = statusFromText(value) ?? 'not_started';
      } else if (field === 'cooperating') m.cooperating = [value];
      else if (field === 'deadline') setDeadline(m, value, referenceYear);
      else m[field] = value;
      report.filled.push(`${where}${label}“${value}”`);
    } else if (compareKey(current) !== compareKey(value)) {
      node.body.push(`${label}（附件台账）：${value}`);
      report.differ.push(`${where}${label}（正文“${current}”，台账“${value}”）`);
    }
  };
  compareField('leader', '责任领导', cell('leader'));
  compareField('department', '责任部门', cell('department'));
  compareField('cooperating', '配合部门', cell('cooperating'));
  compareField('person', '责任人', cell('person'));
  compareField('deadline', '完成时限', cell('deadline'));
  compareField('status', '完成情况', cell('status'));

  const text = (): string => compareKey([node.heading, ...node.body].join(''));
  // The measure's own wording: a ledger that says more than the body keeps its wording in the body.
  const measureCell = cell('measure');
  const ownText = (): string => {
    const own = measureOwnText(node.heading, node.body, b.problems.filter((p) => node.problemKeys.includes(p.key)));
    return compareKey([own.heading, ...own.body].join(''));
  };
  if (measureCell !== '' && !text().includes(compareKey(measureCell)) && !ownText().includes(compareKey(measureCell))) {
    node.body.push(`整改措施（附件台账）：${measureCell}`);
    report.differ.push(`${where}措施内容`);
  }
  // Columns without a field (备注 …): "配合部门：…" is a field; other text is kept unless the body has it.
  for (const extra of columns.extras) {
    const value = (cells[extra.index] ?? '').trim();
    if (value === '') continue;
    // 是否销号: 是/否 restates the status.
    if (/^(?:是否销号|销号情况)$/.test(extra.label) && (value === '是') === (m.status === 'closed') && /^[是否]$/.test(value)) continue;
    const labelled = /^([^：:]{2,8})[：:]\s*(.+)$/.exec(value);
    const field = labelled ? fieldForLabel(labelled[1]!) : undefined;
    if (labelled && field && field !== 'extra') {
      compareField(field, labelled[1]!, labelled[2]!.trim());
      continue;
    }
    if (!text().includes(compareKey(value))) {
      node.body.push(`${extra.label}：${value}`);
      report.filled.push(`${where}${extra.label}`);
    }
  }

  // The 问题 column: a section heading above the measure is the exporter's grouping, not a problem.
  const p = carried.problem;
  const pk = compareKey(p);
  const isAncestor = (k: string): boolean => item.ancestors.some((a) => compareKey(stripFinalStop(a.heading)) === k);
  const linked = (): Problem[] => node.problemKeys.map((k) => b.problems.find((x) => x.key === k)).filter((x): x is Problem => x !== undefined);
  if (pk !== '' && !isAncestor(pk)) {
    const have = linked();
    if (compareKey(have.map((x) => x.text).join('')) !== pk && !have.some((x) => compareKey(x.text) === pk)) {
      // Without a 类别 column the problem belongs to the heading above, as problems found in the body do.
      // Only a heading naming a category (…方面) is one; 问题清单及整改安排 only organises the plan.
      const above = [...item.ancestors].reverse().find((a) => a.heading !== '' && isAspectHeading(a.heading))?.heading ?? null;
      node.problemKeys.push(b.problemFor(p, carried.category || above));
      report.linked++;
    }
  }
  const category = carried.category;
  const ck = compareKey(category);
  if (ck !== '' && !isAncestor(ck)) {
    const have = linked();
    if (!have.some((x) => x.category !== null && compareKey(x.category) === ck)) {
      const open = have.find((x) => x.category === null);
      if (open) open.category = category;
      else if (!text().includes(ck)) node.body.push(`问题类别：${category}`);
    }
  }
}
