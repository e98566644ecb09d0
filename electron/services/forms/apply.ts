import type { Db } from '../store/database.ts';
import type { CollectResult } from '../../../shared/api/forms.ts';
import { emptyMeasure, type NodeStyle } from '../../../shared/domain/document.ts';
import { splitLead } from '../../../shared/importer/paragraphs.ts';
import { newId, nowIso } from '../ids.ts';
import { recordStatus } from '../progress/events.ts';
import { editPlan } from '../history/edit.ts';
import { cached } from '../history/plan-state.ts';
import { listProblems } from '../outline/problems.ts';
import { childIds, writePositions } from '../outline/node-rows.ts';
import { growDirectory, mergeMeasure, planYear, writeMeasure } from '../outline/outline-ops.ts';
import { measureVersion } from './measure-version.ts';
import { addChanges, type ProposalAction, type Review, type ReviewItem } from './review.ts';

/**
 * Applying what the user accepted, all in one transaction: a progress row becomes a status event through
 * the progress service's one write path (with its source and the department's text), proposals become
 * measures under their problems — one undo step per plan — or links to the same measure already there.
 * Each applied row is noted, so the same file applied again changes nothing.
 */

export interface ApplyChoices {
  /** row keys to apply; null: every applicable row without conflicts */
  accept: ReadonlySet<string> | null;
  /** proposal rows to add although a near-identical measure exists */
  addAnyway: ReadonlySet<string>;
}

function chosen(item: ReviewItem, choices: ApplyChoices): boolean {
  const r = item.row;
  if (!item.action || !r.applicable || r.alreadyApplied) return false;
  const wanted = choices.accept ? choices.accept.has(r.key) : r.conflicts.length === 0;
  if (!wanted) return false;
  return r.changes.length > 0 || (item.action.kind === 'proposals' && choices.addAnyway.has(r.key));
}

