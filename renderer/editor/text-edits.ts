import type { HeaderPatch, NodePatch } from '../../shared/api/editor.ts';
import type { PlanDetail, StoredNode } from '../../shared/api/plans.ts';
import { STATUS_LABELS, type MeasureStatus } from '../../shared/domain/status.ts';
import { computeMarkers } from '../../shared/numbering.ts';
import { findNode, mergePatch, type Outline } from './outline-ops.ts';

/**
 * What the user typed and the service has not confirmed: a node's fields or the plan's header fields.
 * The save queue sends them, the local journal keeps them across a crash, the notice copies them and
 * the recovery prompt compares them with the stored plan — all in these terms.
 */
export type TextEdit = { kind: 'node'; nodeId: string; patch: NodePatch } | { kind: 'header'; patch: HeaderPatch };

type PlanDocumentHead = PlanDetail['document'];

/** Later edits of the same node (or of the header) folded into one, in first-edit order. */
export function mergeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  const nodes = new Map<string, number>();
  let header = -1;
  for (const edit of edits) {
    if (edit.kind === 'header') {
      if (header < 0) {
        header = out.length;
        out.push({ kind: 'header', patch: { ...edit.patch } });
      } else {
        const prev = out[header] as Extract<TextEdit, { kind: 'header' }>;
        out[header] = { kind: 'header', patch: { ...prev.patch, ...edit.patch } };
      }
      continue;
    }
    const at = nodes.get(edit.nodeId);
    if (at === undefined) {
      nodes.set(edit.nodeId, out.length);
      out.push({ kind: 'node', nodeId: edit.nodeId, patch: edit.patch });
    } else {
      const prev = out[at] as Extract<TextEdit, { kind: 'node' }>;
      out[at] = { kind: 'node', nodeId: edit.nodeId, patch: mergePatch(prev.patch, edit.patch) };
    }
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The part of `patch` the stored node does not already hold; null when it holds all of it. */
export function unappliedPatch(node: StoredNode, patch: NodePatch): NodePatch | null {
  const out: NodePatch = {};
  if (patch.kind !== undefined && patch.kind !== node.kind) out.kind = patch.kind;
  if (patch.heading !== undefined && patch.heading !== node.heading) out.heading = patch.heading;
  if (patch.body !== undefined && !same(patch.body, node.body)) out.body = patch.body;
  if (patch.style !== undefined && !same(patch.style, node.style)) out.style = patch.style;
  if (patch.measure) {
    const stored = (node.measure ?? {}) as Record<string, unknown>;
    const measure: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch.measure)) {
      if (value !== undefined && !same(value, stored[key])) measure[key] = value;
    }
    if (Object.keys(measure).length > 0) out.measure = measure as NodePatch['measure'];
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The part of a header patch the stored plan does not already hold; null when it holds all of it. */
export function unappliedHeader(doc: PlanDocumentHead, patch: HeaderPatch): HeaderPatch | null {
  const out: Record<string, unknown> = {};
  const stored = doc as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) if (value !== undefined && !same(value, stored[key])) out[key] = value;
  return Object.keys(out).length > 0 ? (out as HeaderPatch) : null;
}

/** The edit reduced to what `plan` does not hold yet; null when it is all stored (or its node is gone: see `missing`). */
export function unapplied(edit: TextEdit, plan: Pick<PlanDetail, 'outline' | 'document'>): TextEdit | null {
  if (edit.kind === 'header') {
    const patch = unappliedHeader(plan.document, edit.patch);
    return patch ? { kind: 'header', patch } : null;
  }
  const node = findNode(plan.outline, edit.nodeId);
  if (!node) return edit;
  const patch = unappliedPatch(node, edit.patch);
  return patch ? { kind: 'node', nodeId: edit.nodeId, patch } : null;
}

// ---- words for people -------------------------------------------------------------------------

const KIND_NAMES = { section: '章节', measure: '措施', paragraph: '段落' } as const;

