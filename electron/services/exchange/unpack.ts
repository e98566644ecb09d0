import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { PackageInfo } from '../../../shared/api/exchange.ts';
import type { ZipSource } from '../files/bounded-zip.ts';
import type { StoredBlob } from '../evidence/blob-store.ts';
import { newId } from '../ids.ts';
import { editPlan } from '../history/edit.ts';
import { cached } from '../history/plan-state.ts';
import { childIds, writePositions } from '../outline/node-rows.ts';
import { createRevision } from '../revisions/revisions.ts';
import { noteNames } from '../directory/directory.ts';
import { planRows } from './pack.ts';
import { attachmentSignature, eventSignature, packageDifferences, PlanSide } from './package-diff.ts';
import { discardBlobs, readPackage, storePackageBlobs, type ValidPackage } from './package-read.ts';
import type { PlanRows, Row } from './package-format.ts';

/**
 * 导入方案包: a plan this workbook does not have is added as it is (same ids, so a later package of
 * the same plan is recognised); one it has is compared — the user keeps both (the package as a new plan
 * with new ids) or takes the package's side of the differences they choose (default: where the package
 * is newer), as one undo step after a 导入前 revision. Nothing is written before the whole file checks out.
 */

export interface UnpackContext {
  db: Db;
  dataDir: string;
}

const columnsCache = new WeakMap<Db, Map<string, Set<string>>>();

/** The columns a table has here (a package from an older schema lacks some; a newer one is refused). */
function columnsOf(db: Db, table: string): Set<string> {
  let map = columnsCache.get(db);
  if (!map) {
    map = new Map();
    columnsCache.set(db, map);
  }
  let cols = map.get(table);
  if (!cols) {
    cols = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    map.set(table, cols);
  }
  return cols;
}

function insertRow(db: Db, table: string, row: Row, skip: readonly string[] = []): void {
  const known = columnsOf(db, table);
  const cols = Object.keys(row).filter((c) => known.has(c) && !skip.includes(c));
  cached(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
    ...cols.map((c) => {
      const v = row[c];
      return v === undefined ? null : (v as string | number | null);
    }),
  );
}

function updateRow(db: Db, table: string, key: string, row: Row): void {
  const known = columnsOf(db, table);
  const cols = Object.keys(row).filter((c) => known.has(c) && c !== key);
  if (cols.length === 0) return;
  cached(db, `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${key} = ?`).run(
    ...cols.map((c) => (row[c] ?? null) as string | number | null),
    row[key] as string,
  );
}

function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function planExists(db: Db, planId: string): boolean {
  return db.prepare('SELECT 1 FROM plans WHERE id = ?').get(planId) !== undefined;
}

/** Parents before children, in the package's order otherwise. */
function topological(nodes: PlanRows['nodes']): PlanRows['nodes'] {
  const byParent = new Map<string | null, PlanRows['nodes']>();
  for (const n of nodes) {
    const list = byParent.get(n.parent_id) ?? [];
    list.push(n);
    byParent.set(n.parent_id, list);
  }
  const out: PlanRows['nodes'] = [];
  const walk = (parent: string | null): void => {
    for (const n of byParent.get(parent) ?? []) {
      out.push(n);
      walk(n.id);
    }
  };
  walk(null);
  return out;
}

function noteDirectory(db: Db, rows: PlanRows): void {
  noteNames(db, 'person', rows.measures.flatMap((m) => [m.leader, m.person]).filter((v): v is string => typeof v === 'string' && v !== ''));
  noteNames(db, 'department', rows.measures.map((m) => m.department).filter((v): v is string => typeof v === 'string' && v !== ''));
}

