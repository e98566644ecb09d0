import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { SearchHit, SearchHitKind, SearchResult } from '../../../shared/api/search.ts';
import type { NodeKind } from '../../../shared/domain/document.ts';
import { SEARCH_FIELDS, type SearchField } from '../../../shared/search/fields.ts';
import { containsAll, makeSnippet, queryTerms } from '../../../shared/search/snippet.ts';
import { planPaths } from '../plans/node-paths.ts';

/**
 * 搜索 over everything in the workbook. Every term of three characters or more: the trigram index
 * search_fts (migration 0007_search_index), ranked by bm25 (by field and document order beyond 1000 matches). Any
 * shorter term cannot form a trigram, so the query reads the tables themselves with instr() (never LIKE
 * on the index: its short-pattern fallback differs between SQLite versions), ranked by field and then by
 * how short the matching text is.
 */

interface Candidate {
  plan_id: string;
  /** the source row: plan, node, measure's node, problem, event or attachment id */
  ref: string;
  node_id: string | null;
  field: SearchField;
  text: string;
}

/** Fields stored as JSON arrays in their tables (the index holds them as plain lines). */
const JSON_FIELDS = new Set<SearchField>(['preamble', 'body', 'cooperating']);

const FIELD_RANK = new Map<SearchField, number>(SEARCH_FIELDS.map((f, i) => [f, i]));

/**
 * The 1–2 character lookup: one scan per table, a row when any of its searched columns holds every
 * term (each table stops once it has enough rows); each matching column becomes a candidate.
 */
interface ShortTable {
  /** selects plan_id, ref, node_id and one column per field, named as the field */
  sql: string;
  /** field → the column holding it */
  fields: readonly (readonly [SearchField, string])[];
  planColumn: string;
  /** a condition every row must meet (attachments not removed) */
  where?: string;
}

const SHORT_TABLES: readonly ShortTable[] = [
  {
    sql: 'SELECT p.id AS plan_id, p.id AS ref, NULL AS node_id, p.title AS title, p.preamble AS preamble FROM plans p',
    fields: [
      ['title', 'p.title'],
      ['preamble', 'p.preamble'],
    ],
    planColumn: 'p.id',
  },
  {
    sql: 'SELECT n.plan_id, n.id AS ref, n.id AS node_id, n.heading AS heading, n.body AS body FROM nodes n',
    fields: [
      ['heading', 'n.heading'],
      ['body', 'n.body'],
    ],
    planColumn: 'n.plan_id',
  },
  {
    sql: `SELECT n.plan_id, m.node_id AS ref, m.node_id AS node_id, m.leader AS leader, m.department AS department, m.cooperating AS cooperating,
          m.person AS person, m.deadline_raw AS deadline, m.status_text AS statusText FROM measures m JOIN nodes n ON n.id = m.node_id`,
    fields: [
      ['leader', 'm.leader'],
      ['department', 'm.department'],
      ['cooperating', 'm.cooperating'],
      ['person', 'm.person'],
      ['deadline', 'm.deadline_raw'],
      ['statusText', 'm.status_text'],
    ],
    planColumn: 'n.plan_id',
  },
  {
    sql: 'SELECT pr.plan_id, pr.id AS ref, NULL AS node_id, pr.text AS problem, pr.category AS category FROM problems pr',
    fields: [
      ['problem', 'pr.text'],
      ['category', 'pr.category'],
    ],
    planColumn: 'pr.plan_id',
  },
  {
    sql: 'SELECT n.plan_id, CAST(e.id AS TEXT) AS ref, e.node_id AS node_id, e.note AS progress FROM status_events e JOIN nodes n ON n.id = e.node_id',
    fields: [['progress', 'e.note']],
    planColumn: 'n.plan_id',
  },
  {
    sql: 'SELECT n.plan_id, a.id AS ref, a.node_id AS node_id, a.original_name AS evidence, a.note AS evidenceNote FROM attachments a JOIN nodes n ON n.id = a.node_id',
    fields: [
      ['evidence', 'a.original_name'],
      ['evidenceNote', 'a.note'],
    ],
    planColumn: 'n.plan_id',
    where: 'a.removed_at IS NULL',
  },
];

