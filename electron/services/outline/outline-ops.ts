import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import { emptyMeasure, type MeasureFields, type NodeKind, type NodeStyle } from '../../../shared/domain/document.ts';
import type { EditResult, HeaderPatch, MeasurePatch, NodePatch } from '../../../shared/api/editor.ts';
import { classifyDeadline } from '../../../shared/domain/deadline-classify.ts';
import { newId } from '../ids.ts';
import { noticeJson } from '../plans/plan-repository.ts';
import { cached, type CaptureScope } from '../history/plan-state.ts';
import { assertVersion, editPlan, historyState, type EditOutcome } from '../history/edit.ts';
import { noteNames, retractName } from '../directory/directory.ts';
import { childIds, depthOf, measureRow, measureFromRow, nodeRow, readNode, subtreeIds, writePositions, type NodeRow } from './node-rows.ts';

export function editResult(db: Db, planId: string, outcome: EditOutcome<unknown>, nodeId: string | null): EditResult {
  const history = historyState(db, planId);
  let node = null;
  if (nodeId) {
    const exists = cached(db, 'SELECT plan_id FROM nodes WHERE id = ?').get(nodeId) as { plan_id: string } | undefined;
    if (exists?.plan_id === planId) node = readNode(db, planId, nodeId);
  }
  return {
    planId,
    version: outcome.version,
    updatedAt: outcome.updatedAt,
    nodeId: node ? nodeId : null,
    node,
    canUndo: history.canUndo,
    canRedo: history.canRedo,
  };
}

export function planYear(db: Db, planId: string): number | undefined {
  const row = cached(db, 'SELECT year FROM plans WHERE id = ?').get(planId) as { year: number | null } | undefined;
  return row?.year ?? undefined;
}

/**
 * A measure's state has one write path, the progress service (events, 销号 with approver and date):
 * the generic node edits refuse it instead of overwriting it silently.
 */
function refuseStatusFields(patch: MeasurePatch | undefined): void {
  if (patch?.status !== undefined || patch?.statusText !== undefined) {
    throw new AppError('bad_input', '措施的状态和整改情况请在“整改跟踪”中记录（或用措施的状态选择框），不能随内容一起修改');
  }
}

/** Merges a patch into stored fields; a deadline typed without a kind is classified here. */
export function mergeMeasure(base: MeasureFields, patch: MeasurePatch, referenceYear?: number): MeasureFields {
  const next: MeasureFields = { ...base };
  const clean = (v: string | null | undefined): string | null => {
    const t = (v ?? '').trim();
    return t === '' ? null : t;
  };
  if (patch.leader !== undefined) next.leader = clean(patch.leader);
  if (patch.department !== undefined) next.department = clean(patch.department);
  if (patch.person !== undefined) next.person = clean(patch.person);
  if (patch.cooperating !== undefined) next.cooperating = [...new Set(patch.cooperating.map((c) => c.trim()).filter((c) => c !== ''))];
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.statusText !== undefined) next.statusText = clean(patch.statusText);
  if (patch.deadline !== undefined) {
    // Stored verbatim (it is part of the document); only the classification is derived.
    next.deadline = patch.deadline === null || patch.deadline.trim() === '' ? null : patch.deadline;
    if (next.deadline === null) {
      next.deadlineKind = null;
      next.deadlineDate = null;
    } else {
      const c = classifyDeadline(next.deadline, referenceYear);
      next.deadlineKind = c.kind;
      next.deadlineDate = c.date;
    }
  }
  if (patch.deadlineKind !== undefined) next.deadlineKind = patch.deadlineKind;
  if (patch.deadlineDate !== undefined) next.deadlineDate = patch.deadlineDate;
  return next;
}

export function writeMeasure(db: Db, nodeId: string, m: MeasureFields): void {
  cached(
    db,
    `INSERT INTO measures (node_id, leader, department, cooperating, person, deadline_raw, deadline_kind, deadline_date, status, status_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(node_id) DO UPDATE SET leader = excluded.leader, department = excluded.department, cooperating = excluded.cooperating,
       person = excluded.person, deadline_raw = excluded.deadline_raw, deadline_kind = excluded.deadline_kind,
       deadline_date = excluded.deadline_date, status = excluded.status, status_text = excluded.status_text`,
  ).run(nodeId, m.leader, m.department, JSON.stringify(m.cooperating), m.person, m.deadline, m.deadlineKind, m.deadlineDate, m.status, m.statusText);
}

/**
 * Names newly written into a measure join the directory (names merely kept are not counted again).
 * A name replaced by its own continuation or truncation (办公 → 办公室 while typing with autosave)
 * was a fragment: its use is taken back.
 */
