import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { SearchHit, SearchHitKind, SearchResult } from '../../../shared/api/search.ts';
import type { NodeKind } from '../../../shared/domain/document.ts';
import { SEARCH_FIELDS, type SearchField } from '../../../shared/search/fields.ts';
import { containsAll, makeSnippet, queryTerms } from '../../../shared/search/snippet.ts';
import { planPaths } from '../plans/node-paths.ts';

/**
 * 搜索 over everything in the workbook. Every term of three characters or more: the trigram index
 * search_fts (migration 0006), ranked by bm25. Any shorter term cannot form a trigram, so the query
 * reads the tables themselves with instr() (never LIKE on the index: its short-pattern fallback differs
 * between SQLite versions), ranked by field and then by how short the matching text is.
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

/** The 1–2 character lookup: one SELECT per field over its own table; `{col}` is the column to look in. */
const SHORT_SOURCES: readonly { field: SearchField; col: string; sql: string }[] = [
  { field: 'title', col: 'p.title', sql: "SELECT p.id AS plan_id, p.id AS ref, NULL AS node_id, 'title' AS field, p.title AS text FROM plans p" },
  { field: 'preamble', col: 'p.preamble', sql: "SELECT p.id, p.id, NULL, 'preamble', p.preamble FROM plans p" },
  { field: 'heading', col: 'n.heading', sql: "SELECT n.plan_id, n.id, n.id, 'heading', n.heading FROM nodes n" },
  { field: 'body', col: 'n.body', sql: "SELECT n.plan_id, n.id, n.id, 'body', n.body FROM nodes n" },
  ...(
    [
      ['leader', 'm.leader'],
      ['department', 'm.department'],
      ['cooperating', 'm.cooperating'],
      ['person', 'm.person'],
      ['deadline', 'm.deadline_raw'],
      ['statusText', 'm.status_text'],
    ] as const
  ).map(([field, col]) => ({
    field,
    col,
    sql: `SELECT n.plan_id, m.node_id, m.node_id, '${field}', ${col} FROM measures m JOIN nodes n ON n.id = m.node_id`,
  })),
  { field: 'problem', col: 'pr.text', sql: "SELECT pr.plan_id, pr.id, NULL, 'problem', pr.text FROM problems pr" },
  { field: 'category', col: 'pr.category', sql: "SELECT pr.plan_id, pr.id, NULL, 'category', pr.category FROM problems pr" },
  {
    field: 'progress',
    col: 'e.note',
    sql: "SELECT n.plan_id, CAST(e.id AS TEXT), e.node_id, 'progress', e.note FROM status_events e JOIN nodes n ON n.id = e.node_id",
  },
  {
    field: 'evidence',
    col: 'a.original_name',
    sql: "SELECT n.plan_id, a.id, a.node_id, 'evidence', a.original_name FROM attachments a JOIN nodes n ON n.id = a.node_id WHERE a.removed_at IS NULL",
  },
  {
    field: 'evidenceNote',
    col: 'a.note',
    sql: "SELECT n.plan_id, a.id, a.node_id, 'evidenceNote', a.note FROM attachments a JOIN nodes n ON n.id = a.node_id WHERE a.removed_at IS NULL",
  },
];

function planColumn(field: SearchField): string {
  switch (field) {
    case 'title':
    case 'preamble':
      return 'p.id';
    case 'heading':
    case 'body':
    case 'progress':
    case 'evidence':
    case 'evidenceNote':
      return 'n.plan_id';
    case 'problem':
    case 'category':
      return 'pr.plan_id';
    default:
      return 'n.plan_id';
  }
}

function shortCandidates(db: Db, terms: readonly string[], planId: string | undefined, perField: number): Candidate[] {
  // instr() is exact; the index ignores the case of Latin letters, so fold both sides when a term has any.
  const folds = terms.some((t) => /[A-Za-z]/.test(t));
  const needles = folds ? terms.map((t) => t.toLowerCase()) : [...terms];
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const source of SHORT_SOURCES) {
    const haystack = folds ? `lower(${source.col})` : source.col;
    const conditions = needles.map(() => `instr(${haystack}, ?) > 0`);
    if (planId !== undefined) conditions.push(`${planColumn(source.field)} = ?`);
    const joiner = source.sql.includes(' WHERE ') ? ' AND ' : ' WHERE ';
    // No ORDER BY inside: each field stops scanning once it has enough (ranked below, in JS).
    parts.push(`SELECT * FROM (${source.sql}${joiner}${conditions.join(' AND ')} LIMIT ?)`);
    params.push(...needles, ...(planId !== undefined ? [planId] : []), perField);
  }
  const rows = db.prepare(parts.join(' UNION ALL ')).all(...params) as Candidate[];
  return rows
    .map((r) => ({ ...r, text: JSON_FIELDS.has(r.field) ? jsonLines(r.text, r.field) : r.text }))
    .filter((r) => containsAll(r.text, terms))
    .sort((a, b) => (FIELD_RANK.get(a.field) ?? 99) - (FIELD_RANK.get(b.field) ?? 99) || a.text.length - b.text.length);
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

function indexCandidates(db: Db, terms: readonly string[], planId: string | undefined, limit: number): Candidate[] {
  // Each term a phrase (its quotes doubled), all required: a trigram phrase is a substring match.
  const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
  const plan = planId !== undefined ? 'AND f.plan_id = ?' : '';
  return db
    .prepare(
      `SELECT f.plan_id, f.ref, f.node_id, f.field, f.text FROM search_fts f
       WHERE search_fts MATCH ? ${plan} AND f.plan_id NOT IN (SELECT plan_id FROM template_drafts)
       ORDER BY bm25(search_fts) LIMIT ?`,
    )
    .all(match, ...(planId !== undefined ? [planId] : []), limit) as Candidate[];
}

interface PlanInfo {
  id: string;
  title: string;
  settings: string;
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
    const candidates = long ? indexCandidates(db, terms, planId, limit + 1) : shortCandidates(db, terms, planId, limit + 1);
    return resolveHits(db, candidates, terms, limit);
  })();
}

/** Names each candidate's plan, node kind and numbering path; drops what no longer exists or is not the user's. */
function resolveHits(db: Db, candidates: readonly Candidate[], terms: readonly string[], limit: number): SearchResult {
  const planIds = [...new Set(candidates.map((c) => c.plan_id))];
  const plans = new Map(
    (
      db
        .prepare(
          `SELECT p.id, p.title, p.settings, p.archived_at, EXISTS (SELECT 1 FROM template_drafts d WHERE d.plan_id = p.id) AS draft
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
