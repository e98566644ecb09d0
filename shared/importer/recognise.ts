// Recognises the structure of a plan text: title, 主送机关, preamble, numbered outline, measures with their
// responsibility/deadline/status, tables, attachments, 落款 and date. Pure: lines in, PlanDocument out.
// Built for the variants listed in domain.md §7–§8 — unseen real texts judge this, not the fixtures.
import { emptyMeasure, type DocNode, type MeasureFields, type PlanDocument, type Problem } from '../domain/document.ts';
import { classifyDeadline } from '../domain/deadline-classify.ts';
import { statusFromText } from '../domain/status-words.ts';
import { detectMarker, isInlineEnumeration, type LineMarker } from './markers.ts';
import { problemsListedIn, quotedProblem, splitLead, stripFinalStop } from './paragraphs.ts';
import { findLeadingContents, mergeContents } from './contents.ts';
import { readAddressee, readTitle } from './front-matter.ts';
import { ATTACHMENT, readSignature } from './back-matter.ts';
import { newNode, type Frame, type Meta } from './plan-builder.ts';
import {
  emptyFields,
  fieldForLabel,
  hasFields,
  isResponsibilityLine,
  parseLabelledPairs,
  parseLenticular,
  parseSentenceFields,
  splitStatus,
  splitTrailingBlock,
  splitUnlabelledBlock,
  type ParsedFields,
} from './responsibility.ts';
import { prepareLines } from './source-lines.ts';
import { checkSummaryCounts } from './summary.ts';
import { detectPlanKind } from './kind.ts';
import { mapHeader, type ColumnMap } from './table.ts';
import { compareKey, findAppendixStart, splitAppendices, type Appendix } from './appendix.ts';
import { defaultLedgerTitle } from '../ledger/title.ts';
import type { DroppedLine, RecogniseOptions, RecogniseResult, SourceLine } from './types.ts';

export { toLines } from './source-lines.ts';