/** Inserts the whole plan; `ids` maps the package's ids to the ones written (identity for a new plan). Also 从备份恢复方案 (backup/restore-plan.ts). */
export function insertPlan(db: Db, rows: PlanRows, ids: (id: string) => string, title: string): void {
  const planId = ids(rows.plan.id);
  // 归档 is where the plan sat on the other PC's list, not part of the plan: it arrives in the list.
  insertRow(db, 'plans', { ...rows.plan, id: planId, title }, ['archived_at']);
  for (const n of topological(rows.nodes)) insertRow(db, 'nodes', { ...n, id: ids(n.id), plan_id: planId, parent_id: n.parent_id === null ? null : ids(n.parent_id) });
  for (const m of rows.measures) insertRow(db, 'measures', { ...m, node_id: ids(m.node_id) });
  for (const p of rows.problems) insertRow(db, 'problems', { ...p, id: ids(p.id), plan_id: planId });
  for (const l of rows.problemMeasures) insertRow(db, 'problem_measures', { problem_id: ids(l.problem_id), node_id: ids(l.node_id) });
  for (const e of rows.statusEvents) insertRow(db, 'status_events', { ...e, node_id: ids(e.node_id) }, ['id']);
  insertAttachments(db, rows.attachments, rows, ids);
  for (const r of rows.revisions) insertRow(db, 'revisions', { plan_id: planId, created_at: r.created_at, reason: r.reason, snapshot: remapSnapshot(r.snapshot, ids) });
  noteDirectory(db, rows);
}

function insertAttachments(db: Db, list: readonly Row[], rows: PlanRows, ids: (id: string) => string): void {
  const blobs = new Map(rows.blobs.map((b) => [b.sha256, b]));
  for (const a of list) {
    const blob = blobs.get(String(a.sha256))!;
    cached(db, 'INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)').run(blob.sha256, blob.size, blob.mime, blob.created_at);
    // An attachment id can survive here as a removed row of a deleted copy of this plan: the import gets a fresh one.
    const taken = cached(db, 'SELECT 1 FROM attachments WHERE id = ?').get(String(a.id)) !== undefined;
    insertRow(db, 'attachments', { ...a, id: taken ? newId() : String(a.id), node_id: ids(String(a.node_id)), removed_at: null });
  }
}

/** A revision's snapshot with the copy's ids (nodes and problems in it are named by id). */
function remapSnapshot(snapshot: string, ids: (id: string) => string): string {
  let value: unknown;
  try {
    value = JSON.parse(snapshot) as unknown;
  } catch {
    return snapshot;
  }
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.id === 'string') o.id = ids(o.id);
      for (const child of Object.values(o)) walk(child);
    }
  };
  walk(value);
  return JSON.stringify(value);
}

async function withBlobs<T>(ctx: UnpackContext, pkg: ValidPackage, shas: ReadonlySet<string>, write: () => T): Promise<T> {
  const blobs: StoredBlob[] = shas.size > 0 ? await storePackageBlobs(ctx.dataDir, pkg, shas) : [];
  let result: T;
  try {
    result = write();
  } catch (err) {
    await discardBlobs(ctx.dataDir, blobs);
    throw err;
  }
  for (const b of blobs) b.release();
  return result;
}

export async function inspectPackage(ctx: UnpackContext, source: ZipSource, name: string): Promise<PackageInfo> {
  const pkg = await readPackage(source, name, schemaVersion(ctx.db));
  const exists = planExists(ctx.db, pkg.rows.plan.id);
  return {
    planId: pkg.rows.plan.id,
    title: String(pkg.rows.plan.title),
    createdAt: pkg.manifest.createdAt,
    measures: pkg.rows.nodes.filter((n) => n.kind === 'measure').length,
    attachments: pkg.rows.attachments.length,
    revisions: pkg.rows.revisions.length,
    exists,
    differences: exists ? packageDifferences(new PlanSide(planRows(ctx.db, pkg.rows.plan.id)), new PlanSide(pkg.rows)) : [],
  };
}

export interface UnpackResult {
  planId: string;
  created: boolean;
  differences: number;
  applied: number;
  title: string;
}