export function growDirectory(db: Db, before: MeasureFields | null, after: MeasureFields): void {
  const fragment = (was: string, now: string) => was !== now && (now.startsWith(was) || was.startsWith(now));
  const track = (type: 'person' | 'department', was: readonly (string | null)[], now: readonly (string | null)[]) => {
    const old = was.filter((x): x is string => !!x);
    const fresh = now.filter((x): x is string => !!x && !old.includes(x));
    for (const gone of old.filter((x) => !now.includes(x))) {
      if (fresh.some((x) => fragment(gone, x))) retractName(db, type, gone);
    }
    noteNames(db, type, fresh);
  };
  track('person', [before?.leader ?? null], [after.leader]);
  track('person', [before?.person ?? null], [after.person]);
  track('department', [before?.department ?? null, ...(before?.cooperating ?? [])], [after.department, ...after.cooperating]);
}

function assertParent(db: Db, planId: string, parentId: string | null): void {
  if (parentId === null) return;
  const parent = nodeRow(db, planId, parentId);
  if (parent.kind === 'paragraph') throw new AppError('bad_input', '段落下不能再添加下级内容');
}

export interface AddNodeInput {
  planId: string;
  expectedVersion: number;
  parentId: string | null;
  afterId?: string | null | undefined;
  kind: NodeKind;
  heading: string;
  body: string[];
  style: NodeStyle;
  measure?: MeasurePatch | undefined;
}

const KIND_LABEL: Record<NodeKind, string> = { section: '章节', measure: '措施', paragraph: '段落' };

export function addNode(db: Db, input: AddNodeInput): EditResult {
  refuseStatusFields(input.measure);
  const id = newId();
  // Only the new node and its siblings (positions) change: capture just those, not the whole plan.
  const scope = (): CaptureScope => ({ kind: 'nodes', nodeIds: [id, ...childIds(db, input.planId, input.parentId)] });
  const outcome = editPlan(db, { planId: input.planId, expectedVersion: input.expectedVersion, label: `添加${KIND_LABEL[input.kind]}`, scope }, () => {
    assertParent(db, input.planId, input.parentId);
    const siblings = childIds(db, input.planId, input.parentId);
    let index = siblings.length;
    if (input.afterId === null) index = 0;
    else if (input.afterId !== undefined) {
      const at = siblings.indexOf(input.afterId);
      if (at < 0) throw new AppError('not_found', '找不到插入位置所在的节点，请重新载入方案');
      index = at + 1;
    }
    cached(db, 'INSERT INTO nodes (id, plan_id, parent_id, position, kind, heading, body, style) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      input.planId,
      input.parentId,
      index,
      input.kind,
      input.heading,
      JSON.stringify(input.body),
      JSON.stringify(input.style),
    );
    siblings.splice(index, 0, id);
    writePositions(db, siblings);
    if (input.kind === 'measure') {
      const m = mergeMeasure(emptyMeasure(), input.measure ?? {}, planYear(db, input.planId));
      writeMeasure(db, id, m);
      growDirectory(db, null, m);
    }
  });
  return editResult(db, input.planId, outcome, id);
}

function fieldKey(patch: NodePatch): string {
  const fields = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
  const measureFields = patch.measure ? Object.keys(patch.measure).map((k) => `m.${k}`) : [];
  return [...fields.filter((f) => f !== 'measure'), ...measureFields].sort().join(',');
}

export function updateNode(db: Db, input: { planId: string; expectedVersion: number; nodeId: string; patch: NodePatch }): EditResult {
  const { planId, nodeId, patch } = input;
  refuseStatusFields(patch.measure);
  // A node deleted in another window is a conflict first, not a missing node.
  assertVersion(db, planId, input.expectedVersion);
  const row = nodeRow(db, planId, nodeId);
  const kind = patch.kind ?? row.kind;
  const label = patch.kind && patch.kind !== row.kind ? `改为${KIND_LABEL[patch.kind]}` : `修改${KIND_LABEL[kind]}`;
  const outcome = editPlan(
    db,
    {
      planId,
      expectedVersion: input.expectedVersion,
      label,
      scope: { kind: 'nodes', nodeIds: [nodeId] },
      // Typing in one field autosaves every second or so: those saves undo together.
      mergeKey: patch.kind === undefined ? `node:${nodeId}:${fieldKey(patch)}` : null,
    },
    () => {
      const sets: string[] = [];
      const values: unknown[] = [];
      if (patch.kind !== undefined && patch.kind !== row.kind) {
        if (patch.kind === 'paragraph' && (cached(db, 'SELECT 1 FROM nodes WHERE parent_id = ? LIMIT 1').get(nodeId) as unknown)) {
          throw new AppError('bad_input', '有下级内容的节点不能改为段落');
        }
        sets.push('kind = ?');
        values.push(patch.kind);
      }
      if (patch.heading !== undefined) {
        sets.push('heading = ?');
        values.push(patch.heading);
      }
      if (patch.body !== undefined) {
        sets.push('body = ?');
        values.push(JSON.stringify(patch.body));
      }
      if (patch.style !== undefined) {
        sets.push('style = ?');
        values.push(JSON.stringify(patch.style));
      }
      if (sets.length > 0) db.prepare(`UPDATE nodes SET ${sets.join(', ')} WHERE id = ?`).run(...values, nodeId);
      const stored = measureRow(db, nodeId);
      if (kind === 'measure') {
        const before = stored ? measureFromRow(stored) : null;
        if (patch.measure || !before) {
          const next = mergeMeasure(before ?? emptyMeasure(), patch.measure ?? {}, planYear(db, planId));
          writeMeasure(db, nodeId, next);
          growDirectory(db, before, next);
        }
      } else if (stored) {
        // No longer a measure: its fields go (an undo brings them back).
        cached(db, 'DELETE FROM measures WHERE node_id = ?').run(nodeId);
      } else if (patch.measure) {
        throw new AppError('bad_input', '只有措施才有责任部门、完成时限等字段');
      }
    },
  );
  return editResult(db, planId, outcome, nodeId);
}