const CLOSING = /^(?:特此(?:报告|通知|通报|函告|请示|说明)|以上(?:方案|报告|意见)|同志们[，,！!])/;
const FOOTER = /^(?:说明|注|备注|填报人|填表人|审核人|审核|制表人|联系人|联系电话|填报时间|填报日期)\s*[（(：:]/;
const ATTACHMENT_ITEM = /^(\d{1,2})\s*[.．、]\s*(.+)$/;
const MEASURE_CONTEXT = /整改(?:任务|措施|清单|安排|举措)|主要措施|具体措施|工作措施|问题及整改|问题清单|检视.*问题|查摆.*问题|反馈.*问题|整改落实/;

function isDeadlineText(s: string): boolean {
  return classifyDeadline(s).kind !== 'other';
}

function isShortHeading(line: string): boolean {
  return line.length >= 2 && line.length <= 25 && !/[。；;，,：:！？!?]/.test(line) && !/^[\d\s]+$/.test(line) && !/^[（(]/.test(line);
}

function mergeFields(into: ParsedFields, from: ParsedFields): void {
  for (const key of ['leader', 'department', 'person', 'deadline', 'status'] as const) {
    const v = from[key];
    if (v === null) continue;
    into[key] = into[key] === null ? v : `${into[key]}、${v}`;
  }
  into.cooperating.push(...from.cooperating);
  into.extras.push(...from.extras);
}

/** Recognises a plan from its text (or from lines read out of a Word file). */
export function recognisePlan(input: string | SourceLine[], options: RecogniseOptions = {}): RecogniseResult {
  const warnings: string[] = [];
  const dropped: DroppedLine[] = [];
  const { lines, punctuationChanges } = prepareLines(input, warnings, dropped);

  // 2. A leading outline (table of contents): bare numbered headings before the title.
  const { entries: outline, start } = findLeadingContents(lines);

  // 3. Attachment pages (附件 label + title + table/text, e.g. the exported ledger) end the body; the
  // 落款 and 成文日期 stand at the end of the body, before them.
  const appStart = findAppendixStart(lines, start);
  const signature = readSignature(lines, start, appStart);
  const end = signature.end;
  const issuer = signature.issuer;
  let date = signature.date;

  // 4. Title (one to three lines), 主送机关.
  const front = readTitle(lines, start, end);
  let title = front.title;
  const { addressee, next: bodyStart } = readAddressee(lines, front.next, end);
  let i = bodyStart;

  // 5. The body.
  const preamble: string[] = [];
  const roots: DocNode[] = [];
  const problems: Problem[] = [];
  const attachments: string[] = [];
  /** The source lines each attachment entry came from (so an entry can be dropped with its lines) */
  const attachmentSources: string[][] = [];
  const meta = new Map<DocNode, Meta>();
  let stack: Frame[] = [];
  let attachMode = false;
  let table: { columns: ColumnMap; header: string[]; category: string | null; problem: string | null; problemKey: string | null } | null = null;
  let closing: DocNode | null = null;
  const level3Runs: Array<{ parent: DocNode | null; first: number; last: number }> = [];

  const top = (): DocNode | null => stack[stack.length - 1]?.node ?? null;
  const addProblem = (text: string, category: string | null): string => {
    const key = `P${problems.length + 1}`;
    problems.push({ key, category, text });
    return key;
  };
  const metaOf = (node: DocNode): Meta => {
    let m = meta.get(node);
    if (!m) {
      m = { fields: emptyFields(), labelled: false, level: node.style.level ?? 0, problemNode: false, tableRow: false, n: 0 };
      meta.set(node, m);
    }
    return m;
  };
  const place = (node: DocNode, rank: number): void => {
    while (stack.length > 0 && stack[stack.length - 1]!.rank >= rank) stack.pop();
    const parent = top();
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push({ node, rank });
    closing = null;
  };
  const expectedLevel3 = (): number => {
    const parent = stack.filter((f) => f.rank < 3).pop()?.node ?? null;
    const run = level3Runs.filter((r) => r.parent === parent).pop();
    return run ? run.last + 1 : 1;
  };

  /** Applies labelled fields to the node just above and to its earlier siblings that have none (巡察-style lines). */
  const applyFields = (fields: ParsedFields): void => {
    const target = top();
    if (!target) return;
    if (!hasFields(fields) && fields.extras.length > 0) {
      target.body.push(...fields.extras);
      return;
    }
    const m = metaOf(target);
    mergeFields(m.fields, { ...fields, extras: [] });
    m.labelled = true;
    target.body.push(...fields.extras);
    // Earlier siblings without their own fields share an own-line block ("整改措施：1.… 2.… 牵头领导：…").
    const frame = stack[stack.length - 1]!;
    const parent = stack.length >= 2 ? stack[stack.length - 2]!.node : null;
    const siblings = parent ? parent.children : roots;
    const idx = siblings.indexOf(target);
    if (frame.rank >= 3 && target.children.length === 0) {
      for (let k = idx - 1; k >= 0; k--) {
        const sib = siblings[k]!;
        const sm = meta.get(sib);
        if (sib.children.length > 0 || !sm || sm.level !== m.level || hasFields(sm.fields)) break;
        mergeFields(sm.fields, { ...fields, extras: [] });
        sm.labelled = true;
      }
    }
  };

  const addParagraph = (text: string): void => {
    const node = top();
    if (!node) {
      preamble.push(text);
      return;
    }
    let body = text;
    const m = metaOf(node);
    const status = splitStatus(body);
    if (status) {
      body = status.body;
      m.fields.status = m.fields.status === null ? status.status : `${m.fields.status}；${status.status}`;
    }
    const trailing = body === '' ? null : splitTrailingBlock(body);
    if (trailing) {
      body = trailing.body;
      const f = parseLabelledPairs(trailing.block);
      mergeFields(m.fields, { ...f, extras: [] });
      m.labelled = true;
      if (body !== '') node.body.push(body);
      node.body.push(...f.extras);
      return;
    }
    const unl = body === '' ? null : splitUnlabelledBlock(body, isDeadlineText);
    if (unl && !m.labelled) {
      body = unl.body;
      mergeFields(m.fields, unl.fields);
      m.labelled = true;
    }
    for (const p of problemsListedIn(body)) node.problemKeys.push(addProblem(p, node.heading || null));
    if (body !== '') node.body.push(body);
  };

  for (; i < end; i++) {
    const line = lines[i]!;
    let text = line.text;

    // Tables: a header row switches to row mode; rows become measures.
    if (line.cells) {
      const cols = mapHeader(line.cells);
      if (cols && table && sameHeader(table.header, line.cells)) {
        // The header repeated at the top of each page (PDF, printed tables): the table runs on.
        dropped.push({ text: line.text, reason: 'debris' });
        warnings.push(`已去除表格在续页重复的表头：${line.cells.filter((c) => c !== '').join(' ')}`);
        continue;
      }
      if (cols) {
        table = { columns: cols, header: line.cells, category: null, problem: null, problemKey: null };
        attachMode = false;
        continue;
      }
      if (table) {
        addTableRow(line.cells);
        continue;
      }
      text = line.cells.join('\t');
    } else if (table) {
      const m = detectMarker(text);
      if (!(m && (m.level === 1 || m.level === 2) && isShortHeading(m.rest))) table = null;
    }

    // 附件说明
    const att = ATTACHMENT.exec(text);
    if (att && !line.cells) {
      attachMode = true;
      const rest = att[1]!.trim();
      if (rest !== '') {
        const item = ATTACHMENT_ITEM.exec(rest);
        attachments.push(stripAttachment(item ? item[2]! : rest));
        attachmentSources.push([text]);
      }
      continue;
    }
    if (attachMode) {
      const item = ATTACHMENT_ITEM.exec(text);
      if (item) {
        attachments.push(stripAttachment(item[2]!));
        attachmentSources.push([text]);
        continue;
      }
      if (isShortHeading(text) && attachments.length > 0 && i === end - 1) {
        // a wrapped attachment name
        attachments[attachments.length - 1] += text;
        attachmentSources[attachmentSources.length - 1]!.push(text);
        continue;
      }
      attachMode = false;
    }

    // Closing paragraphs and footers stand at the top level.
    if (CLOSING.test(text) || (FOOTER.test(text) && (stack.length > 0 || preamble.length > 0) && (table !== null || i > end - 4 || closing !== null))) {
      if (FOOTER.test(text) && date === null) {
        const d = /填报(?:时间|日期)\s*[：:]\s*(\S+日)/.exec(text);
        if (d) date = d[1]!;
      }
      if (!closing) {
        closing = newNode('paragraph', '', undefined);
        stack = [];
        roots.push(closing);
        stack.push({ node: closing, rank: 0.25 });
      }
      closing.body.push(text);
      table = null;
      continue;
    }

    // 【整改措施】…【责任单位】… (考核 feedback style)
    if (text.startsWith('【')) {
      const pairs = parseLenticular(text);
      if (pairs.length > 0 && top()) {
        const node = top()!;
        const fields = emptyFields();
        for (const { label, value } of pairs) {
          const field = fieldForLabel(label);
          if (field && field !== 'extra') parseLabelledPairs(`${label}：${value}`, fields);
          else if (/^(?:整改措施|措施|整改任务|具体措施|存在问题|问题表现|具体表现|问题)$/.test(label)) {
            if (value !== '') node.body.push(value);
          } else if (value !== '') node.body.push(`${label}：${value}`);
          else node.body.push(label);
        }
        if (hasFields(fields)) {
          const m = metaOf(node);
          mergeFields(m.fields, fields);
          m.labelled = true;
        }
        continue;
      }
    }

    // Responsibility / status / audit lines on their own.
    if (isResponsibilityLine(text) && top()) {
      const fields = parseLabelledPairs(text);
      const first = /^[（(［[【]?\s*([^：:]+)[：:]/.exec(text)?.[1] ?? '';
      if (fieldForLabel(first) === 'status' && !hasFieldsExceptStatus(fields)) {
        const s = splitStatus(text);
        const m = metaOf(top()!);
        if (s) m.fields.status = m.fields.status === null ? s.status : `${m.fields.status}；${s.status}`;
        continue;
      }
      applyFields(fields);
      continue;
    }

    // Numbered lines.
    const marker = detectMarker(text);
    if (marker && !(marker.level === 5 && isInlineEnumeration(text)) && marker.rest.trim() !== '') {
      if (marker.loose && marker.n !== expectedLevel3()) {
        addParagraph(text);
        continue;
      }
      addNumbered(marker);
      continue;
    }

    // Unnumbered short heading lines (followed by more text).
    const next = lines[i + 1];
    if ((stack.length > 0 || preamble.length > 0) && isShortHeading(text) && next && i + 1 < end && !line.cells && !isResponsibilityLine(next.text) && !closing) {
      // Pop numbered levels ≥ 3 and other unnumbered headings: the heading sits under the nearest 一、/（一）.
      while (stack.length > 0 && (stack[stack.length - 1]!.rank >= 3 || stack[stack.length - 1]!.rank % 1 !== 0)) stack.pop();
      const parentRank = stack[stack.length - 1]?.rank ?? 0;
      const node = newNode('section', text, 0);
      metaOf(node).level = 0;
      place(node, parentRank + 0.5);
      continue;
    }

    addParagraph(text);
  }

  function addNumbered(marker: LineMarker): void {
    let rest = marker.rest.trim();
    const fields = emptyFields();
    let labelled = false;
    let statusText: string | null = null;
    const status = splitStatus(rest);
    if (status && status.body !== '') {
      rest = status.body;
      statusText = status.status;
    }
    const trailing = splitTrailingBlock(rest);
    if (trailing) {
      rest = trailing.body;
      parseLabelledPairs(trailing.block, fields);
      labelled = true;
    } else {
      const unl = splitUnlabelledBlock(rest, isDeadlineText);
      if (unl) {
        rest = unl.body;
        mergeFields(fields, unl.fields);
        labelled = true;
      }
    }
    let heading: string;
    let body: string | null;
    if (marker.problem) {
      // 问题1：… （扣0.5分） — the whole problem is the heading.
      heading = stripFinalStop(rest);
      body = null;
    } else {
      ({ heading, body } = splitLead(rest));
    }
    const node = newNode('section', heading, marker.level);
    if (body !== null) node.body.push(body);
    if (fields.extras.length > 0) node.body.push(...fields.extras);
    fields.extras = [];
    const m = metaOf(node);
    m.fields = fields;
    if (statusText) m.fields.status = statusText;
    m.labelled = labelled;
    m.level = marker.level;
    m.n = marker.n;
    m.problemNode = marker.problem === true;
    place(node, marker.level);
    if (marker.level === 3) {
      const parent = stack.length >= 2 ? stack[stack.length - 2]!.node : null;
      const run = level3Runs.filter((r) => r.parent === parent).pop();
      if (run) run.last = marker.n;
      else level3Runs.push({ parent, first: marker.n, last: marker.n });
    }
    const quote = quotedProblem(heading);
    if (marker.problem) node.problemKeys.push(addProblem(heading, parentHeading()));
    else if (quote !== null) node.problemKeys.push(addProblem(quote, parentHeading()));
    // A run-in body "（一）理论学习方面。存在问题：一是…" (as exported) names its problems like a paragraph does.
    if (body !== null) for (const p of problemsListedIn(body)) node.problemKeys.push(addProblem(p, node.heading || null));
  }

  function parentHeading(): string | null {
    for (let k = stack.length - 2; k >= 0; k--) {
      const h = stack[k]!.node.heading;
      if (h) return h;
    }
    return null;
  }

  function addTableRow(cells: string[]): void {
    const t = table!;
    const get = (key: keyof ColumnMap): string => {
      const idx = t.columns[key];
      return typeof idx === 'number' ? (cells[idx] ?? '').trim() : '';
    };
    const nonEmpty = cells.filter((c) => c.trim() !== '');
    // A section row inside the table ("一、支部班子" in one cell).
    if (nonEmpty.length === 1) {
      const m = detectMarker(nonEmpty[0]!);
      if (m && m.level <= 2) {
        addNumbered(m);
        return;
      }
    }
    const category = get('category');
    if (category !== '') t.category = category;
    const problemText = get('problem');
    if (problemText !== '') {
      t.problem = problemText;
      t.problemKey = addProblem(problemText, t.category);
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
    const m = metaOf(node);
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
    place(node, 3);
    const parent = stack.length >= 2 ? stack[stack.length - 2]!.node : null;
    const run = level3Runs.filter((r) => r.parent === parent).pop();
    if (run) run.last = m.n;
    else level3Runs.push({ parent, first: m.n, last: m.n });
  }

  // 6. Outline entries the body never reached become empty nodes.
  if (outline.length > 0) {
    mergeContents(outline, roots, warnings, dropped, (node, marker) => {
      const m = metaOf(node);
      m.level = marker.level;
      m.n = marker.n;
    });
  }

  // 7. Measures: nodes with responsibility/deadline/status, numbered problems, and leaf items under 整改措施.
  const referenceYear = options.referenceYear ?? yearOf(title) ?? yearOf(date ?? '') ?? undefined;
  const finish = (nodes: DocNode[], inMeasureContext: boolean, inherited: ParsedFields | null, inheritedProblems: string[]): void => {
    for (const node of nodes) {
      const m = meta.get(node);
      const context = inMeasureContext || MEASURE_CONTEXT.test(node.heading);
      let fields = m?.fields ?? null;
      if (fields && !hasFields(fields) && node.kind !== 'paragraph') {
        // Sentence-style responsibility inside the measure's own text.
        const sentence = parseSentenceFields([node.heading, ...node.body].join('。'), isDeadlineText);
        if (sentence && (node.children.length === 0 || (m?.level ?? 0) >= 3)) fields = sentence;
      }
      const own = fields && hasFields(fields) ? fields : null;
      // A heading-level block (一、…（牵头领导：…）) passes down to child measures that lack those fields.
      let effective = own;
      if (inherited) {
        const merged = emptyFields();
        if (own) mergeFields(merged, own);
        for (const key of ['leader', 'department', 'person', 'deadline'] as const) if (merged[key] === null) merged[key] = inherited[key];
        if (merged.cooperating.length === 0) merged.cooperating.push(...inherited.cooperating);
        effective = merged;
      }
      if (node.problemKeys.length === 0 && inheritedProblems.length > 0 && node.children.length === 0 && (m?.level ?? 0) >= 3) {
        node.problemKeys.push(...inheritedProblems);
      }
      const leaf = node.children.length === 0;
      const isMeasure =
        node.kind !== 'paragraph' &&
        ((m?.tableRow ?? false) ||
          (leaf && effective !== null && hasFields(effective)) ||
          (m?.problemNode ?? false) ||
          (leaf && context && (m?.level ?? 0) >= 3));
      if (isMeasure) {
        node.kind = 'measure';
        node.measure = toMeasure(effective ?? emptyFields(), referenceYear);
      } else if (own && node.kind !== 'paragraph') {
        // A section carrying responsibility keeps it (nothing lost) and hands it to its measures.
        node.measure = toMeasure(own, referenceYear);
      }
      const passDown = !leaf && own ? own : inherited;
      finish(node.children, context, passDown, node.problemKeys.length > 0 ? node.problemKeys : inheritedProblems);
    }
  };
  finish(roots, false, null, []);

  // 7b. Attachment pages after the 落款.
  if (appStart < lines.length) absorbAppendices(splitAppendices(lines.slice(appStart)));

  /**
   * A ledger appendix repeats the body's measures: its rows are matched to them (not imported twice),
   * fill fields the body lacks, link the problems of the 问题 column and record where they differ. Rows
   * the body lacks, a ledger when the body has no measures, and any other attachment text become a
   * closing section named after the attachment — nothing is lost.
   */
  function absorbAppendices(apps: Appendix[]): void {
    const bodyMeasures = collectMeasures(roots);
    const planTitle = stripFinalStop(title);
    const used = new Set<number>();
    let cursor = 0;
    for (const app of apps) {
      const name = app.title || (app.label ? app.label.text.replace(/\s/g, '') : '附件');
      if (app.label) dropped.push({ text: app.label.text, reason: 'appendix' });
      const holder: { section: DocNode | null } = { section: null };
      const ensureSection = (): DocNode => {
        if (!holder.section) {
          const node = newNode('section', name, 0);
          metaOf(node).level = 0;
          stack = [];
          closing = null;
          place(node, 0.5);
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
            dropped.push({ text: line.text, reason: 'appendix' });
            // The header repeated on each page continues the table (merged problems run on).
            if (columns && table && sameHeader(table.header, cells)) continue;
            columns = cols;
            carried = { problem: '', category: '' };
            table = { columns: cols, header: cells, category: null, problem: null, problemKey: null };
            continue;
          }
          if (columns) {
            report.rows++;
            const cell = (key: Exclude<keyof ColumnMap, 'extras'>): string => {
              const idx = columns![key];
              return idx === undefined ? '' : (cells[idx] ?? '').trim();
            };
            // Merged 问题/类别 cells come back empty on the rows below the first.
            if (cell('problem') !== '') carried.problem = cell('problem');
            if (cell('category') !== '') carried.category = cell('category');
            if (bodyMeasures.length > 0) {
              const hit = matchMeasure(bodyMeasures, used, cursor, cell('measure') || (columns.measure === undefined ? carried.problem : ''));
              if (hit >= 0) {
                used.add(hit);
                cursor = hit + 1;
                crossCheck(bodyMeasures[hit]!, hit + 1, cells, columns, carried, report);
                report.absorbed++;
                dropped.push({ text: line.text, reason: 'appendix' });
                continue;
              }
            }
            // A row the body lacks (or a ledger with no measures in the body): a measure of its own.
            ensureSection();
            const t = table!;
            if (cell('problem') === '' && carried.problem !== '' && t.problem !== carried.problem) {
              t.problem = carried.problem;
              t.problemKey = problemFor(carried.problem, carried.category || null);
            }
            if (cell('category') === '' && carried.category !== '') t.category = carried.category;
            addTableRow(cells);
            report.added++;
            continue;
          }
          ensureSection().body.push(cells.filter((c) => c !== '').join('\t'));
          continue;
        }
        columns = null;
        ensureSection().body.push(line.text);
      }
      table = null;
      const section = holder.section as DocNode | null;
      if (section && section.children.length > 0) finish([section], false, null, []);

      // The attachment's title: regenerated from the plan title (the exporter's default), kept in the
      // 附件说明, or the heading of the closing section.
      const isLedger = report.rows > 0;
      if (app.title !== '') {
        const key = compareKey(app.title);
        const idx = attachments.findIndex((a) => compareKey(a) === key);
        if (isLedger && key === compareKey(defaultLedgerTitle(planTitle))) {
          if (idx >= 0) {
            for (const src of attachmentSources[idx]!) dropped.push({ text: src, reason: 'appendix' });
            attachments.splice(idx, 1);
            attachmentSources.splice(idx, 1);
          }
          if (!section) for (const l of app.titleLines) dropped.push({ text: l.text, reason: 'appendix' });
          warnings.push(`附件“${app.title}”是按方案标题命名的整改台账，导出时会由整改措施重新生成，不再单独列入附件说明`);
        } else if (!section) {
          if (idx >= 0) for (const l of app.titleLines) dropped.push({ text: l.text, reason: 'appendix' });
          else {
            attachments.push(app.title);
            attachmentSources.push(app.titleLines.map((l) => l.text));
            warnings.push(`附件“${app.title}”未列在附件说明中，已补入附件说明`);
          }
        }
      }
      if (isLedger && bodyMeasures.length > 0) {
        const parts = [`附件“${name}”是整改台账，其中${report.absorbed}行与正文的整改措施逐条对应，未重复导入`];
        if (report.filled.length > 0) parts.push(`据台账补充了正文缺少的字段：${report.filled.join('；')}`);
        if (report.linked > 0) parts.push(`按台账“问题”列为${report.linked}项措施关联了问题`);
        if (report.differ.length > 0) parts.push(`以下字段台账与正文不一致，保留正文写法，台账写法已附在该措施正文末尾：${report.differ.join('；')}`);
        if (report.added > 0) parts.push(`台账中有${report.added}行在正文中找不到对应措施，已作为整改措施导入末尾的“${name}”一节`);
        warnings.push(parts.join('；'));
      } else if (isLedger) {
        warnings.push(`正文中没有整改措施，附件“${name}”中的台账已导入为${report.added}项整改措施（“${name}”一节）`);
      } else if (section) {
        warnings.push(`附件“${name}”的内容已作为末尾的“${name}”一节导入，请核对`);
      }
    }
    if (bodyMeasures.length > 0 && used.size > 0 && used.size < bodyMeasures.length) {
      const missing = bodyMeasures.map((m, k) => (used.has(k) ? null : `第${k + 1}项“${m.node.heading.slice(0, 15)}”`)).filter((s): s is string => s !== null);
      warnings.push(`正文中有${missing.length}项整改措施未列入附件台账：${missing.join('、')}`);
    }
  }

  function problemFor(text: string, category: string | null): string {
    const key = compareKey(text);
    const existing = problems.find((p) => compareKey(p.text) === key);
    return existing ? existing.key : addProblem(text, category);
  }

  /** Compares one ledger row with the body measure it repeats: fills gaps, links problems, notes differences. */
  function crossCheck(
    item: BodyMeasure,
    ordinal: number,
    cells: string[],
    columns: ColumnMap,
    carried: { problem: string; category: string },
    report: { filled: string[]; differ: string[]; linked: number },
  ): void {
    const node = item.node;
    const m = node.measure!;
    const where = `第${ordinal}项“${node.heading.slice(0, 12)}”`;
    const cell = (key: Exclude<keyof ColumnMap, 'extras'>): string => {
      const idx = columns[key];
      return idx === undefined ? '' : (cells[idx] ?? '').trim();
    };
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
        else {
          m[field] = value;
          if (field === 'deadline') {
            const c = classifyDeadline(value, referenceYear);
            m.deadlineKind = c.kind;
            m.deadlineDate = c.date;
          }
        }
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
    if (measureCell !== '' && !text().includes(compareKey(measureCell))) {
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
    const linked = (): Problem[] => node.problemKeys.map((k) => problems.find((x) => x.key === k)).filter((x): x is Problem => x !== undefined);
    if (pk !== '' && !isAncestor(pk)) {
      const have = linked();
      if (compareKey(have.map((x) => x.text).join('')) !== pk && !have.some((x) => compareKey(x.text) === pk)) {
        // Without a 类别 column the problem belongs to the heading above, as problems found in the body do.
        const above = [...item.ancestors].reverse().find((a) => a.heading !== '')?.heading ?? null;
        node.problemKeys.push(problemFor(p, carried.category || above));
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

  // 8. Numbering: continuous 1. across sections, gaps.
  let continuousVotes = 0;
  let restartVotes = 0;
  for (let k = 1; k < level3Runs.length; k++) {
    const run = level3Runs[k]!;
    if (run.first === 1) restartVotes++;
    else if (run.first === level3Runs[k - 1]!.last + 1) continuousVotes++;
  }
  const level3Numbering = continuousVotes > restartVotes ? 'continuous' : 'restart';
  checkNumberingGaps(roots, meta, warnings, level3Numbering);

  if (!title) {
    title = options.fallbackTitle ?? '';
    warnings.push(title ? `未识别到标题，已使用文件名“${title}”作为标题` : '未识别到标题，请在导入后补充');
  }

  const document: PlanDocument = {
    title: stripFinalStop(title),
    kind: detectPlanKind(title),
    addressee,
    preamble,
    sections: roots,
    problems,
    attachments,
    issuer,
    date,
    level3Numbering,
  };
  let sections = 0;
  let measures = 0;
  const count = (nodes: DocNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'measure') measures++;
      else if (n.kind === 'section') sections++;
      count(n.children);
    }
  };
  count(roots);
  if (roots.length === 0 && preamble.length > 0) warnings.push('未识别到编号结构，全文已作为开头段落导入');
  warnings.push(...checkSummaryCounts(document));
  return {
    document,
    warnings,
    counts: { sections, measures, problems: problems.length, attachments: attachments.length, punctuationChanges },
    dropped,
  };
}

interface BodyMeasure {
  node: DocNode;
  ancestors: DocNode[];
  /** compareKey of the lead sentence and of the whole text */
  lead: string;
  full: string;
}

function collectMeasures(roots: DocNode[]): BodyMeasure[] {
  const out: BodyMeasure[] = [];
  const walk = (nodes: DocNode[], ancestors: DocNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'measure' && node.measure) {
        out.push({ node, ancestors, lead: compareKey(node.heading), full: compareKey([node.heading, ...node.body].join('')) });
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
    (key.length >= 4 && m.full.startsWith(key)) ||
    (m.full.length >= 4 && key.startsWith(m.full)) ||
    (m.lead.length >= 4 && key.startsWith(m.lead));
  for (let k = cursor; k < measures.length; k++) if (!used.has(k) && fits(measures[k]!)) return k;
  for (let k = 0; k < cursor; k++) if (!used.has(k) && fits(measures[k]!)) return k;
  return -1;
}

function sameHeader(a: string[], b: string[]): boolean {
  const key = (cells: string[]) => cells.map((c) => c.replace(/[\s\u3000]/g, '')).join('\t');
  return key(a) === key(b);
}

function hasFieldsExceptStatus(f: ParsedFields): boolean {
  return f.leader !== null || f.department !== null || f.cooperating.length > 0 || f.person !== null || f.deadline !== null;
}

function stripAttachment(s: string): string {
  return s.trim().replace(/[。；;，,.]+$/, '');
}

function yearOf(text: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : undefined;
}

function toMeasure(f: ParsedFields, referenceYear: number | undefined): MeasureFields {
  const m = emptyMeasure();
  m.leader = f.leader;
  m.department = f.department;
  m.cooperating = [...f.cooperating];
  m.person = f.person;
  m.deadline = f.deadline;
  if (f.deadline !== null) {
    const c = classifyDeadline(f.deadline, referenceYear);
    m.deadlineKind = c.kind;
    m.deadlineDate = c.date;
  }
  m.statusText = f.status;
  if (f.status !== null) m.status = statusFromText(f.status) ?? 'not_started';
  return m;
}

function checkNumberingGaps(roots: DocNode[], meta: Map<DocNode, Meta>, warnings: string[], level3Numbering: string): void {
  let continuous = 0;
  const walk = (nodes: DocNode[]): void => {
    const expected = new Map<number, number>();
    for (const node of nodes) {
      const m = meta.get(node);
      if (m && m.level > 0 && m.n > 0 && !m.tableRow) {
        let want: number;
        if (m.level === 3 && level3Numbering === 'continuous') want = continuous + 1;
        else want = (expected.get(m.level) ?? 0) + 1;
        if (m.n !== want) warnings.push(`编号不连续：“${node.heading.slice(0, 20)}”原编号为${m.n}，按顺序应为${want}，导入后将自动重新编号`);
        expected.set(m.level, m.n);
        if (m.level === 3) continuous = m.n;
      }
      walk(node.children);
    }
  };
  walk(roots);
}
