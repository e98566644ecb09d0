import type { Db } from '../store/database.ts';
import type { BlobProblem, VerifyResult } from '../../../shared/api/evidence.ts';
import { getPlan } from '../plans/plan-repository.ts';
import { measurePaths } from '../../../shared/progress/paths.ts';
import { deleteBlob, hashBlob, isPinned, scanStore } from './blob-store.ts';

export interface MaintenanceContext {
  db: Db;
  dataDir: string;
}

const DAY_MS = 86_400_000;
/** Removed attachments stay restorable this long before the maintenance step purges them. */
export const REMOVED_GRACE_DAYS = 30;
/** A file in the store that no row knows about may belong to an attach still finishing in another process. */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;

/**
 * Blobs something other than a live attachment row can still bring back: an undo step that would
 * re-insert an attachment (deleted with its measure before this version, or purged after the grace),
 * or a revision snapshot that names one. Their files must stay.
 */
export function blobsStillNeeded(db: Db): Set<string> {
  const keep = new Set<string>();
  const fromHistory = db
    .prepare(
      `SELECT DISTINCT json_extract(c.value, '$.b.sha256') AS b, json_extract(c.value, '$.a.sha256') AS a
       FROM edit_history h, json_each(h.diff) c
       WHERE instr(h.diff, '"attachments"') > 0 AND json_extract(c.value, '$.t') = 'attachments'`,
    )
    .all() as { b: unknown; a: unknown }[];
  for (const r of fromHistory) for (const v of [r.b, r.a]) if (typeof v === 'string') keep.add(v);
  const fromRevisions = db
    .prepare(`SELECT DISTINCT t.value AS sha FROM revisions r, json_tree(r.snapshot) t WHERE instr(r.snapshot, '"sha256"') > 0 AND t.key = 'sha256'`)
    .all() as { sha: unknown }[];
  for (const r of fromRevisions) if (typeof r.sha === 'string') keep.add(r.sha);
  return keep;
}

/**
 * Evidence garbage collection, the maintenance step the desktop app runs at start (with the cleaning
 * of leftover temporary files) and `rectify doctor --clean` runs on demand:
 * 1. attachments removed more than `purgeRemovedDays` (default 30) ago are purged — removing one, or
 *    deleting its measure or plan, only marks it removed, so undo can bring it back meanwhile;
 * 2. a blob is deleted only when no attachment row (removed or not), no undo step and no revision
 *    refers to it — undo of a deletion must find its files;
 * 3. files in the store that no blob row knows (a crash between rename and insert) are deleted.
 */
export async function collectGarbage(
  ctx: MaintenanceContext,
  options: { purgeRemovedDays?: number; now?: number } = {},
): Promise<{ removedBlobs: number; freedBytes: number }> {
  const now = options.now ?? Date.now();
  const cutoff = new Date(now - (options.purgeRemovedDays ?? REMOVED_GRACE_DAYS) * DAY_MS).toISOString();
  const unreferenced = ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM attachments WHERE removed_at IS NOT NULL AND removed_at <= ?').run(cutoff);
    const needed = blobsStillNeeded(ctx.db);
    const rows = ctx.db
      .prepare('SELECT sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)')
      .all() as { sha256: string }[];
    const del = ctx.db.prepare('DELETE FROM blobs WHERE sha256 = ?');
    const out: string[] = [];
    for (const r of rows) {
      if (needed.has(r.sha256) || isPinned(r.sha256)) continue;
      del.run(r.sha256);
      out.push(r.sha256);
    }
    return out;
  })();
  let removedBlobs = 0;
  let freedBytes = 0;
  // Rows first, files second: a crash in between leaves a stray file (collected next time), never a dangling row.
  for (const sha of unreferenced) {
    freedBytes += await deleteBlob(ctx.dataDir, sha);
    removedBlobs++;
  }
  const known = new Set((ctx.db.prepare('SELECT sha256 FROM blobs').all() as { sha256: string }[]).map((r) => r.sha256));
  const { blobs } = await scanStore(ctx.dataDir);
  for (const [sha, info] of blobs) {
    if (known.has(sha) || isPinned(sha) || now - info.mtimeMs < ORPHAN_GRACE_MS) continue;
    freedBytes += await deleteBlob(ctx.dataDir, sha);
    removedBlobs++;
  }
  return { removedBlobs, freedBytes };
}

