import type { Db } from '../store/database.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import type { Problem } from '../../../shared/domain/document.ts';
import { STATUS_LABELS } from '../../../shared/domain/status.ts';
import { getPlan } from '../plans/plan-repository.ts';
import { buildLedger, ledgerRows, LEDGER_COLUMN_SETS, type LedgerColumnId, type LedgerRow, type LedgerTable } from '../../../shared/ledger/index.ts';
import { measurePaths } from '../../../shared/progress/paths.ts';
import { reportCounts } from '../../../shared/progress/counts.ts';
import { localIsoDate } from '../../../shared/progress/dates.ts';
import { packageFileName, uniqueNames } from '../../../shared/progress/evidence-names.ts';
import type { Ledger, LedgerColumnSet, LedgerMeasure } from '../../../shared/api/progress.ts';
import type { EvidenceType } from '../../../shared/api/evidence.ts';

/**
 * Everything the ledger, dashboard, report and evidence package show, read once from the plan's
 * outline plus the tracking tables (status events, 销号, attachments). One loader, so the report's
 * numbers and the ledger's numbers come from the same rows.
 */

interface TrackingRow {
  node_id: string;
  closed_by: string | null;
  closed_on: string | null;
}

export interface PlanAttachmentRow {
  id: string;
  node_id: string;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  type: EvidenceType;
  doc_date: string | null;
  note: string | null;
  added_by: string | null;
  added_at: string;
  removed_at: string | null;
}

export interface PackagedAttachment {
  row: PlanAttachmentRow;
  measure: LedgerMeasure;
  /** name in the evidence package and the ledger's 佐证材料 column */
  fileName: string;
  /** the date used in the name: the document's date, else the day it was added */
  date: string;
}

export interface LoadedLedger {
  ledger: Ledger;
  /** the table with merged problem cells, for the exporters */
  table: LedgerTable<StoredNode>;
  nodes: StoredNode[];
  problems: Problem[];
  /** active attachments in ledger order with their package names */
  attachments: PackagedAttachment[];
  level3Numbering: 'restart' | 'continuous';
  planTitle: string;
}

export function ledgerTitle(planTitle: string): string {
  const stem = planTitle.replace(/(的)?(整改)?(工作|落实|实施)?(方案|清单|台账)$/u, '');
  return `${stem}${stem.endsWith('的') || stem === planTitle ? '' : '的'}整改落实情况台账`.replace(/的的/g, '的');
}

