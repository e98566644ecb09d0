import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ServiceContext } from '../context.ts';
import type { Phrase } from '../../../shared/api/editor.ts';
import { AppError } from '../../../shared/errors.ts';
import { nowIso } from '../ids.ts';
import { cached } from '../history/plan-state.ts';

/** resources/phrases/<kind>.json (common.json has kind ''): built-in phrases grouped by category. */
const PhraseFileSchema = z.object({
  kind: z.string(),
  phrases: z.array(z.object({ category: z.string(), text: z.string().min(1) })),
});

const cache = new Map<string, Phrase[]>();

export function builtinPhrases(resourcesDir: string): Phrase[] {
  const hit = cache.get(resourcesDir);
  if (hit) return hit;
  const dir = path.join(resourcesDir, 'phrases');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    files = []; // no resources folder: no built-ins, the user's own still work
  }
  const list: Phrase[] = [];
  for (const file of files) {
    const parsed = PhraseFileSchema.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new AppError('internal', `内置常用语 ${file} 格式不正确`);
    parsed.data.phrases.forEach((p, i) =>
      list.push({ id: `b:${parsed.data.kind}:${i}`, kind: parsed.data.kind, category: p.category, text: p.text, builtin: true }),
    );
  }
  cache.set(resourcesDir, list);
  return list;
}

export const USER_CATEGORY = '我的常用语';

interface PhraseRow {
  id: number;
  kind: string;
  text: string;
}

function userPhrase(row: PhraseRow): Phrase {
  return { id: `u:${row.id}`, kind: row.kind, category: USER_CATEGORY, text: row.text, builtin: false };
}

/** The user's own first (newest first), then built-ins for the kind, then the general ones. */
export function listPhrases(ctx: ServiceContext, kind: string | undefined): Phrase[] {
  const users = (
    kind === undefined
      ? cached(ctx.db, 'SELECT id, kind, text FROM phrases ORDER BY id DESC').all()
      : cached(ctx.db, "SELECT id, kind, text FROM phrases WHERE kind = ? OR kind = '' ORDER BY id DESC").all(kind)
  ) as PhraseRow[];
  const builtins = builtinPhrases(ctx.resourcesDir).filter((p) => kind === undefined || p.kind === kind || p.kind === '');
  const ordered = [...builtins.filter((p) => p.kind !== ''), ...builtins.filter((p) => p.kind === '')];
  return [...users.map(userPhrase), ...ordered];
}

export function createPhrase(ctx: ServiceContext, text: string, kind: string): Phrase {
  const existing = cached(ctx.db, 'SELECT id, kind, text FROM phrases WHERE text = ? AND kind = ?').get(text, kind) as PhraseRow | undefined;
  if (existing) return userPhrase(existing);
  const res = cached(ctx.db, 'INSERT INTO phrases (kind, text, created_at) VALUES (?, ?, ?)').run(kind, text, nowIso());
  return userPhrase({ id: Number(res.lastInsertRowid), kind, text });
}

export function deletePhrase(ctx: ServiceContext, id: string): void {
  if (id.startsWith('b:')) throw new AppError('bad_input', '内置常用语不能删除');
  const m = /^u:(\d+)$/.exec(id);
  const res = m ? cached(ctx.db, 'DELETE FROM phrases WHERE id = ?').run(Number(m[1])) : { changes: 0 };
  if (res.changes === 0) throw new AppError('not_found', '找不到该常用语');
}
