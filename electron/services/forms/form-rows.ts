import type { Db } from '../store/database.ts';
import type { StoredNode } from '../../../shared/api/plans.ts';
import { splitDepartments } from '../../../shared/forms/names.ts';
import { numberingPaths } from '../../../shared/progress/paths.ts';
import { loadLedger } from '../progress/ledger-data.ts';
import { listProblems } from '../outline/problems.ts';
import { PROGRESS_KEY_COLUMNS } from './form-columns.ts';
import { measureVersions, shortHash } from './measure-version.ts';

/**
 * What goes on each department's form: for a 进展填报表 the measures it is responsible for (as the 台账
 * shows them), for a 征求措施表 the problems assigned to it.
 */

export interface ProgressFormRow {
  id: string;
  version: string;
  path: string;
  problem: string;
  measure: string;
  leader: string;
  deadline: string;
  /** 当前状态 as printed */
  current: string;
  departments: string[];
}

/** The check of a row's locked cells: a department that edits one is told about it on return. */
export function keyCellsHash(values: Record<string, string>, keys: readonly string[]): string {
  return shortHash(keys.map((k) => (values[k] ?? '').replace(/\s+/g, '')));
}

export function progressKeyHash(row: Record<string, string>): string {
  return keyCellsHash(row, PROGRESS_KEY_COLUMNS);
}

export function progressRows(db: Db, planId: string): { title: string; rows: ProgressFormRow[] } {
  const loaded = loadLedger(db, planId, 'E');
  const versions = measureVersions(db, planId);
  return {
    title: loaded.planTitle,
    rows: loaded.ledger.measures.map((m) => ({
      id: m.id,
      version: versions.get(m.id) ?? '',
      path: m.path,
      problem: m.problem.text,
      measure: m.cells.measure ?? m.heading,
      leader: m.leader ?? '',
      deadline: m.deadline ?? '',
      current: m.statusLabel,
      departments: splitDepartments(m.department),
    })),
  };
}

/**
 * A problem a 征求措施表 asks measures for: one of the plan's 问题清单, or — in a plan without one — a
 * section with no sections below it (a 关于“…”的问题 heading, a 方面).
 */
export interface ProposalTarget {
  /** problem:<problem id> or section:<node id> */
  key: string;
  /** 问题编号 printed on the form */
  path: string;
  text: string;
  /** departments of the measures that already answer it */
  departments: string[];
}

function collectMeasures(node: StoredNode, out: StoredNode[]): void {
  if (node.kind === 'measure') out.push(node);
  for (const c of node.children) collectMeasures(c, out);
}

export function proposalTargets(db: Db, planId: string): { title: string; targets: ProposalTarget[] } {
  const loaded = loadLedger(db, planId, 'E');
  const departmentsById = new Map(loaded.ledger.measures.map((m) => [m.id, splitDepartments(m.department)]));
  const problems = listProblems(db, planId);
  if (problems.length > 0) {
    return {
      title: loaded.planTitle,
      targets: problems.map((p, i) => ({
        key: `problem:${p.id}`,
        path: String(i + 1),
        text: p.category ? `【${p.category}】${p.text}` : p.text,
        departments: [...new Set(p.nodeIds.flatMap((id) => departmentsById.get(id) ?? []))],
      })),
    };
  }
  const leafSections = new Set<StoredNode>();
  const visit = (nodes: readonly StoredNode[]): void => {
    for (const n of nodes) {
      if (n.kind === 'section' && !n.children.some((c) => c.kind === 'section')) leafSections.add(n);
      visit(n.children);
    }
  };
  visit(loaded.nodes);
  const paths = numberingPaths(loaded.nodes, { level3Numbering: loaded.level3Numbering }, (n) => leafSections.has(n));
  return {
    title: loaded.planTitle,
    targets: [...paths.entries()].map(([node, info]) => {
      const measures: StoredNode[] = [];
      collectMeasures(node, measures);
      return {
        key: `section:${node.id}`,
        path: info.path,
        text: node.heading,
        departments: [...new Set(measures.flatMap((m) => departmentsById.get(m.id) ?? []))],
      };
    }),
  };
}

/** A department's problems: those its measures already answer; all of them when it answers none yet. */
export function targetsFor(targets: readonly ProposalTarget[], department: string): ProposalTarget[] {
  const own = targets.filter((t) => t.departments.includes(department));
  return own.length > 0 ? own : [...targets];
}

/** Every 责任部门 in outline order of first appearance. */
export function planDepartments(rows: readonly { departments: string[] }[]): string[] {
  return [...new Set(rows.flatMap((r) => r.departments))];
}
