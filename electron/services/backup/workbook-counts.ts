import type { Db } from '../store/db.ts';

/**
 * What a workbook holds, in the words of the backup list: plans (the user's own — not the working
 * plans of 修改模板内容), their measures, their attachments, and every evidence file the database
 * names. Works on any schema version a backup may have (before-migration copies are older).
 */

export interface WorkbookCounts {
  plans: number;
  measures: number;
  attachments: number;
  updatedAt: string | null;
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** SQL for the ids of the user's own plans. */
function userPlans(db: Db): string {
  return hasTable(db, 'template_drafts') ? 'SELECT id FROM plans WHERE id NOT IN (SELECT plan_id FROM template_drafts)' : 'SELECT id FROM plans';
}

export function countWorkbook(db: Db): WorkbookCounts {
  const mine = userPlans(db);
  const one = (sql: string): number => Number((db.prepare(sql).get() as { n: number | bigint }).n);
  const updated = db.prepare(`SELECT max(updated_at) AS t FROM plans WHERE id IN (${mine})`).get() as { t: string | null };
  return {
    plans: one(`SELECT count(*) AS n FROM (${mine})`),
    measures: one(`SELECT count(*) AS n FROM nodes WHERE kind = 'measure' AND plan_id IN (${mine})`),
    attachments: one(
      `SELECT count(*) AS n FROM attachments a JOIN nodes n ON n.id = a.node_id WHERE a.removed_at IS NULL AND n.plan_id IN (${mine})`,
    ),
    updatedAt: updated.t,
  };
}

/** Every evidence file the database names (attachments, undo steps and revisions all point into this table). */
export function evidenceBlobs(db: Db): { sha256: string; size: number }[] {
  return (db.prepare('SELECT sha256, size FROM blobs ORDER BY sha256').all() as { sha256: string; size: number | bigint }[]).map((r) => ({
    sha256: r.sha256,
    size: Number(r.size),
  }));
}