function noteReturn(db: Db, item: ReviewItem, planId: string, nodeId: string | null): void {
  cached(
    db,
    'INSERT INTO form_returns (form_id, plan_id, row_key, content_hash, node_id, version_after, file_name, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(item.formKey, planId, item.rowKey, item.contentHash, nodeId, nodeId ? measureVersion(db, nodeId) : null, item.fileName, nowIso());
}

/** Where a new measure for a problem goes: after the last measure answering it, else near its neighbours' measures. */
function placeForProblem(db: Db, planId: string, problemId: string): { parentId: string | null; index: number; like: string | null } {
  const problems = listProblems(db, planId);
  const at = problems.findIndex((p) => p.id === problemId);
  const after = (nodeId: string) => {
    const parent = (cached(db, 'SELECT parent_id FROM nodes WHERE id = ?').get(nodeId) as { parent_id: string | null }).parent_id;
    return { parentId: parent, index: childIds(db, planId, parent).indexOf(nodeId) + 1, like: nodeId };
  };
  const own = problems[at]?.nodeIds ?? [];
  if (own.length > 0) return after(own[own.length - 1]!);
  for (let i = at - 1; i >= 0; i--) {
    const ids = problems[i]!.nodeIds;
    if (ids.length > 0) return after(ids[ids.length - 1]!);
  }
  for (let i = at + 1; i < problems.length; i++) {
    const first = problems[i]!.nodeIds[0];
    if (first) {
      const spot = after(first);
      return { ...spot, index: spot.index - 1 };
    }
  }
  const sections = (cached(db, `SELECT id FROM nodes WHERE plan_id = ? AND parent_id IS NULL AND kind = 'section' ORDER BY position, rowid`).all(planId) as {
    id: string;
  }[]).map((r) => r.id);
  const last = sections[sections.length - 1] ?? null;
  return { parentId: last, index: childIds(db, planId, last).length, like: null };
}

function styleLike(db: Db, nodeId: string | null): NodeStyle {
  if (!nodeId) return {};
  const row = cached(db, 'SELECT kind, style FROM nodes WHERE id = ?').get(nodeId) as { kind: string; style: string } | undefined;
  if (row?.kind !== 'measure') return {};
  const style = JSON.parse(row.style) as NodeStyle;
  return style.level !== undefined ? { level: style.level } : {};
}

function addMeasure(db: Db, planId: string, action: ProposalAction): string {
  const [type, targetId] = [action.targetKey.slice(0, action.targetKey.indexOf(':')), action.targetKey.slice(action.targetKey.indexOf(':') + 1)];
  let spot: { parentId: string | null; index: number; like: string | null };
  if (type === 'problem') spot = placeForProblem(db, planId, targetId);
  else {
    const siblings = childIds(db, planId, targetId);
    spot = { parentId: targetId, index: siblings.length, like: siblings[siblings.length - 1] ?? null };
  }
  const id = newId();
  const { heading, body } = splitLead(action.text);
  const siblings = childIds(db, planId, spot.parentId);
  cached(db, 'INSERT INTO nodes (id, plan_id, parent_id, position, kind, heading, body, style) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    planId,
    spot.parentId,
    spot.index,
    'measure',
    heading,
    JSON.stringify(body === null ? [] : [body]),
    JSON.stringify(styleLike(db, spot.like)),
  );
  siblings.splice(spot.index, 0, id);
  writePositions(db, siblings);
  const fields = mergeMeasure(emptyMeasure(), { department: action.department, leader: action.leader, deadline: action.deadline }, planYear(db, planId));
  writeMeasure(db, id, fields);
  growDirectory(db, null, fields);
  if (type === 'problem') cached(db, 'INSERT OR IGNORE INTO problem_measures (problem_id, node_id) VALUES (?, ?)').run(targetId, id);
  return id;
}

/** Applies the chosen rows; returns the keys applied and, for proposals, the measure each row added or linked. */
export function applyReview(db: Db, review: Review, choices: ApplyChoices): Map<string, string | null> {
  const applied = new Map<string, string | null>();
  const picked = review.items.filter((i) => chosen(i, choices));
  db.transaction(() => {
    for (const item of picked) {
      if (item.action?.kind !== 'progress') continue;
      const a = item.action;
      recordStatus(db, { measureId: a.measureId, status: a.status, note: a.note, date: a.date, by: a.reporter, source: a.source });
      noteReturn(db, item, a.planId, a.measureId);
      applied.set(item.row.key, a.measureId);
    }
    const byPlan = new Map<string, ReviewItem[]>();
    for (const item of picked) {
      if (item.action?.kind !== 'proposals') continue;
      const list = byPlan.get(item.action.planId) ?? [];
      list.push(item);
      byPlan.set(item.action.planId, list);
    }
    for (const [planId, list] of byPlan) {
      // One undo step for everything a collect adds to the plan.
      editPlan(db, { planId, expectedVersion: null, label: '采纳部门提出的措施' }, () => {
        for (const item of list) {
          const a = item.action as ProposalAction;
          const problemId = a.targetKey.startsWith('problem:') ? a.targetKey.slice('problem:'.length) : null;
          const duplicateId = a.duplicate ? (a.duplicate.measureId ?? (a.duplicate.rowKey ? (applied.get(a.duplicate.rowKey) ?? null) : null)) : null;
          let nodeId: string | null;
          if (a.duplicate && !choices.addAnyway.has(item.row.key)) {
            // Linked instead of added: the measure already there now answers this problem too.
            if (!duplicateId || !problemId) continue;
            cached(db, 'INSERT OR IGNORE INTO problem_measures (problem_id, node_id) VALUES (?, ?)').run(problemId, duplicateId);
            nodeId = duplicateId;
          } else {
            nodeId = addMeasure(db, planId, a);
            item.row.changes = addChanges(a);
          }
          noteReturn(db, item, planId, nodeId);
          applied.set(item.row.key, nodeId);
        }
      });
    }
  })();
  return applied;
}

/** The review as the contract (and `rectify collect --json`) gives it: dry run, or what was applied. */
export function collectResult(review: Review, applied: Map<string, string | null> | null): CollectResult {
  const rows = review.items.map((i) => i.row);
  const changes: CollectResult['changes'] = [];
  const conflicts: CollectResult['conflicts'] = [];
  for (const item of review.items) {
    const r = item.row;
    const done = applied ? applied.has(r.key) : r.applicable && !r.alreadyApplied && r.conflicts.length === 0;
    if (done) {
      const measureId = applied?.get(r.key) ?? r.measureId;
      for (const c of r.changes) changes.push({ measureId: measureId || null, path: r.path, department: r.department, field: c.field, from: c.from, to: c.to });
    }
    if (!done && r.conflicts.length > 0) for (const c of r.conflicts) conflicts.push({ measureId: r.measureId || null, path: r.path, reason: c.reason });
  }
  return { forms: review.forms, rows, changes, conflicts, errors: review.errors, applied: applied?.size ?? 0 };
}