export async function unpackPackage(
  ctx: UnpackContext,
  source: ZipSource,
  name: string,
  options: { mode: 'auto' | 'copy' | 'merge'; take?: readonly string[] | undefined },
): Promise<UnpackResult> {
  const pkg = await readPackage(source, name, schemaVersion(ctx.db));
  const rows = pkg.rows;
  const planId = rows.plan.id;
  const title = String(rows.plan.title);
  const allBlobs = new Set(rows.attachments.map((a) => String(a.sha256)));
  const exists = planExists(ctx.db, planId);
  if (!exists && options.mode !== 'copy') {
    await withBlobs(ctx, pkg, allBlobs, () => ctx.db.transaction(() => insertPlan(ctx.db, rows, (id) => id, title))());
    return { planId, created: true, differences: 0, applied: 0, title };
  }
  if (options.mode === 'copy') {
    const fresh = new Map<string, string>();
    const ids = (id: string): string => {
      let v = fresh.get(id);
      if (!v) {
        v = newId();
        fresh.set(id, v);
      }
      return v;
    };
    const copyTitle = exists ? `${title}（方案包导入）` : title;
    await withBlobs(ctx, pkg, allBlobs, () => ctx.db.transaction(() => insertPlan(ctx.db, rows, ids, copyTitle))());
    return { planId: ids(planId), created: true, differences: 0, applied: 0, title: copyTitle };
  }
  const local = new PlanSide(planRows(ctx.db, planId));
  const incoming = new PlanSide(rows);
  const differences = packageDifferences(local, incoming);
  if (options.mode === 'auto') return { planId, created: false, differences: differences.length, applied: 0, title: String(local.rows.plan.title) };
  const wanted = options.take ? new Set(options.take) : new Set(differences.filter((d) => d.newer === 'package').map((d) => d.nodeId));
  const taken = differences.filter((d) => d.choosable && wanted.has(d.nodeId));
  if (taken.length === 0) return { planId, created: false, differences: differences.length, applied: 0, title: String(local.rows.plan.title) };
  const nodeIds = new Set(taken.filter((d) => d.kind !== 'header').map((d) => d.nodeId));
  // Evidence the taken measures bring that this computer lacks.
  const newAttachments = rows.attachments.filter((a) => {
    if (!nodeIds.has(String(a.node_id))) return false;
    const have = new Set((local.attachments.get(String(a.node_id)) ?? []).map(attachmentSignature));
    return !have.has(attachmentSignature(a));
  });
  const shas = new Set(newAttachments.map((a) => String(a.sha256)));
  await withBlobs(ctx, pkg, shas, () =>
    ctx.db.transaction(() => {
      createRevision(ctx.db, planId, '导入前');
      editPlan(ctx.db, { planId, expectedVersion: null, label: '导入方案包' }, () => {
        mergeInto(ctx.db, local, incoming, taken.some((d) => d.kind === 'header'), nodeIds, newAttachments);
      });
    })(),
  );
  return { planId, created: false, differences: differences.length, applied: taken.length, title: String(rows.plan.title) };
}

