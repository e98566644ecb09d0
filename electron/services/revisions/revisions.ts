import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import type { EditResult, NodeChange, RevisionDiff, RevisionSummary } from '../../../shared/api/editor.ts';
import type { CoverNotice, MeasureFields, NodeStyle } from '../../../shared/domain/document.ts';
import { computeMarkers } from '../../../shared/numbering.ts';
import { nowIso } from '../ids.ts';
import { getPlan, noticeJson } from '../plans/plan-repository.ts';
import { listProblems } from '../outline/problems.ts';
import { editResult } from '../outline/outline-ops.ts';
import { cached, applyChanges, type Row, type RowChange } from '../history/plan-state.ts';
import { editPlan } from '../history/edit.ts';

/**
 * A revision is a full snapshot of a plan with node and problem ids, taken on 保存 (Ctrl+S) and
 * before imports, exports, bulk edits and restores. Ids let a diff say "this measure changed" and
 * let a restore bring back the very nodes (and their evidence links) that still exist.
 */

interface SnapshotProblem {
  id: string;
  key: string;
  category: string | null;
  text: string;
}

export interface Snapshot {
  format: 1;
  version: number;
  measureCount: number;
  header: {
    title: string;
    kind: string;
    addressee: string | null;
    issuer: string | null;
    date: string | null;
    /** 印发通知 (absent in snapshots taken before it existed: a restore then leaves the current one) */
    notice?: CoverNotice | null;
    preamble: string[];
    attachments: string[];
    settings: Record<string, unknown>;
    variables: Record<string, string>;
  };
  problems: SnapshotProblem[];
  outline: StoredNode[];
}

/** The notice as the diff shows it: its parts one per line. */
function noticeText(notice: CoverNotice | null): string {
  if (!notice) return '';
  return [notice.title, notice.addressee ?? '', ...notice.body, notice.issuer ?? '', notice.date ?? ''].filter((t) => t !== '').join('\n');
}

function countMeasures(nodes: readonly StoredNode[]): number {
  return nodes.reduce((n, node) => n + (node.kind === 'measure' ? 1 : 0) + countMeasures(node.children), 0);
}

export function takeSnapshot(db: Db, planId: string): Snapshot {
  const detail = getPlan(db, planId);
  const row = cached(db, 'SELECT * FROM plans WHERE id = ?').get(planId) as { addressee: string | null; issuer: string | null; doc_date: string | null };
  return {
    format: 1,
    version: detail.version,
    measureCount: countMeasures(detail.outline),
    header: {
      title: detail.title,
      kind: detail.kind,
      addressee: row.addressee,
      issuer: row.issuer,
      date: row.doc_date,
      notice: detail.document.notice ?? null,
      preamble: detail.document.preamble,
      attachments: detail.document.attachments,
      settings: detail.meta.settings,
      variables: detail.meta.variables,
    },
    problems: listProblems(db, planId).map((p) => ({ id: p.id, key: p.key, category: p.category, text: p.text })),
    outline: detail.outline,
  };
}

interface RevisionRow {
  id: number;
  plan_id: string;
  created_at: string;
  reason: string;
  version: number | null;
  title: string | null;
  measure_count: number | null;
}

const SELECT_REVISION = `SELECT id, plan_id, created_at, reason, json_extract(snapshot, '$.version') AS version,
  json_extract(snapshot, '$.header.title') AS title, json_extract(snapshot, '$.measureCount') AS measure_count FROM revisions`;

function summary(row: RevisionRow): RevisionSummary {
  return {
    id: row.id,
    planId: row.plan_id,
    createdAt: row.created_at,
    reason: row.reason,
    version: row.version ?? 0,
    title: row.title ?? '',
    measureCount: row.measure_count ?? 0,
  };
}

export function listRevisions(db: Db, planId: string): RevisionSummary[] {
  if (!cached(db, 'SELECT 1 FROM plans WHERE id = ?').get(planId)) throw new AppError('not_found', `找不到方案：${planId}`);
  return (cached(db, `${SELECT_REVISION} WHERE plan_id = ? ORDER BY id DESC`).all(planId) as RevisionRow[]).map(summary);
}

function revisionRow(db: Db, id: number): RevisionRow & { snapshot: Snapshot } {
  const row = cached(db, `${SELECT_REVISION.replace('FROM revisions', ', snapshot FROM revisions')} WHERE id = ?`).get(id) as
    | (RevisionRow & { snapshot: string })
    | undefined;
  if (!row) throw new AppError('not_found', '找不到该历史版本');
  return { ...row, snapshot: JSON.parse(row.snapshot) as Snapshot };
}

