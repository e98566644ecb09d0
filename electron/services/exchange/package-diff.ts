import type { PackageDifference } from '../../../shared/api/exchange.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import { STATUS_LABELS, type MeasureStatus } from '../../../shared/domain/status.ts';
import { numberingPaths } from '../../../shared/progress/paths.ts';
import { assembleNodes, problemKeysByNode, type MeasureRow, type NodeRow } from '../plans/outline-rows.ts';
import type { PlanRows, Row } from './package-format.ts';

/**
 * The differences between a plan in the workbook and the same plan (same id) in a package, node by node:
 * what changed, what only the package has, what only this computer has — and which side changed last,
 * so "take the newer one" has a default per measure.
 */

const HEADER_FIELDS: [string, string][] = [
  ['title', '标题'],
  ['addressee', '主送机关'],
  ['issuer', '落款'],
  ['doc_date', '成文日期'],
  ['preamble', '开头段落'],
  ['attachments', '附件说明'],
  ['notice', '印发通知'],
];

const MEASURE_FIELDS: [string, string][] = [
  ['leader', '责任领导'],
  ['department', '责任部门'],
  ['cooperating', '配合部门'],
  ['person', '责任人'],
  ['deadline_raw', '完成时限'],
  ['status', '状态'],
  ['status_text', '整改情况'],
  ['closed_by', '销号'],
  ['closed_on', '销号'],
];

export function eventSignature(e: Row): string {
  return JSON.stringify([e.kind, e.on_date, e.status ?? null, e.note ?? null, e.old_deadline ?? null, e.new_deadline ?? null, e.actor ?? null, e.created_at]);
}

export function attachmentSignature(a: Row): string {
  return `${String(a.sha256)}\u0000${String(a.original_name)}`;
}

/** One side's rows, indexed for comparing. */
export class PlanSide {
  readonly rows: PlanRows;
  readonly nodes: Map<string, PlanRows['nodes'][number]>;
  readonly measures: Map<string, Row>;
  readonly events = new Map<string, Row[]>();
  readonly attachments = new Map<string, Row[]>();
  readonly links = new Map<string, string[]>();
  readonly paths = new Map<string, string>();

  constructor(rows: PlanRows) {
    this.rows = rows;
    this.nodes = new Map(rows.nodes.map((n) => [n.id, n]));
    this.measures = new Map(rows.measures.map((m) => [m.node_id, m]));
    for (const e of rows.statusEvents) this.push(this.events, e.node_id, e);
    for (const a of rows.attachments) this.push(this.attachments, a.node_id, a);
    for (const l of rows.problemMeasures) {
      const list = this.links.get(l.node_id) ?? [];
      list.push(l.problem_id);
      this.links.set(l.node_id, list);
    }
    const sorted = [...rows.nodes].sort((a, b) => a.position - b.position);
    const byId = assembleNodes(sorted as unknown as NodeRow[], this.measures as unknown as Map<string, MeasureRow>, problemKeysByNode([]));
    const roots = sorted.filter((n) => n.parent_id === null).map((n) => byId.get(n.id)!);
    const settings = parseObject(rows.plan.settings);
    const level3Numbering = settings.level3Numbering === 'continuous' ? 'continuous' : 'restart';
    for (const [node, info] of numberingPaths<StoredNode>(roots, { level3Numbering }, () => true)) this.paths.set(node.id, info.path);
  }

  private push(map: Map<string, Row[]>, key: string, row: Row): void {
    const list = map.get(key) ?? [];
    list.push(row);
    map.set(key, list);
  }

  /** The latest recorded change of a node (an event or evidence added), ISO; null when none. */
  lastChange(nodeId: string): string | null {
    const times = [...(this.events.get(nodeId) ?? []).map((e) => String(e.created_at)), ...(this.attachments.get(nodeId) ?? []).map((a) => String(a.added_at))];
    return times.length === 0 ? null : times.sort().at(-1)!;
  }

  label(nodeId: string): string {
    const n = this.nodes.get(nodeId);
    const path = this.paths.get(nodeId);
    return `${path && !path.startsWith('#') ? `${path} ` : ''}${n ? String(n.heading) : ''}`.trim() || '（无标题）';
  }

