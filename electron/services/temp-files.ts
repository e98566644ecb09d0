import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Temporary files of writes that may be interrupted. A writer that makes a temp file or folder
 * - tracks it in this process, so Ctrl+C on the CLI (SIGINT/SIGTERM) removes it before the exit, and
 * - when it writes outside the data folder (an export's `*.part` beside the user's target), leaves a note
 *   in <dataDir>/tmp/ naming it: after a crash or kill -9 the start-up maintenance (and `rectify doctor`)
 *   finds the leftover through the note and removes it.
 * Only paths ending in `.part` are ever noted or removed this way: a note can never point at a user's file.
 */

export const PART_SUFFIX = '.part';
export const PENDING_DIR = 'tmp';

const active = new Set<string>();

export function trackTempFile(file: string): void {
  active.add(file);
}

export function untrackTempFile(file: string): void {
  active.delete(file);
}

/** For signal handlers: removes every temp file or folder this process is writing right now. */
export function removeTrackedTempFilesSync(): number {
  let removed = 0;
  for (const file of active) {
    try {
      rmSync(file, { recursive: true, force: true });
      removed++;
    } catch {
      // nothing more can be done while exiting
    }
  }
  active.clear();
  return removed;
}

export interface PendingWrite {
  /** the temp path, removed from the note list once the write is finished (renamed or cleaned up) */
  readonly path: string;
  done(): Promise<void>;
}

/** Records that this process is writing `tempPath` (which must end in `.part`) until `done()`. */
export async function notePendingWrite(dataDir: string, tempPath: string): Promise<PendingWrite> {
  if (!tempPath.endsWith(PART_SUFFIX)) throw new Error(`temp path must end in ${PART_SUFFIX}: ${tempPath}`);
  trackTempFile(tempPath);
  const dir = path.join(dataDir, PENDING_DIR);
  const note = path.join(dir, `${process.pid}-${randomUUID()}.json`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(note, JSON.stringify({ path: tempPath, pid: process.pid, startedAt: new Date().toISOString() }));
  } catch {
    // A read-only data folder must not stop an export to elsewhere; the in-process tracking still cleans on Ctrl+C.
  }
  return {
    path: tempPath,
    async done() {
      untrackTempFile(tempPath);
      await rm(note, { force: true }).catch(() => undefined);
    },
  };
}

export interface PendingNote {
  note: string;
  path: string;
  pid: number;
  startedAt: string;
}

/** The notes of writes that were started; unreadable notes come back with an empty path (they are stale). */
export async function readPendingNotes(dataDir: string): Promise<PendingNote[]> {
  const dir = path.join(dataDir, PENDING_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: PendingNote[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const note = path.join(dir, name);
    try {
      const data = JSON.parse(await readFile(note, 'utf8')) as Partial<PendingNote>;
      const ok = typeof data.path === 'string' && data.path.endsWith(PART_SUFFIX) && path.isAbsolute(data.path);
      out.push({ note, path: ok ? (data.path as string) : '', pid: Number(data.pid) || 0, startedAt: String(data.startedAt ?? '') });
    } catch {
      out.push({ note, path: '', pid: 0, startedAt: '' });
    }
  }
  return out;
}

/** Whether process `pid` still runs (a process of another user counts as running). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
