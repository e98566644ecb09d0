import { createHash } from 'node:crypto';
import type { Db } from '../store/database.ts';

/**
 * A measure's version as a form carries it: a fingerprint of everything a department's report could
 * collide with — its text, 责任 fields, deadline, status and the count and time of its recorded events.
 * Content-based rather than a counter, so it means the same in a copy of the plan on another PC and
 * needs no bookkeeping in every write path; evidence added meanwhile is not a collision.
 */

interface VersionRow {
  id: string;
  heading: string;
  body: string;
  leader: string | null;
  department: string | null;
  deadline_raw: string | null;
  status: string;
  status_text: string | null;
  closed_by: string | null;
  closed_on: string | null;
  events: number;
  last_event: string | null;
}

const SELECT = `SELECT n.id, n.heading, n.body, m.leader, m.department, m.deadline_raw, m.status, m.status_text, m.closed_by, m.closed_on,
  (SELECT count(*) FROM status_events e WHERE e.node_id = n.id) AS events,
  (SELECT max(e.created_at) FROM status_events e WHERE e.node_id = n.id) AS last_event
  FROM nodes n JOIN measures m ON m.node_id = n.id`;

/** A short hash of texts (the version, and the check of a form's locked cells). */
export function shortHash(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function versionOf(r: VersionRow): string {
  return shortHash([r.heading, r.body, r.leader, r.department, r.deadline_raw, r.status, r.status_text, r.closed_by, r.closed_on, r.events, r.last_event]);
}

/** Every measure of a plan: id → version. */
export function measureVersions(db: Db, planId: string): Map<string, string> {
  return new Map((db.prepare(`${SELECT} WHERE n.plan_id = ?`).all(planId) as VersionRow[]).map((r) => [r.id, versionOf(r)]));
}

/** One measure's version; null when it is no (longer a) measure. */
export function measureVersion(db: Db, measureId: string): string | null {
  const row = db.prepare(`${SELECT} WHERE n.id = ?`).get(measureId) as VersionRow | undefined;
  return row ? versionOf(row) : null;
}
