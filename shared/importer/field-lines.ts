// Responsibility, deadline and status written apart from the measure's text: a line of their own under
// the measure ("牵头领导：… 责任单位：…"), a 【整改措施】…【责任单位】… run, or a status line. They
// belong to the item just above; in 巡察-style plans one block under several items belongs to all of them.
import { classifyDeadline } from '../domain/deadline-classify.ts';
import type { PlanBuilder } from './plan-builder.ts';
import {
  emptyFields,
  fieldForLabel,
  hasFields,
  isResponsibilityLine,
  mergeFields,
  parseLabelledPairs,
  parseLenticular,
  splitStatus,
  type ParsedFields,
} from './responsibility.ts';

export function isDeadlineText(s: string): boolean {
  return classifyDeadline(s).kind !== 'other';
}

/** Several status lines under one measure are all kept, in order. */
export function addStatus(fields: ParsedFields, status: string): void {
  fields.status = fields.status === null ? status : `${fields.status}；${status}`;
}

function hasFieldsExceptStatus(f: ParsedFields): boolean {
  return f.leader !== null || f.department !== null || f.cooperating.length > 0 || f.person !== null || f.deadline !== null;
}

/** Applies labelled fields to the node just above and to its earlier siblings that have none (巡察-style lines). */
function applyFields(b: PlanBuilder, fields: ParsedFields): void {
  const target = b.top();
  if (!target) return;
  if (!hasFields(fields) && fields.extras.length > 0) {
    target.body.push(...fields.extras);
    return;
  }
  const m = b.metaOf(target);
  mergeFields(m.fields, { ...fields, extras: [] });
  m.labelled = true;
  m.fieldsFrom ??= '措施下方独立成行的责任标签';
  target.body.push(...fields.extras);
  // Earlier siblings without their own fields share an own-line block ("整改措施：1.… 2.… 牵头领导：…").
  const stack = b.stack;
  const frame = stack[stack.length - 1]!;
  const parent = stack.length >= 2 ? stack[stack.length - 2]!.node : null;
  const siblings = parent ? parent.children : b.roots;
  const idx = siblings.indexOf(target);
  if (frame.rank >= 3 && target.children.length === 0) {
    for (let k = idx - 1; k >= 0; k--) {
      const sib = siblings[k]!;
      const sm = b.meta.get(sib);
      if (sib.children.length > 0 || !sm || sm.level !== m.level || hasFields(sm.fields)) break;
      mergeFields(sm.fields, { ...fields, extras: [] });
      sm.labelled = true;
      sm.fieldsFrom ??= '其下共用的一行责任标签（同级各项均未单列）';
    }
  }
}

/** 【整改措施】…【责任单位】… (考核 feedback style); false when the line is not such a run under an item. */
export function readLenticular(b: PlanBuilder, text: string): boolean {
  const pairs = parseLenticular(text);
  const node = b.top();
  if (pairs.length === 0 || !node) return false;
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
    const m = b.metaOf(node);
    mergeFields(m.fields, fields);
    m.labelled = true;
    m.fieldsFrom ??= '【】括起的责任标签';
  }
  return true;
}

/** A responsibility, status or audit line on its own under an item; false for any other line. */
export function readResponsibilityLine(b: PlanBuilder, text: string): boolean {
  if (!(isResponsibilityLine(text) && b.top())) return false;
  const fields = parseLabelledPairs(text);
  const first = /^[（(［[【]?\s*([^：:]+)[：:]/.exec(text)?.[1] ?? '';
  if (fieldForLabel(first) === 'status' && !hasFieldsExceptStatus(fields)) {
    const s = splitStatus(text);
    const m = b.metaOf(b.top()!);
    if (s) addStatus(m.fields, s.status);
    return true;
  }
  applyFields(b, fields);
  return true;
}
