import type { Db } from '../store/database.ts';
import type { DirectoryEntry, DirectoryType } from '../../../shared/api/editor.ts';
import { AppError } from '../../../shared/errors.ts';
import { cached } from '../history/plan-state.ts';
import { hasPlaceholder } from '../../../shared/templates/placeholders.ts';

/**
 * The people/department directory behind 责任领导/责任人/责任部门/配合部门 autocomplete. It grows by
 * itself: every name saved into a measure is added (or counted once more), so the names a secretary
 * uses most come first.
 */

const TABLE: Record<DirectoryType, 'people' | 'departments'> = { person: 'people', department: 'departments' };

interface EntryRow {
  id: number;
  name: string;
  use_count: number;
}

function entry(type: DirectoryType, row: EntryRow): DirectoryEntry {
  return { id: row.id, type, name: row.name, useCount: row.use_count };
}

export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** Counts a use of each name, adding names not seen before. */
export function noteNames(db: Db, type: DirectoryType, names: readonly (string | null | undefined)[]): void {
  const table = TABLE[type];
  const upsert = cached(db, `INSERT INTO ${table} (name, use_count) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET use_count = use_count + 1`);
  for (const raw of new Set(names.map((n) => cleanName(n ?? '')))) {
    // A placeholder ({牵头部门}, typed while editing a template) is no one's name.
    if (raw && raw.length <= 60 && !hasPlaceholder(raw)) upsert.run(raw);
  }
}

/**
 * Takes back one use of a name that was only a step of typing (autosave saw 办公 before 办公室), so
 * the directory does not fill with fragments; names used elsewhere keep their other counts.
 */
export function retractName(db: Db, type: DirectoryType, name: string): void {
  const table = TABLE[type];
  const clean = cleanName(name);
  cached(db, `UPDATE ${table} SET use_count = use_count - 1 WHERE name = ?`).run(clean);
  cached(db, `DELETE FROM ${table} WHERE name = ? AND use_count <= 0`).run(clean);
}

/** Entries whose name contains `query` (all when empty), most used first. */
export function searchDirectory(db: Db, type: DirectoryType, query: string, limit: number): DirectoryEntry[] {
  const table = TABLE[type];
  const q = cleanName(query);
  const rows = (
    q === ''
      ? cached(db, `SELECT * FROM ${table} ORDER BY use_count DESC, name LIMIT ?`).all(limit)
      : // Prefix matches before infix ones: typing 办 should offer 办公室 before 市委办.
        cached(
          db,
          `SELECT * FROM ${table} WHERE instr(name, ?) > 0 ORDER BY (instr(name, ?) = 1) DESC, use_count DESC, name LIMIT ?`,
        ).all(q, q, limit)
  ) as EntryRow[];
  return rows.map((r) => entry(type, r));
}

export function listDirectory(db: Db, type: DirectoryType): DirectoryEntry[] {
  return (cached(db, `SELECT * FROM ${TABLE[type]} ORDER BY name`).all() as EntryRow[]).map((r) => entry(type, r));
}

function getEntry(db: Db, type: DirectoryType, id: number): EntryRow {
  const row = cached(db, `SELECT * FROM ${TABLE[type]} WHERE id = ?`).get(id) as EntryRow | undefined;
  if (!row) throw new AppError('not_found', '找不到该名录条目');
  return row;
}

export function addEntry(db: Db, type: DirectoryType, name: string): DirectoryEntry {
  const clean = cleanName(name);
  const table = TABLE[type];
  // Added by hand counts as one use, so taking back a typing fragment of the same name never drops it.
  cached(db, `INSERT INTO ${table} (name, use_count) VALUES (?, 1) ON CONFLICT(name) DO NOTHING`).run(clean);
  return entry(type, cached(db, `SELECT * FROM ${table} WHERE name = ?`).get(clean) as EntryRow);
}

/** Renames an entry; renaming onto an existing name merges the two (counts add up). */
export function renameEntry(db: Db, type: DirectoryType, id: number, name: string): DirectoryEntry {
  const table = TABLE[type];
  const clean = cleanName(name);
  return db.transaction(() => {
    const row = getEntry(db, type, id);
    if (row.name === clean) return entry(type, row);
    const other = cached(db, `SELECT * FROM ${table} WHERE name = ?`).get(clean) as EntryRow | undefined;
    if (other) {
      cached(db, `UPDATE ${table} SET use_count = use_count + ? WHERE id = ?`).run(row.use_count, other.id);
      cached(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
      return entry(type, getEntry(db, type, other.id));
    }
    cached(db, `UPDATE ${table} SET name = ? WHERE id = ?`).run(clean, id);
    return entry(type, getEntry(db, type, id));
  })();
}

export function deleteEntry(db: Db, type: DirectoryType, id: number): void {
  getEntry(db, type, id);
  cached(db, `DELETE FROM ${TABLE[type]} WHERE id = ?`).run(id);
}
