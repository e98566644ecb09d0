import type { Db } from '../store/database.ts';
import type { MeasureHit } from '../../../shared/api/editor.ts';
import { measureFromRow, type MeasureRow } from '../outline/node-rows.ts';
import { emptyMeasure } from '../../../shared/domain/document.ts';

/**
 * 复用措施: find measures of other plans by words. Three characters and more go through the FTS5
 * trigram index (ranked by bm25); one or two characters cannot form a trigram, so they go to
 * instr() on the nodes table — the common case for Chinese (纪要, 整改).
 */

interface HitRow {
  id: string;
  plan_id: string;
  plan_title: string;
  heading: string;
  body: string;
}

function snippet(text: string, query: string): string {
  const at = text.indexOf(query);
  if (at < 0) return text.slice(0, 60);
  const start = Math.max(0, at - 20);
  const end = Math.min(text.length, at + query.length + 30);
  return (start > 0 ? '…' : '') + text.slice(start, at) + '【' + query + '】' + text.slice(at + query.length, end) + (end < text.length ? '…' : '');
}

export function searchMeasures(db: Db, query: string, excludePlanId: string | undefined, limit: number): MeasureHit[] {
  const q = query.trim();
  const exclude = excludePlanId ?? '';
  let rows: HitRow[];
  if ([...q].length >= 3) {
    rows = db
      .prepare(
        `SELECT n.id, n.plan_id, p.title AS plan_title, n.heading, n.body
         FROM measure_fts f JOIN nodes n ON n.rowid = f.rowid AND n.id = f.node_id JOIN plans p ON p.id = n.plan_id
         WHERE measure_fts MATCH ? AND n.kind = 'measure' AND n.plan_id <> ? AND n.plan_id NOT IN (SELECT plan_id FROM template_drafts)
         ORDER BY bm25(measure_fts), p.updated_at DESC LIMIT ?`,
      )
      .all(`"${q.replace(/"/g, '""')}"`, exclude, limit) as HitRow[];
  } else {
    rows = db
      .prepare(
        `SELECT n.id, n.plan_id, p.title AS plan_title, n.heading, n.body
         FROM nodes n JOIN plans p ON p.id = n.plan_id
         WHERE n.kind = 'measure' AND n.plan_id <> ? AND n.plan_id NOT IN (SELECT plan_id FROM template_drafts) AND (instr(n.heading, ?) > 0 OR instr(n.body, ?) > 0)
         ORDER BY (instr(n.heading, ?) > 0) DESC, p.updated_at DESC, n.position LIMIT ?`,
      )
      .all(exclude, q, q, q, limit) as HitRow[];
  }
  const measureStmt = db.prepare('SELECT * FROM measures WHERE node_id = ?');
  return rows.map((r) => {
    const body = JSON.parse(r.body) as string[];
    const m = measureStmt.get(r.id) as MeasureRow | undefined;
    const text = [r.heading, ...body].join('');
    return {
      nodeId: r.id,
      planId: r.plan_id,
      planTitle: r.plan_title,
      heading: r.heading,
      body,
      measure: m ? measureFromRow(m) : emptyMeasure(),
      snippet: snippet(text, q),
    };
  });
}