function shortCandidates(db: Db, terms: readonly string[], planId: string | undefined, perTable: number): Candidate[] {
  // instr() is exact; the index ignores the case of Latin letters, so fold both sides when a term has any.
  const folds = terms.some((t) => /[A-Za-z]/.test(t));
  const needles = folds ? terms.map((t) => t.toLowerCase()) : [...terms];
  const out: Candidate[] = [];
  for (const table of SHORT_TABLES) {
    const holds = table.fields.map(([, col]) => `(${needles.map(() => `instr(${folds ? `lower(${col})` : col}, ?) > 0`).join(' AND ')})`);
    const conditions = [`(${holds.join(' OR ')})`];
    if (table.where) conditions.unshift(table.where);
    if (planId !== undefined) conditions.push(`${table.planColumn} = ?`);
    // No ORDER BY: the scan stops once it has enough rows (ranked below, in JS).
    const rows = db
      .prepare(`${table.sql} WHERE ${conditions.join(' AND ')} LIMIT ?`)
      .all(...table.fields.flatMap(() => needles), ...(planId !== undefined ? [planId] : []), perTable) as Record<string, string | null>[];
    for (const row of rows) {
      for (const [field] of table.fields) {
        const raw = row[field];
        if (raw === null || raw === undefined || raw === '') continue;
        const text = JSON_FIELDS.has(field) ? jsonLines(raw, field) : raw;
        // The raw JSON may match where the text does not (a term across two paragraphs' quotes).
        if (containsAll(text, terms)) out.push({ plan_id: row.plan_id!, ref: row.ref!, node_id: row.node_id ?? null, field, text });
      }
    }
  }
  return out.sort((a, b) => (FIELD_RANK.get(a.field) ?? 99) - (FIELD_RANK.get(b.field) ?? 99) || a.text.length - b.text.length);
}

/** A JSON array column as the index holds it: body paragraphs one per line, 配合部门 joined with 、. */
function jsonLines(raw: string, field: SearchField): string {
  try {
    const value = JSON.parse(raw) as unknown;
    if (Array.isArray(value)) return value.map(String).join(field === 'cooperating' ? '、' : '\n');
  } catch {
    // not JSON after all: search its text as it is
  }
  return raw;
}

/** The field of an index row, from its rowid (source rowid × 32 + code; migration 0007_search_index). */
const FIELD_BY_CODE: readonly (SearchField | undefined)[] = [
  undefined,
  'title',
  'preamble',
  'heading',
  'body',
  'leader',
  'department',
  'cooperating',
  'person',
  'deadline',
  'statusText',
  'problem',
  'category',
  'progress',
  'evidence',
  'evidenceNote',
];

/** Up to this many matches are ranked by bm25; beyond, by field and document order (bm25 costs a lookup per match). */
const BM25_MAX_MATCHES = 1000;

interface Found {
  candidates: Candidate[];
  /** more matched than were taken */
  more: boolean;
}

function indexCandidates(db: Db, terms: readonly string[], planId: string | undefined, take: number): Found {
  // Each term a phrase (its quotes doubled), all required: a trigram phrase is a substring match.
  const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
  // Filtering by plan reads each match's plan_id from the index's own table; without a filter only rowids are read.
  const drafts = (db.prepare('SELECT count(*) AS n FROM template_drafts').get() as { n: number }).n;
  let rowids: number[];
  let more: boolean;
  if (planId !== undefined || drafts > 0) {
    const filter = planId !== undefined ? 'AND f.plan_id = ?' : 'AND f.plan_id NOT IN (SELECT plan_id FROM template_drafts)';
    rowids = (
      db
        .prepare(`SELECT f.rowid AS id FROM search_fts f WHERE search_fts MATCH ? ${filter} ORDER BY bm25(search_fts) LIMIT ?`)
        .all(match, ...(planId !== undefined ? [planId] : []), take + 1) as { id: number }[]
    ).map((r) => r.id);
    more = rowids.length > take;
  } else {
    const all = (db.prepare('SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ?').all(match) as { id: number }[]).map((r) => Number(r.id));
    more = all.length > take;
    if (all.length <= BM25_MAX_MATCHES) {
      rowids = (db.prepare('SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts) LIMIT ?').all(match, take) as { id: number }[]).map(
        (r) => Number(r.id),
      );
    } else {
      const rank = (id: number): number => FIELD_RANK.get(FIELD_BY_CODE[id % 32] ?? 'evidenceNote') ?? 99;
      rowids = all.sort((x, y) => rank(x) - rank(y) || x - y).slice(0, take);
    }
  }
  rowids = rowids.slice(0, take);
  const rows = db
    .prepare('SELECT f.rowid AS id, f.plan_id, f.ref, f.node_id, f.field, f.text FROM search_fts f WHERE f.rowid IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(rowids)) as (Candidate & { id: number })[];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const candidates = rowids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ plan_id: r.plan_id, ref: r.ref, node_id: r.node_id, field: r.field, text: r.text }] : [];
  });
  return { candidates, more };
}