export function loadLedger(db: Db, planId: string, columnSet: LedgerColumnSet = 'E'): LoadedLedger {
  const plan = getPlan(db, planId);
  const level3Numbering = plan.document.level3Numbering;
  const problems = db
    .prepare('SELECT key, category, text FROM problems WHERE plan_id = ? ORDER BY position')
    .all(planId) as Problem[];
  const tracking = new Map(
    (
      db
        .prepare('SELECT m.node_id, m.closed_by, m.closed_on FROM measures m JOIN nodes n ON n.id = m.node_id WHERE n.plan_id = ?')
        .all(planId) as TrackingRow[]
    ).map((r) => [r.node_id, r]),
  );
  // The first deadline change's 原时限 is the deadline the plan was approved with.
  const originalDeadline = new Map<string, string | null>();
  const lastReason = new Map<string, string>();
  const latestNote = new Map<string, string>();
  const lastEventDate = new Map<string, string>();
  for (const e of db
    .prepare(
      `SELECT e.node_id, e.kind, e.on_date, e.note, e.old_deadline FROM status_events e JOIN nodes n ON n.id = e.node_id
       WHERE n.plan_id = ? ORDER BY e.id`,
    )
    .all(planId) as { node_id: string; kind: string; on_date: string; note: string | null; old_deadline: string | null }[]) {
    if (e.kind === 'deadline') {
      if (!originalDeadline.has(e.node_id)) originalDeadline.set(e.node_id, e.old_deadline);
      if (e.note) lastReason.set(e.node_id, e.note);
    } else if (e.note && e.note.trim() !== '') {
      latestNote.set(e.node_id, e.note.trim());
    }
    const prev = lastEventDate.get(e.node_id);
    if (!prev || e.on_date >= prev) lastEventDate.set(e.node_id, e.on_date);
  }
  const attachmentsByNode = new Map<string, PlanAttachmentRow[]>();
  for (const a of db
    .prepare(
      `SELECT a.id, a.node_id, a.sha256, b.size, b.mime, a.original_name, a.type, a.doc_date, a.note, a.added_by, a.added_at, a.removed_at
       FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 JOIN nodes n ON n.id = a.node_id
       WHERE n.plan_id = ? AND a.removed_at IS NULL ORDER BY a.added_at, a.rowid`,
    )
    .all(planId) as PlanAttachmentRow[]) {
    const list = attachmentsByNode.get(a.node_id) ?? [];
    list.push(a);
    attachmentsByNode.set(a.node_id, list);
  }

  const nodes = plan.outline;
  const paths = measurePaths(nodes, { level3Numbering });
  const rows = ledgerRows<StoredNode>({ sections: nodes, problems, level3Numbering });

  // Package names first: the ledger's 佐证材料 column cites them, so they must be unique plan-wide.
  const pending: { row: PlanAttachmentRow; nodeId: string; name: string; date: string }[] = [];
  for (const r of rows) {
    const path = paths.get(r.node)?.path ?? `#${r.serial}`;
    for (const a of attachmentsByNode.get(r.node.id) ?? []) {
      // Without a document date, the day it was added (local calendar, as the user saw it).
      const date = a.doc_date ?? localIsoDate(new Date(a.added_at));
      pending.push({ row: a, nodeId: r.node.id, name: packageFileName(path, a.type, date, a.original_name), date });
    }
  }
  const unique = uniqueNames(pending.map((p) => p.name));
  const namesByNode = new Map<string, { no: string; type: string; originalName: string }[]>();
  pending.forEach((p, i) => {
    const list = namesByNode.get(p.nodeId) ?? [];
    list.push({ no: unique[i] ?? p.name, type: p.row.type, originalName: p.row.original_name });
    namesByNode.set(p.nodeId, list);
  });

  const measures: LedgerMeasure[] = rows.map((r) => {
    const node = r.node;
    const m = r.measure;
    const t = tracking.get(node.id);
    const progressText = latestNote.get(node.id) ?? m.statusText;
    return {
      id: node.id,
      planId,
      seq: r.serial,
      path: paths.get(node)?.path ?? `#${r.serial}`,
      marker: r.marker,
      heading: node.heading,
      body: node.body,
      problem: { key: r.groupKey, category: r.category === '' ? null : r.category, text: r.problemText },
      sectionHeading: nodes.find((s) => containsNode(s, node.id))?.heading ?? null,
      leader: m.leader,
      department: m.department,
      cooperating: m.cooperating,
      person: m.person,
      deadline: m.deadline,
      deadlineKind: m.deadlineKind,
      deadlineDate: m.deadlineDate,
      originalDeadline: originalDeadline.get(node.id) ?? null,
      status: m.status,
      statusLabel: STATUS_LABELS[m.status],
      progressText,
      statusText: m.statusText,
      closedBy: t?.closed_by ?? null,
      closedOn: t?.closed_on ?? null,
      evidenceCount: namesByNode.get(node.id)?.length ?? 0,
      evidenceList: namesByNode.get(node.id) ?? [],
      lastEventDate: lastEventDate.get(node.id) ?? null,
      cells: {},
    };
  });
  const byId = new Map(measures.map((m) => [m.id, m]));

  const extras = (row: LedgerRow<StoredNode>): Partial<Record<LedgerColumnId, string>> => {
    const m = byId.get(row.node.id);
    if (!m) return {};
    const out: Partial<Record<LedgerColumnId, string>> = {
      progress: m.progressText ? `${m.statusLabel}。${m.progressText}` : m.statusLabel,
      evidence: m.evidenceList.map((e) => e.no).join('\n'),
      closed: m.status === 'closed' ? ['是', [m.closedBy, m.closedOn].filter(Boolean).join('，')].filter((s) => s !== '').join('\n') : '否',
    };
    const remarks: string[] = [];
    if (m.originalDeadline !== null && m.originalDeadline !== m.deadline) {
      remarks.push(`原时限：${m.originalDeadline}；现时限：${m.deadline ?? ''}`);
      const reason = lastReason.get(m.id);
      if (reason) remarks.push(`调整原因：${reason}`);
    }
    if (m.cooperating.length > 0) remarks.push(`配合部门：${m.cooperating.join('、')}`);
    out.remark = remarks.join('\n');
    return out;
  };

  const columnIds = LEDGER_COLUMN_SETS[columnSet]?.columns ?? LEDGER_COLUMN_SETS.E!.columns;
  const table = buildLedger<StoredNode>({ sections: nodes, problems, level3Numbering }, { columns: columnIds, extras });
  for (const tr of table.rows) {
    const m = byId.get(tr.row.node.id);
    if (!m) continue;
    for (const c of table.columns) m.cells[c.id] = c.value(tr.row);
  }

  const packaged: PackagedAttachment[] = pending.map((p, i) => ({
    row: p.row,
    measure: byId.get(p.nodeId)!,
    fileName: unique[i] ?? p.name,
    date: p.date,
  }));

  return {
    ledger: {
      planId,
      planTitle: plan.title,
      title: ledgerTitle(plan.title),
      columnSet,
      columns: table.columns.map((c) => ({ key: c.id, label: c.label, width: c.weight })),
      measures,
      counts: reportCounts(measures),
    },
    table,
    nodes,
    problems,
    attachments: packaged,
    level3Numbering,
    planTitle: plan.title,
  };
}

function containsNode(root: StoredNode, id: string): boolean {
  if (root.id === id) return true;
  return root.children.some((c) => containsNode(c, id));
}