/** Takes the package's side: the header (and its problem list), and the chosen nodes with their records. */
function mergeInto(db: Db, local: PlanSide, incoming: PlanSide, header: boolean, nodeIds: ReadonlySet<string>, newAttachments: readonly Row[]): void {
  const rows = incoming.rows;
  const planId = rows.plan.id;
  if (header) {
    const p = rows.plan;
    cached(db, 'UPDATE plans SET title = ?, addressee = ?, issuer = ?, doc_date = ?, preamble = ?, attachments = ? WHERE id = ?').run(
      p.title,
      (p.addressee ?? null) as string | null,
      (p.issuer ?? null) as string | null,
      (p.doc_date ?? null) as string | null,
      (p.preamble ?? '[]') as string,
      (p.attachments ?? '[]') as string,
      planId,
    );
    if (columnsOf(db, 'plans').has('notice')) cached(db, 'UPDATE plans SET notice = ? WHERE id = ?').run((p.notice ?? null) as string | null, planId);
  }
  // Problems: the package's list when the header is taken; else only those the taken measures link to.
  const localProblems = new Set(local.rows.problems.map((p) => p.id));
  const neededProblems = new Set(rows.problemMeasures.filter((l) => nodeIds.has(l.node_id)).map((l) => l.problem_id));
  for (const p of rows.problems) {
    if (localProblems.has(p.id)) {
      if (header) updateRow(db, 'problems', 'id', { ...p });
    } else if (header || neededProblems.has(p.id)) {
      // A key taken by another problem of this plan since: the package's problem gets a fresh one.
      const keyTaken = cached(db, 'SELECT 1 FROM problems WHERE plan_id = ? AND key = ?').get(planId, p.key) !== undefined;
      insertRow(db, 'problems', { ...p, key: keyTaken ? `${p.key}-${p.id.slice(0, 8)}` : p.key });
    }
  }
  const existing = (id: string) => cached(db, 'SELECT plan_id FROM nodes WHERE id = ?').get(id) as { plan_id: string } | undefined;
  for (const n of topological(rows.nodes)) {
    if (!nodeIds.has(n.id)) continue;
    const here = existing(n.id);
    if (here && here.plan_id !== planId) continue;
    const parent = n.parent_id !== null && existing(n.parent_id)?.plan_id === planId ? n.parent_id : null;
    if (!here) {
      const siblings = childIds(db, planId, parent);
      const index = Math.min(n.position, siblings.length);
      insertRow(db, 'nodes', { ...n, parent_id: parent, position: index });
      siblings.splice(index, 0, n.id);
      writePositions(db, siblings);
    } else {
      cached(db, 'UPDATE nodes SET kind = ?, heading = ?, body = ?, style = ? WHERE id = ?').run(n.kind, String(n.heading), String(n.body), String(n.style), n.id);
      const current = cached(db, 'SELECT parent_id FROM nodes WHERE id = ?').get(n.id) as { parent_id: string | null };
      if (current.parent_id !== parent && parent !== null) {
        const old = childIds(db, planId, current.parent_id).filter((id) => id !== n.id);
        const siblings = childIds(db, planId, parent);
        cached(db, 'UPDATE nodes SET parent_id = ? WHERE id = ?').run(parent, n.id);
        writePositions(db, old);
        writePositions(db, [...siblings, n.id]);
      }
    }
    const m = incoming.measures.get(n.id);
    if (m) {
      if (cached(db, 'SELECT 1 FROM measures WHERE node_id = ?').get(n.id)) updateRow(db, 'measures', 'node_id', { ...m });
      else insertRow(db, 'measures', { ...m });
    }
    const have = new Set((local.events.get(n.id) ?? []).map(eventSignature));
    for (const e of incoming.events.get(n.id) ?? []) if (!have.has(eventSignature(e))) insertRow(db, 'status_events', { ...e }, ['id']);
    for (const l of rows.problemMeasures) {
      if (l.node_id === n.id) cached(db, 'INSERT OR IGNORE INTO problem_measures (problem_id, node_id) VALUES (?, ?)').run(l.problem_id, n.id);
    }
  }
  insertAttachments(db, newAttachments, rows, (id) => id);
  noteDirectory(db, { ...rows, measures: rows.measures.filter((m) => nodeIds.has(m.node_id)) });
}

/** A package named in a call: a path (CLI, desktop) or its bytes (browser). */
export function packageSource(input: { path?: string | undefined; dataBase64?: string | undefined; fileName?: string | undefined }): { source: ZipSource; name: string } {
  if (input.path) return { source: { path: input.path }, name: input.fileName ?? input.path.split(/[\\/]/).pop() ?? input.path };
  if (input.dataBase64 !== undefined) return { source: Buffer.from(input.dataBase64, 'base64'), name: input.fileName ?? '方案包.rectify' };
  throw new AppError('bad_input', '请选择要导入的方案包（.rectify）');
}