/** Explicit numbering levels follow a node to its new depth, so a moved measure keeps its look relative to its parent. */
function shiftLevels(db: Db, nodeId: string, delta: number): void {
  if (delta === 0) return;
  const read = cached(db, 'SELECT style FROM nodes WHERE id = ?');
  const write = cached(db, 'UPDATE nodes SET style = ? WHERE id = ?');
  for (const id of subtreeIds(db, nodeId)) {
    const style = JSON.parse((read.get(id) as { style: string }).style) as NodeStyle;
    if (style.level === undefined || style.level === 0) continue;
    write.run(JSON.stringify({ ...style, level: Math.max(1, Math.min(5, style.level + delta)) }), id);
  }
}

function moveInside(db: Db, planId: string, row: NodeRow, parentId: string | null, index: number): void {
  if (parentId !== null) {
    assertParent(db, planId, parentId);
    if (subtreeIds(db, row.id).includes(parentId)) throw new AppError('bad_input', '不能把节点移动到它自己的下级中');
  }
  const oldDepth = depthOf(db, row.parent_id) + 1;
  const oldSiblings = childIds(db, planId, row.parent_id).filter((id) => id !== row.id);
  const sameParent = row.parent_id === parentId;
  const newSiblings = sameParent ? oldSiblings : childIds(db, planId, parentId);
  const at = Math.min(index, newSiblings.length);
  newSiblings.splice(at, 0, row.id);
  if (!sameParent) {
    cached(db, 'UPDATE nodes SET parent_id = ? WHERE id = ?').run(parentId, row.id);
    writePositions(db, oldSiblings);
  }
  writePositions(db, newSiblings);
  shiftLevels(db, row.id, depthOf(db, parentId) + 1 - oldDepth);
}

/** What a move can touch: the node's subtree (levels), its old siblings and its new siblings (positions). */
function moveScope(db: Db, planId: string, nodeId: string, newParent: () => string | null): () => CaptureScope {
  return () => {
    const row = nodeRow(db, planId, nodeId);
    const ids = new Set([...subtreeIds(db, nodeId), ...childIds(db, planId, row.parent_id)]);
    const parent = newParent();
    if (parent === null || cached(db, 'SELECT 1 FROM nodes WHERE id = ? AND plan_id = ?').get(parent, planId)) {
      for (const id of childIds(db, planId, parent)) ids.add(id);
    }
    if (parent !== null) ids.add(parent);
    return { kind: 'nodes', nodeIds: [...ids] };
  };
}

function previousSibling(db: Db, planId: string, nodeId: string): string | null {
  const row = nodeRow(db, planId, nodeId);
  const siblings = childIds(db, planId, row.parent_id);
  return siblings[siblings.indexOf(nodeId) - 1] ?? null;
}

function grandParent(db: Db, planId: string, nodeId: string): string | null {
  const row = nodeRow(db, planId, nodeId);
  return row.parent_id === null ? null : nodeRow(db, planId, row.parent_id).parent_id;
}

export function moveNode(db: Db, input: { planId: string; expectedVersion: number; nodeId: string; parentId: string | null; index: number }): EditResult {
  const scope = moveScope(db, input.planId, input.nodeId, () => input.parentId);
  const outcome = editPlan(db, { planId: input.planId, expectedVersion: input.expectedVersion, label: '移动节点', scope }, () => {
    const row = nodeRow(db, input.planId, input.nodeId);
    moveInside(db, input.planId, row, input.parentId, input.index);
  });
  return editResult(db, input.planId, outcome, input.nodeId);
}