/**
 * Keeps a snapshot of the plan as it is now. When the newest snapshot already holds this version
 * there is nothing new to keep: that one is returned (`created: false`).
 */
export function createRevision(db: Db, planId: string, reason: string): { revision: RevisionSummary; created: boolean } {
  return db.transaction(() => {
    const snapshot = takeSnapshot(db, planId);
    const last = cached(db, `${SELECT_REVISION} WHERE plan_id = ? ORDER BY id DESC LIMIT 1`).get(planId) as RevisionRow | undefined;
    if (last && last.version === snapshot.version) return { revision: summary(last), created: false };
    const res = cached(db, 'INSERT INTO revisions (plan_id, created_at, reason, snapshot) VALUES (?, ?, ?, ?)').run(
      planId,
      nowIso(),
      reason,
      JSON.stringify(snapshot),
    );
    return { revision: summary(cached(db, `${SELECT_REVISION} WHERE id = ?`).get(Number(res.lastInsertRowid)) as RevisionRow), created: true };
  })();
}

// --- Diff -------------------------------------------------------------------------------------

interface Flat {
  node: StoredNode;
  parentId: string | null;
  marker: string;
  path: string[];
}

function flatten(outline: readonly StoredNode[], level3Numbering: 'restart' | 'continuous'): Flat[] {
  const markers = computeMarkers(outline, { level3Numbering });
  const out: Flat[] = [];
  const walk = (nodes: readonly StoredNode[], parentId: string | null, path: string[]) => {
    for (const node of nodes) {
      const marker = markers.get(node) ?? '';
      out.push({ node, parentId, marker, path });
      walk(node.children, node.id, [...path, `${marker}${node.heading}`]);
    }
  };
  walk(outline, null, []);
  return out;
}

const FIELD_LABELS: Record<string, string> = {
  kind: '类型',
  heading: '标题',
  body: '正文',
  style: '样式',
  problemKeys: '关联问题',
  'measure.leader': '责任领导',
  'measure.department': '责任部门',
  'measure.cooperating': '配合部门',
  'measure.person': '责任人',
  'measure.deadline': '完成时限',
  'measure.status': '状态',
  'measure.statusText': '整改情况',
  position: '位置',
};

const MEASURE_KEYS: (keyof MeasureFields)[] = ['leader', 'department', 'cooperating', 'person', 'deadline', 'status', 'statusText'];

function changedFields(a: StoredNode, b: StoredNode): string[] {
  const fields: string[] = [];
  const eq = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (a.kind !== b.kind) fields.push('kind');
  if (a.heading !== b.heading) fields.push('heading');
  if (!eq(a.body, b.body)) fields.push('body');
  if (!eq(normStyle(a.style), normStyle(b.style))) fields.push('style');
  if (!eq(a.problemKeys, b.problemKeys)) fields.push('problemKeys');
  for (const k of MEASURE_KEYS) if (!eq(a.measure?.[k] ?? null, b.measure?.[k] ?? null)) fields.push(`measure.${k}`);
  return fields;
}

function normStyle(s: NodeStyle): NodeStyle {
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined).sort(([x], [y]) => x.localeCompare(y))) as NodeStyle;
}

