import { rm, stat } from 'node:fs/promises';
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
/** A file in the store that no row knows about may belong to an attach still finishing in another process. */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;

/**
 * The maintenance step: purge attachments removed more than `purgeRemovedDays` ago (undo is no longer
 * offered for them), then delete blobs no attachment references, files in the store that no blob row
 * knows (left by a crash between rename and insert), and stale temp files.
 */
export async function collectGarbage(
  ctx: MaintenanceContext,
  options: { purgeRemovedDays?: number; now?: number } = {},
): Promise<{ removedBlobs: number; freedBytes: number; removedTempFiles: number }> {
  const now = options.now ?? Date.now();
  const cutoff = new Date(now - (options.purgeRemovedDays ?? 30) * DAY_MS).toISOString();
  const unreferenced = ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM attachments WHERE removed_at IS NOT NULL AND removed_at <= ?').run(cutoff);
    const rows = ctx.db
      .prepare('SELECT sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)')
      .all() as { sha256: string }[];
    const del = ctx.db.prepare('DELETE FROM blobs WHERE sha256 = ?');
    const out: string[] = [];
    for (const r of rows) {
      if (isPinned(r.sha256)) continue;
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
  const { blobs, temps } = await scanStore(ctx.dataDir);
  for (const [sha, info] of blobs) {
    if (known.has(sha) || isPinned(sha) || now - info.mtimeMs < ORPHAN_GRACE_MS) continue;
    freedBytes += await deleteBlob(ctx.dataDir, sha);
    removedBlobs++;
  }
  let removedTempFiles = 0;
  for (const t of temps) {
    try {
      const st = await stat(t);
      if (now - st.mtimeMs < DAY_MS) continue;
      await rm(t, { force: true });
      freedBytes += st.size;
      removedTempFiles++;
    } catch {
      // already gone
    }
  }
  return { removedBlobs, freedBytes, removedTempFiles };
}

interface BlobRefRow {
  sha256: string;
  size: number;
  attachment_id: string | null;
  node_id: string | null;
  plan_id: string | null;
  plan_title: string | null;
  heading: string | null;
  original_name: string | null;
  removed_at: string | null;
}

/**
 * Re-hashes every blob (streaming) and reports the ones that are missing or whose bytes no longer
 * match their SHA-256, with every plan, measure (by numbering path) and original name that uses them.
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
  const refs = ctx.db.prepare(
    `SELECT b.sha256, b.size, a.id AS attachment_id, a.node_id, n.plan_id, p.title AS plan_title, n.heading, a.original_name, a.removed_at
     FROM blobs b LEFT JOIN attachments a ON a.sha256 = b.sha256 LEFT JOIN nodes n ON n.id = a.node_id LEFT JOIN plans p ON p.id = n.plan_id
     WHERE b.sha256 = ? ORDER BY a.added_at, a.rowid`,
  );
  for (const { sha256, state } of bad) {
    const rows = refs.all(sha256) as BlobRefRow[];
    problems.push({
      sha256,
      state,
      attachments: rows
        .filter((r) => r.attachment_id !== null && r.plan_id !== null)
        .map((r) => ({
          attachmentId: r.attachment_id ?? '',
          planId: r.plan_id ?? '',
          planTitle: r.plan_title ?? '',
          measureId: r.node_id ?? '',
          measurePath: pathsOf(r.plan_id ?? '').get(r.node_id ?? '') ?? '',
          measureHeading: r.heading ?? '',
          originalName: r.original_name ?? '',
          removed: r.removed_at !== null,
        })),
    });
  }
  return { ok: problems.length === 0, checked, bytes, problems };
}