export function indentNode(db: Db, input: { planId: string; expectedVersion: number; nodeId: string }): EditResult {
  const scope = moveScope(db, input.planId, input.nodeId, () => previousSibling(db, input.planId, input.nodeId));
  const outcome = editPlan(db, { planId: input.planId, expectedVersion: input.expectedVersion, label: '降级', scope }, () => {
    const row = nodeRow(db, input.planId, input.nodeId);
    const siblings = childIds(db, input.planId, row.parent_id);
    const at = siblings.indexOf(row.id);
    const prev = at > 0 ? siblings[at - 1] : undefined;
    if (!prev) throw new AppError('bad_input', '第一个节点不能降级：它前面没有可以归入的同级节点');
    if (nodeRow(db, input.planId, prev).kind === 'paragraph') throw new AppError('bad_input', '不能降级到段落之下');
    moveInside(db, input.planId, row, prev, childIds(db, input.planId, prev).length);
  });
  return editResult(db, input.planId, outcome, input.nodeId);
}

export function outdentNode(db: Db, input: { planId: string; expectedVersion: number; nodeId: string }): EditResult {
  const scope = moveScope(db, input.planId, input.nodeId, () => grandParent(db, input.planId, input.nodeId));
  const outcome = editPlan(db, { planId: input.planId, expectedVersion: input.expectedVersion, label: '升级', scope }, () => {
    const row = nodeRow(db, input.planId, input.nodeId);
    if (row.parent_id === null) throw new AppError('bad_input', '已是最高一级，不能再升级');
    const parent = nodeRow(db, input.planId, row.parent_id);
    const index = childIds(db, input.planId, parent.parent_id).indexOf(parent.id) + 1;
    moveInside(db, input.planId, row, parent.parent_id, index);
  });
  return editResult(db, input.planId, outcome, input.nodeId);
}

export function deleteNode(db: Db, input: { planId: string; expectedVersion: number; nodeId: string }): EditResult & { deletedCount: number } {
  let deletedCount = 0;
  // The subtree goes (with its measures, links, progress and evidence rows) and the siblings close up.
  const scope = (): CaptureScope => {
    const row = nodeRow(db, input.planId, input.nodeId);
    return { kind: 'nodes', nodeIds: [...new Set([...subtreeIds(db, row.id), ...childIds(db, input.planId, row.parent_id)])] };
  };
  const outcome = editPlan(db, { planId: input.planId, expectedVersion: input.expectedVersion, label: '删除节点', scope }, () => {
    const row = nodeRow(db, input.planId, input.nodeId);
    deletedCount = subtreeIds(db, row.id).length;
    cached(db, 'DELETE FROM nodes WHERE id = ?').run(row.id);
    writePositions(db, childIds(db, input.planId, row.parent_id));
  });
  return { ...editResult(db, input.planId, outcome, null), deletedCount };
}

export function updateHeader(db: Db, input: { planId: string; expectedVersion: number; patch: HeaderPatch }): EditResult {
  const { patch } = input;
  const outcome = editPlan(
    db,
    {
      planId: input.planId,
      expectedVersion: input.expectedVersion,
      label: '修改文头文尾',
      scope: { kind: 'nodes', nodeIds: [] },
      mergeKey: `header:${Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined).sort().join(',')}`,
    },
    () => {
      const sets: string[] = [];
      const values: unknown[] = [];
      const set = (col: string, value: unknown) => {
        sets.push(`${col} = ?`);
        values.push(value);
      };
      if (patch.title !== undefined) set('title', patch.title);
      if (patch.addressee !== undefined) set('addressee', patch.addressee);
      if (patch.issuer !== undefined) set('issuer', patch.issuer);
      if (patch.date !== undefined) set('doc_date', patch.date);
      if (patch.preamble !== undefined) set('preamble', JSON.stringify(patch.preamble));
      if (patch.attachments !== undefined) set('attachments', JSON.stringify(patch.attachments));
      if (patch.notice !== undefined) set('notice', noticeJson(patch.notice));
      if (patch.level3Numbering !== undefined) {
        const row = cached(db, 'SELECT settings FROM plans WHERE id = ?').get(input.planId) as { settings: string };
        set('settings', JSON.stringify({ ...(JSON.parse(row.settings) as object), level3Numbering: patch.level3Numbering }));
      }
      if (sets.length > 0) db.prepare(`UPDATE plans SET ${sets.join(', ')} WHERE id = ?`).run(...values, input.planId);
    },
  );
  return editResult(db, input.planId, outcome, null);
}