/** Ids that are not part of a longest common subsequence of the two orders: the ones that moved. */
function movedWithin(before: readonly string[], after: readonly string[]): Set<string> {
  const n = before.length;
  const m = after.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = before[i] === after[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const keep = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      keep.add(before[i]!);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return new Set(after.filter((id) => !keep.has(id)));
}

function digest(f: Flat) {
  return { kind: f.node.kind, marker: f.marker, heading: f.node.heading, body: f.node.body, path: f.path, measure: f.node.measure };
}

export function diffRevision(db: Db, revisionId: number): RevisionDiff {
  const rev = revisionRow(db, revisionId);
  const snap = rev.snapshot;
  const now = takeSnapshot(db, rev.plan_id);
  const numbering = (s: Snapshot) => (s.header.settings.level3Numbering === 'continuous' ? 'continuous' : 'restart');
  const before = flatten(snap.outline, numbering(snap));
  const after = flatten(now.outline, numbering(now));
  const beforeById = new Map(before.map((f) => [f.node.id, f]));
  const afterById = new Map(after.map((f) => [f.node.id, f]));

  // Moves: a new parent, or an order among common siblings that a longest common subsequence cannot keep.
  const moved = new Set<string>();
  const siblings = (flat: Flat[], keep: Map<string, Flat>) => {
    const map = new Map<string | null, string[]>();
    for (const f of flat) {
      const other = keep.get(f.node.id);
      if (!other || other.parentId !== f.parentId) continue;
      const list = map.get(f.parentId) ?? [];
      list.push(f.node.id);
      map.set(f.parentId, list);
    }
    return map;
  };
  const sb = siblings(before, afterById);
  const sa = siblings(after, beforeById);
  for (const [parent, list] of sa) for (const id of movedWithin(sb.get(parent) ?? [], list)) moved.add(id);
  for (const f of after) {
    const b = beforeById.get(f.node.id);
    if (b && b.parentId !== f.parentId) moved.add(f.node.id);
  }

  const nodes: NodeChange[] = [];
  let unchanged = 0;
  const removedAfter = new Map<string | null, Flat[]>();
  // Removed nodes are listed after the node that preceded them in the revision (still present), or first.
  let lastPresent: string | null = null;
  for (const f of before) {
    if (afterById.has(f.node.id)) lastPresent = f.node.id;
    else {
      const list = removedAfter.get(lastPresent) ?? [];
      list.push(f);
      removedAfter.set(lastPresent, list);
    }
  }
  const pushRemoved = (anchor: string | null) => {
    for (const f of removedAfter.get(anchor) ?? []) {
      nodes.push({ nodeId: f.node.id, change: 'removed', before: digest(f), after: null, fields: [], labels: [] });
    }
  };
  pushRemoved(null);
  for (const f of after) {
    const b = beforeById.get(f.node.id);
    if (!b) nodes.push({ nodeId: f.node.id, change: 'added', before: null, after: digest(f), fields: [], labels: [] });
    else {
      const fields = changedFields(b.node, f.node);
      const isMoved = moved.has(f.node.id);
      if (isMoved) fields.push('position');
      if (fields.length === 0) unchanged++;
      else
        nodes.push({
          nodeId: f.node.id,
          change: fields.length === 1 && isMoved ? 'moved' : 'changed',
          before: digest(b),
          after: digest(f),
          fields,
          labels: fields.map((k) => FIELD_LABELS[k] ?? k),
        });
    }
    pushRemoved(f.node.id);
  }

  const header: RevisionDiff['header'] = [];
  const cmp = (field: string, label: string, b: string, a: string) => {
    if (b !== a) header.push({ field, label, before: b, after: a });
  };
  cmp('title', '标题', snap.header.title, now.header.title);
  cmp('addressee', '主送机关', snap.header.addressee ?? '', now.header.addressee ?? '');
  cmp('preamble', '开头段落', snap.header.preamble.join('\n'), now.header.preamble.join('\n'));
  cmp('attachments', '附件', snap.header.attachments.join('\n'), now.header.attachments.join('\n'));
  cmp('issuer', '落款', snap.header.issuer ?? '', now.header.issuer ?? '');
  cmp('date', '成文日期', snap.header.date ?? '', now.header.date ?? '');
  if (snap.header.notice !== undefined) cmp('notice', '印发通知', noticeText(snap.header.notice), noticeText(now.header.notice ?? null));
  const problemsText = (s: Snapshot) => s.problems.map((p) => (p.category ? `【${p.category}】` : '') + p.text).join('\n');
  cmp('problems', '问题清单', problemsText(snap), problemsText(now));
  cmp('level3Numbering', '序号设置', numbering(snap) === 'continuous' ? '全文连续编号' : '各部分重新编号', numbering(now) === 'continuous' ? '全文连续编号' : '各部分重新编号');

  return { revision: summary(rev), header, nodes, unchangedCount: unchanged };
}

// --- Restore ----------------------------------------------------------------------------------

function currentRows(db: Db, sql: string, planId: string, key: (r: Row) => string): Map<string, Row> {
  return new Map((cached(db, sql).all(planId) as Row[]).map((r) => [key(r), r]));
}

/** Row changes that turn the plan's content into the snapshot's (columns the snapshot lacks stay as they are). */
function restoreChanges(db: Db, planId: string, snap: Snapshot): RowChange[] {
  const changes: RowChange[] = [];
  const set = (t: string, current: Map<string, Row>, target: Map<string, Row>) => {
    for (const [k, row] of target) {
      const cur = current.get(k) ?? null;
      changes.push({ t, k, b: cur, a: cur ? { ...cur, ...row } : row });
    }
    for (const [k, row] of current) if (!target.has(k)) changes.push({ t, k, b: row, a: null });
  };
  const plan = cached(db, 'SELECT * FROM plans WHERE id = ?').get(planId) as Row;
  const h = snap.header;
  changes.push({
    t: 'plans',
    k: JSON.stringify([planId]),
    b: plan,
    a: {
      ...plan,
      title: h.title,
      kind: h.kind,
      addressee: h.addressee,
      issuer: h.issuer,
      doc_date: h.date,
      ...(h.notice !== undefined ? { notice: noticeJson(h.notice) } : {}),
      preamble: JSON.stringify(h.preamble),
      attachments: JSON.stringify(h.attachments),
      settings: JSON.stringify(h.settings),
      variables: JSON.stringify(h.variables),
    },
  });
  const k1 = (v: unknown) => JSON.stringify([v]);
  const nodes = new Map<string, Row>();
  const measures = new Map<string, Row>();
  const links = new Map<string, Row>();
  const problemIdByKey = new Map(snap.problems.map((p) => [p.key, p.id]));
  const walk = (list: readonly StoredNode[], parentId: string | null) => {
    list.forEach((n, position) => {
      nodes.set(k1(n.id), {
        id: n.id,
        plan_id: planId,
        parent_id: parentId,
        position,
        kind: n.kind,
        heading: n.heading,
        body: JSON.stringify(n.body),
        style: JSON.stringify(n.style),
      });
      if (n.measure) {
        const m = n.measure;
        measures.set(k1(n.id), {
          node_id: n.id,
          leader: m.leader,
          department: m.department,
          cooperating: JSON.stringify(m.cooperating),
          person: m.person,
          deadline_raw: m.deadline,
          deadline_kind: m.deadlineKind,
          deadline_date: m.deadlineDate,
          status: m.status,
          status_text: m.statusText,
        });
      }
      for (const key of n.problemKeys) {
        const pid = problemIdByKey.get(key);
        if (pid) links.set(JSON.stringify([pid, n.id]), { problem_id: pid, node_id: n.id });
      }
      walk(n.children, n.id);
    });
  };
  walk(snap.outline, null);
  const problems = new Map<string, Row>(
    snap.problems.map((p, position) => [k1(p.id), { id: p.id, plan_id: planId, key: p.key, position, category: p.category, text: p.text }]),
  );
  set('nodes', currentRows(db, 'SELECT * FROM nodes WHERE plan_id = ?', planId, (r) => k1(r.id)), nodes);
  set(
    'measures',
    currentRows(db, 'SELECT * FROM measures WHERE node_id IN (SELECT id FROM nodes WHERE plan_id = ?)', planId, (r) => k1(r.node_id)),
    measures,
  );
  set('problems', currentRows(db, 'SELECT * FROM problems WHERE plan_id = ?', planId, (r) => k1(r.id)), problems);
  set(
    'problem_measures',
    currentRows(db, 'SELECT * FROM problem_measures WHERE problem_id IN (SELECT id FROM problems WHERE plan_id = ?)', planId, (r) =>
      JSON.stringify([r.problem_id, r.node_id]),
    ),
    links,
  );
  return changes;
}

/** Restores a revision: a 恢复前 snapshot first, then the content as one undoable step. */
export function restoreRevision(db: Db, revisionId: number, expectedVersion: number): EditResult & { safetyRevisionId: number } {
  const rev = revisionRow(db, revisionId);
  const planId = rev.plan_id;
  return db.transaction(() => {
    // Check before taking the safety snapshot, so a conflicting call leaves no trace.
    const current = cached(db, 'SELECT version FROM plans WHERE id = ?').get(planId) as { version: number };
    if (current.version !== expectedVersion) {
      throw new AppError('conflict', '该方案已在其他窗口中被修改。为避免互相覆盖，本次恢复未执行，请重新载入后再试。', {
        planId,
        expectedVersion,
        currentVersion: current.version,
      });
    }
    const safety = createRevision(db, planId, '恢复前');
    const outcome = editPlan(db, { planId, expectedVersion, label: '恢复历史版本' }, () => {
      applyChanges(db, restoreChanges(db, planId, rev.snapshot), 'after');
    });
    return { ...editResult(db, planId, outcome, null), safetyRevisionId: safety.revision.id };
  })();
}