interface BlobRefRow {
  attachment_id: string;
  node_id: string;
  plan_id: string | null;
  plan_title: string | null;
  heading: string | null;
  original_name: string;
  removed_at: string | null;
}

/**
 * Re-hashes every blob (streaming) and reports the ones that are missing or whose bytes no longer
 * match their SHA-256 — and attachments whose blob is gone from the table — with every plan, measure
 * (by numbering path) and original name that uses them.
 */
export async function verifyStore(
  ctx: MaintenanceContext,
  onProgress?: (p: { checked: number; total: number }) => void,
): Promise<VerifyResult> {
  const blobs = ctx.db.prepare('SELECT sha256, size FROM blobs ORDER BY created_at, sha256').all() as { sha256: string; size: number }[];
  const bad: { sha256: string; state: 'missing' | 'altered' }[] = [];
  let bytes = 0;
  let checked = 0;
  for (const b of blobs) {
    const actual = await hashBlob(ctx.dataDir, b.sha256);
    if (actual === null) bad.push({ sha256: b.sha256, state: 'missing' });
    else {
      bytes += actual.size;
      if (actual.sha256 !== b.sha256 || actual.size !== b.size) bad.push({ sha256: b.sha256, state: 'altered' });
    }
    checked++;
    onProgress?.({ checked, total: blobs.length });
  }
  const problems: BlobProblem[] = [];
  const pathCache = new Map<string, Map<string, string>>();
  const pathsOf = (planId: string): Map<string, string> => {
    let m = pathCache.get(planId);
    if (!m) {
      const plan = getPlan(ctx.db, planId);
      m = new Map();
      for (const [node, info] of measurePaths(plan.outline, { level3Numbering: plan.document.level3Numbering })) m.set(node.id, info.path);
      pathCache.set(planId, m);
    }
    return m;
  };
  // Rows that point at a blob the table no longer has (written while foreign keys were off, or by an
  // older version's maintenance): their file is as lost as a missing one.
  const rowless = ctx.db
    .prepare('SELECT DISTINCT a.sha256 FROM attachments a WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = a.sha256) ORDER BY a.sha256')
    .all() as { sha256: string }[];
  for (const r of rowless) bad.push({ sha256: r.sha256, state: 'missing' });
  const refs = ctx.db.prepare(
    `SELECT a.id AS attachment_id, a.node_id, n.plan_id, p.title AS plan_title, n.heading, a.original_name, a.removed_at
     FROM attachments a LEFT JOIN nodes n ON n.id = a.node_id LEFT JOIN plans p ON p.id = n.plan_id
     WHERE a.sha256 = ? ORDER BY a.added_at, a.rowid`,
  );
  for (const { sha256, state } of bad) {
    const rows = refs.all(sha256) as BlobRefRow[];
    problems.push({
      sha256,
      state,
      attachments: rows.map((r) =>
        r.plan_id === null
          ? {
              // The measure (or its plan) was deleted: the row waits out its grace period as removed.
              attachmentId: r.attachment_id,
              planId: '',
              planTitle: '',
              measureId: r.node_id,
              measurePath: '',
              measureHeading: '（措施已删除）',
              originalName: r.original_name,
              removed: true,
            }
          : {
              attachmentId: r.attachment_id,
              planId: r.plan_id,
              planTitle: r.plan_title ?? '',
              measureId: r.node_id,
              measurePath: pathsOf(r.plan_id).get(r.node_id) ?? '',
              measureHeading: r.heading ?? '',
              originalName: r.original_name,
              removed: r.removed_at !== null,
            },
      ),
    });
  }
  return { ok: problems.length === 0, checked, bytes, problems };
}