  summary(nodeId: string): string {
    const n = this.nodes.get(nodeId);
    if (!n) return '';
    const m = this.measures.get(nodeId);
    if (!m) return String(n.heading);
    const status = STATUS_LABELS[m.status as MeasureStatus] ?? String(m.status);
    return `${String(n.heading)}（${status}，进展记录${this.events.get(nodeId)?.length ?? 0}条，佐证材料${this.attachments.get(nodeId)?.length ?? 0}个）`;
  }
}

function parseObject(value: unknown): Record<string, unknown> {
  try {
    const v = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

function setOf(list: readonly string[]): string {
  return JSON.stringify([...list].sort());
}

function newer(local: string | null, incoming: string | null, planLocal: string, planIncoming: string): PackageDifference['newer'] {
  const a = local ?? planLocal;
  const b = incoming ?? planIncoming;
  return a === b ? 'same' : b > a ? 'package' : 'local';
}

/** The fields of a node that differ between the two sides (Chinese labels). */
export function changedFields(local: PlanSide, incoming: PlanSide, id: string): string[] {
  const a = local.nodes.get(id)!;
  const b = incoming.nodes.get(id)!;
  const fields: string[] = [];
  if (a.heading !== b.heading) fields.push('标题');
  if (a.body !== b.body) fields.push('正文');
  if (a.kind !== b.kind) fields.push('类型');
  if (a.parent_id !== b.parent_id) fields.push('位置');
  const ma = local.measures.get(id);
  const mb = incoming.measures.get(id);
  if (ma && mb) for (const [col, label] of MEASURE_FIELDS) if (!same(ma[col], mb[col]) && !fields.includes(label)) fields.push(label);
  const ea = new Set((local.events.get(id) ?? []).map(eventSignature));
  if ((incoming.events.get(id) ?? []).some((e) => !ea.has(eventSignature(e)))) fields.push('进展记录');
  const aa = new Set((local.attachments.get(id) ?? []).map(attachmentSignature));
  if ((incoming.attachments.get(id) ?? []).some((x) => !aa.has(attachmentSignature(x)))) fields.push('佐证材料');
  if (setOf(local.links.get(id) ?? []) !== setOf(incoming.links.get(id) ?? [])) fields.push('关联问题');
  return fields;
}

export function packageDifferences(local: PlanSide, incoming: PlanSide): PackageDifference[] {
  const out: PackageDifference[] = [];
  const planLocal = String(local.rows.plan.updated_at);
  const planIncoming = String(incoming.rows.plan.updated_at);
  const headerFields = HEADER_FIELDS.filter(([col]) => !same(local.rows.plan[col], incoming.rows.plan[col])).map(([, label]) => label);
  const problemText = (rows: PlanRows) => JSON.stringify(rows.problems.map((p) => [p.id, p.text, p.category ?? null]));
  if (problemText(local.rows) !== problemText(incoming.rows)) headerFields.push('问题清单');
  if (headerFields.length > 0) {
    out.push({
      nodeId: 'header',
      kind: 'header',
      label: '方案标题、主送、落款等',
      fields: headerFields,
      local: String(local.rows.plan.title),
      incoming: String(incoming.rows.plan.title),
      newer: newer(null, null, planLocal, planIncoming),
      choosable: true,
    });
  }
  for (const n of incoming.rows.nodes) {
    if (!local.nodes.has(n.id)) {
      out.push({
        nodeId: n.id,
        kind: 'added',
        label: incoming.label(n.id),
        fields: [],
        local: null,
        incoming: incoming.summary(n.id),
        newer: 'package',
        choosable: true,
      });
      continue;
    }
    const fields = changedFields(local, incoming, n.id);
    if (fields.length === 0) continue;
    out.push({
      nodeId: n.id,
      kind: 'changed',
      label: local.label(n.id),
      fields,
      local: local.summary(n.id),
      incoming: incoming.summary(n.id),
      newer: newer(local.lastChange(n.id), incoming.lastChange(n.id), planLocal, planIncoming),
      choosable: true,
    });
  }
  for (const n of local.rows.nodes) {
    if (incoming.nodes.has(n.id)) continue;
    out.push({ nodeId: n.id, kind: 'removed', label: local.label(n.id), fields: [], local: local.summary(n.id), incoming: null, newer: 'local', choosable: false });
  }
  return out;
}
