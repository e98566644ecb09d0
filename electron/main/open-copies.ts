import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Folders of copies opened with the system's program are named so; see removeStaleCopies. */
const PREFIX = 'rectify-open-';
/** A copies folder this old is left over from a run that never quit normally (a crash, a power cut). */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * The private temporary folder that evidence opened with the system's program is copied into: one per
 * run, a subfolder per opening (a copy still open in Word is never overwritten), all removed when the
 * app quits.
 */
export class OpenCopies {
  private readonly tempRoot: string;
  private folder: string | null = null;
  private count = 0;
  constructor(tempRoot: string = os.tmpdir()) {
    this.tempRoot = tempRoot;
  }

  /** A new, empty folder for one copy. */
  async newFolder(): Promise<string> {
    this.folder ??= mkdtempSync(path.join(this.tempRoot, PREFIX));
    const dir = path.join(this.folder, String(++this.count));
    mkdirSync(dir);
    return dir;
  }

  /** Deletes every copy of this run (at quit). A copy still held open by another program stays until the next start's sweep. */
  removeAll(): void {
    if (!this.folder) return;
    try {
      rmSync(this.folder, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // locked by the program that shows it (Windows): removeStaleCopies takes it later
    }
    this.folder = null;
  }
}

/** Removes copies folders left by earlier runs that did not quit normally. Returns how many. */
export function removeStaleCopies(tempRoot: string = os.tmpdir(), now: number = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(tempRoot);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const full = path.join(tempRoot, name);
    try {
      if (now - statSync(full).mtimeMs < STALE_MS) continue;
      rmSync(full, { recursive: true, force: true });
      removed++;
    } catch {
      // someone else's, or in use
    }
  }
  return removed;
}