/** The labels of the 方案信息 fields, as the editor shows them. */
export const DOCUMENT_FIELD_LABELS = {
  title: '方案标题',
  addressee: '主送机关',
  preamble: '开头段落',
  attachments: '附件',
  issuer: '落款',
  date: '成文日期',
} as const;

const HEADER_LABELS: Record<keyof HeaderPatch, string> = { ...DOCUMENT_FIELD_LABELS, level3Numbering: '三级序号', notice: '印发通知' };

const MEASURE_LABELS: Record<string, string> = {
  leader: '责任领导',
  department: '责任部门',
  cooperating: '配合部门',
  person: '责任人',
  deadline: '完成时限',
  status: '状态',
  statusText: '状态说明',
};

export interface FieldText {
  label: string;
  text: string;
}

export interface EditDescription {
  /** 措施“1.健全学习制度。” / 方案信息 */
  title: string;
  /** The node is no longer in the plan (deleted elsewhere): its text can only be copied */
  missing: boolean;
  fields: FieldText[];
}

function valueText(value: unknown, joiner: string): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) return value.length === 0 ? '（空）' : value.join(joiner);
  return String(value);
}

/** The fields of a node patch as a person reads them (internal ones — kind, style — are left out). */
function nodeFields(patch: NodePatch, kind: StoredNode['kind'] | null): FieldText[] {
  const fields: FieldText[] = [];
  if (patch.heading !== undefined) fields.push({ label: kind === 'measure' ? '措施标题' : '标题', text: valueText(patch.heading, '') });
  if (patch.body !== undefined) fields.push({ label: '正文', text: valueText(patch.body, '\n') });
  for (const [key, value] of Object.entries(patch.measure ?? {})) {
    const label = MEASURE_LABELS[key];
    if (!label || value === undefined) continue;
    const text = key === 'status' ? (STATUS_LABELS[value as MeasureStatus] ?? String(value)) : valueText(value, '、');
    fields.push({ label, text });
  }
  return fields;
}

/** The 印发通知 (edited in the export dialog) as lines a person can copy back. */
function noticeText(notice: HeaderPatch['notice']): string {
  if (!notice) return '（空）';
  return valueText([notice.title, notice.addressee, ...notice.body, notice.issuer, notice.date].filter((t): t is string => Boolean(t?.trim())), '\n');
}

function headerFields(patch: HeaderPatch): FieldText[] {
  const fields: FieldText[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const label = HEADER_LABELS[key as keyof HeaderPatch];
    if (key === 'level3Numbering') fields.push({ label, text: value === 'continuous' ? '全文连续编号' : '每节重新编号' });
    else if (key === 'notice') fields.push({ label, text: noticeText(value as HeaderPatch['notice']) });
    else fields.push({ label, text: valueText(value, '\n') });
  }
  return fields;
}

/** Where each edit belongs and what it says, for the notice's copy and the recovery prompt. */
export function describeEdits(edits: readonly TextEdit[], outline: Outline, level3Numbering: PlanDocumentHead['level3Numbering']): EditDescription[] {
  const markers = computeMarkers(outline as StoredNode[], { level3Numbering });
  return mergeEdits(edits)
    .map((edit): EditDescription => {
      if (edit.kind === 'header') return { title: '方案信息', missing: false, fields: headerFields(edit.patch) };
      const node = findNode(outline, edit.nodeId);
      if (!node) return { title: '已删除的内容', missing: true, fields: nodeFields(edit.patch, edit.patch.measure ? 'measure' : null) };
      const name = (edit.patch.heading ?? node.heading).trim() || '（未填写）';
      return { title: `${KIND_NAMES[node.kind]}“${markers.get(node) ?? ''}${name}”`, missing: false, fields: nodeFields(edit.patch, node.kind) };
    })
    .filter((d) => d.fields.length > 0);
}

/** Plain text of described edits, for the clipboard: one block per node, one line per field. */
export function descriptionsText(descriptions: readonly EditDescription[]): string {
  return descriptions.map((d) => [`【${d.title}】`, ...d.fields.map((f) => `${f.label}：${f.text}`)].join('\n')).join('\n\n');
}
