import type { Db } from '../store/database.ts';
import type { NodeKind, NodeStyle } from '../../../shared/domain/document.ts';
import { measurePaths, nodePaths } from '../../../shared/progress/paths.ts';

/**
 * Numbering paths (三-1-2) of every node of some plans, read from the outline's shape alone (no
 * texts): what the home page's due lists and search hits name their measures by.
 */

interface SkeletonNode {
  id: string;
  kind: NodeKind;
  style: NodeStyle;
  children: SkeletonNode[];
}

interface SkeletonRow {
  id: string;
  plan_id: string;
  parent_id: string | null;
  kind: NodeKind;
  style: string;
}

export interface PlanPaths {
  /** node id → path; a measure without any number is "#n" as in the ledger, other unnumbered nodes '' */
  paths: Map<string, string>;
  /** node ids in outline order */
  order: string[];
}

export interface PlanShape {
  id: string;
  /** the plan's settings JSON (level3Numbering) */
  settings: string;
  /** the plan's version: every change of its outline raises it, so paths are kept per version */
  version: number;
}

function level3Numbering(settings: string): 'restart' | 'continuous' {
  try {
    return (JSON.parse(settings) as { level3Numbering?: unknown }).level3Numbering === 'continuous' ? 'continuous' : 'restart';
  } catch {
    return 'restart';
  }
}

/**
 * Computed paths per workbook and plan, valid for one plan version (the search and the home page ask
 * again and again while nothing changes). A change made by another process raises the version too.
 */
const cache = new WeakMap<Db, Map<string, { version: number; value: PlanPaths }>>();
const CACHE_PLANS = 500;

export function planPaths(db: Db, plans: readonly PlanShape[]): Map<string, PlanPaths> {
  let known = cache.get(db);
  if (!known) cache.set(db, (known = new Map()));
  const out = new Map<string, PlanPaths>();
  const missing: PlanShape[] = [];
  for (const plan of plans) {
    const hit = known.get(plan.id);
    if (hit && hit.version === plan.version) out.set(plan.id, hit.value);
    else missing.push(plan);
  }
  if (missing.length === 0) return out;
  if (known.size + missing.length > CACHE_PLANS) known.clear();
  for (const [id, value] of computePaths(db, missing)) {
    out.set(id, value);
    known.set(id, { version: missing.find((p) => p.id === id)!.version, value });
  }
  return out;
}

function computePaths(db: Db, plans: readonly PlanShape[]): Map<string, PlanPaths> {
  const out = new Map<string, PlanPaths>();
  if (plans.length === 0) return out;
  const rows = db
    .prepare('SELECT id, plan_id, parent_id, kind, style FROM nodes WHERE plan_id IN (SELECT value FROM json_each(?)) ORDER BY plan_id, position, rowid')
    .all(JSON.stringify(plans.map((p) => p.id))) as SkeletonRow[];
  const byPlan = new Map<string, SkeletonRow[]>();
  for (const r of rows) {
    const list = byPlan.get(r.plan_id) ?? [];
    list.push(r);
    byPlan.set(r.plan_id, list);
  }
  for (const plan of plans) {
    const list = byPlan.get(plan.id) ?? [];
    const nodes = new Map<string, SkeletonNode>();
    for (const r of list) nodes.set(r.id, { id: r.id, kind: r.kind, style: JSON.parse(r.style) as NodeStyle, children: [] });
    const roots: SkeletonNode[] = [];
    for (const r of list) {
      const node = nodes.get(r.id)!;
      const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    const options = { level3Numbering: level3Numbering(plan.settings) };
    const paths = new Map<string, string>();
    const order: string[] = [];
    for (const [node, path] of nodePaths(roots, options)) {
      paths.set(node.id, path);
      order.push(node.id);
    }
    for (const [node, info] of measurePaths(roots, options)) paths.set(node.id, info.path);
    out.set(plan.id, { paths, order });
  }
  return out;
}
