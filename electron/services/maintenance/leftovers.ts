import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Leftover } from '../../../shared/api/maintenance.ts';
import { scanStore, tempWriterPid } from '../evidence/blob-store.ts';
import { isProcessAlive, readPendingNotes } from '../temp-files.ts';
import { backupsDir } from '../store/backups.ts';
import { isIncompleteSetName } from '../backup/location-scan.ts';

/**
 * Temporary files that interrupted writes left behind: attaches that never finished (evidence temp
 * files) and evidence-package exports killed mid-way (`*.part` beside the target, found through their
 * notes in <dataDir>/tmp/). A file whose writer still runs is not a leftover — another process may be
 * attaching or exporting right now — unless it is over a day old.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

async function sizeOf(p: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const st = await stat(p);
    if (!st.isDirectory()) return { size: st.size, mtimeMs: st.mtimeMs };
    let size = 0;
    for (const name of await readdir(p)) size += (await sizeOf(path.join(p, name)))?.size ?? 0;
    return { size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

function abandoned(pid: number | null, ageMs: number): boolean {
  if (pid === null) return ageMs > HOUR_MS;
  return !isProcessAlive(pid) || ageMs > DAY_MS;
}

/** A backup set or a restored database being written (their temporaries are noted like an export's). */
function isBackupTemp(file: string): boolean {
  const name = path.basename(file);
  return isIncompleteSetName(name) || name.startsWith('.workbook.sqlite.');
}

export interface LeftoverScan {
  leftovers: Leftover[];
  /** notes whose write is over and whose file is gone: removed without mention */
  staleNotes: string[];
  /** notes of the leftovers above, removed with them */
  notesOf: Map<string, string>;
}

export async function findLeftovers(dataDir: string, now = Date.now()): Promise<LeftoverScan> {
  const leftovers: Leftover[] = [];
  const staleNotes: string[] = [];
  const notesOf = new Map<string, string>();
  const { temps } = await scanStore(dataDir);
  for (const t of temps) {
    const info = await sizeOf(t);
    if (!info || !abandoned(tempWriterPid(t), now - info.mtimeMs)) continue;
    leftovers.push({ kind: 'evidence-temp', path: t, size: info.size, modifiedAt: new Date(info.mtimeMs).toISOString() });
  }
  // A single-file backup of an earlier version cut short (written as <name>.sqlite.<pid>.part).
  let backupNames: string[] = [];
  try {
    backupNames = await readdir(backupsDir(dataDir));
  } catch {
    // no backups folder yet
  }
  for (const name of backupNames.filter((n) => /\.sqlite\.\d+\.part$/.test(n))) {
    const file = path.join(backupsDir(dataDir), name);
    const pid = /\.(\d+)\.part$/.exec(name);
    const info = await sizeOf(file);
    if (!info || !abandoned(pid ? Number(pid[1]) : null, now - info.mtimeMs)) continue;
    leftovers.push({ kind: 'backup-temp', path: file, size: info.size, modifiedAt: new Date(info.mtimeMs).toISOString() });
  }
  for (const note of await readPendingNotes(dataDir)) {
    const started = Date.parse(note.startedAt);
    const age = Number.isFinite(started) ? now - started : Infinity;
    if (note.path !== '' && !abandoned(note.pid, age)) continue;
    const info = note.path === '' ? null : await sizeOf(note.path);
    if (!info) {
      staleNotes.push(note.note);
      continue;
    }
    leftovers.push({ kind: isBackupTemp(note.path) ? 'backup-temp' : 'export-temp', path: note.path, size: info.size, modifiedAt: new Date(info.mtimeMs).toISOString() });
    notesOf.set(note.path, note.note);
  }
  return { leftovers, staleNotes, notesOf };
}

/** Removes what `findLeftovers` found; returns how many files or folders went. */
export async function removeLeftovers(dataDir: string, now = Date.now()): Promise<{ removed: number; freedBytes: number }> {
  const scan = await findLeftovers(dataDir, now);
  let removed = 0;
  let freedBytes = 0;
  for (const l of scan.leftovers) {
    try {
      await rm(l.path, { recursive: true, force: true });
      removed++;
      freedBytes += l.size;
      const note = scan.notesOf.get(l.path);
      if (note) await rm(note, { force: true });
    } catch {
      // still in use or no permission: reported again by the next doctor run
    }
  }
  for (const note of scan.staleNotes) await rm(note, { force: true }).catch(() => undefined);
  return { removed, freedBytes };
}