interface PlanInfo {
  id: string;
  title: string;
  settings: string;
  version: number;
  archived_at: string | null;
  draft: number;
}

export function searchEverything(db: Db, query: string, planId: string | undefined, limit: number): SearchResult {
  const terms = queryTerms(query);
  if (terms.length === 0) return { hits: [], truncated: false };
  return db.readTransaction(() => {
    // A plan that does not exist is an error, not "no results": a mistyped id must not look like an empty search.
    if (planId !== undefined && db.prepare('SELECT 1 FROM plans WHERE id = ?').get(planId) === undefined) {
      throw new AppError('not_found', `找不到方案：${planId}`);
    }
    const long = terms.every((t) => [...t].length >= 3);
    if (long) {
      const found = indexCandidates(db, terms, planId, limit);
      const result = resolveHits(db, found.candidates, terms, limit);
      return { hits: result.hits, truncated: found.more || result.truncated };
    }
    return resolveHits(db, shortCandidates(db, terms, planId, limit + 1), terms, limit);
  })();
}

/** Names each candidate's plan, node kind and numbering path; drops what no longer exists or is not the user's. */
function resolveHits(db: Db, candidates: readonly Candidate[], terms: readonly string[], limit: number): SearchResult {
  const planIds = [...new Set(candidates.map((c) => c.plan_id))];
  const plans = new Map(
    (
      db
        .prepare(
          `SELECT p.id, p.title, p.settings, p.version, p.archived_at, EXISTS (SELECT 1 FROM template_drafts d WHERE d.plan_id = p.id) AS draft
           FROM plans p WHERE p.id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(planIds)) as PlanInfo[]
    ).map((p) => [p.id, p]),
  );
  const mine = candidates.filter((c) => {
    const p = plans.get(c.plan_id);
    return p !== undefined && p.draft === 0;
  });
  const problemIds = mine.filter((c) => c.field === 'problem' || c.field === 'category').map((c) => c.ref);
  const linked = new Map<string, string[]>();
  for (const r of db
    .prepare('SELECT problem_id, node_id FROM problem_measures WHERE problem_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(problemIds)) as { problem_id: string; node_id: string }[]) {
    linked.set(r.problem_id, [...(linked.get(r.problem_id) ?? []), r.node_id]);
  }
  const shapes = planPaths(
    db,
    [...new Set(mine.map((c) => c.plan_id))].map((id) => plans.get(id)!),
  );
  const kinds = new Map(
    (
      db
        .prepare('SELECT id, kind FROM nodes WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify([...new Set(mine.flatMap((c) => (c.node_id ? [c.node_id] : [])))])) as { id: string; kind: NodeKind }[]
    ).map((r) => [r.id, r.kind]),
  );

  const hits: SearchHit[] = [];
  for (const c of mine) {
    const plan = plans.get(c.plan_id)!;
    const shape = shapes.get(c.plan_id);
    let kind: SearchHitKind;
    let nodeId: string | null = null;
    if (c.field === 'title' || c.field === 'preamble') kind = 'plan';
    else if (c.field === 'problem' || c.field === 'category') {
      kind = 'problem';
      // The measure that answers it first in the outline: where 问题清单 shows the problem ticked.
      const order = shape?.order ?? [];
      const first = (linked.get(c.ref) ?? []).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
      nodeId = first ?? null;
    } else {
      const k = c.node_id ? kinds.get(c.node_id) : undefined;
      if (!k) continue;
      kind = k;
      nodeId = c.node_id;
    }
    const snippet = makeSnippet(c.text, terms) ?? { snippet: c.text.replace(/\s+/g, ' ').slice(0, 90), highlights: [] };
    hits.push({
      planId: plan.id,
      planTitle: plan.title,
      planArchived: plan.archived_at !== null,
      nodeId,
      path: nodeId ? (shape?.paths.get(nodeId) ?? '') : '',
      kind,
      field: c.field,
      snippet: snippet.snippet,
      highlights: snippet.highlights,
    });
  }
  return { hits: hits.slice(0, limit), truncated: candidates.length > limit || hits.length > limit };
}
