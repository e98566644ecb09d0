import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, DriverName } from '../store/db.ts';
import { openConnection } from '../store/driver.ts';
import { countWorkbook, evidenceBlobs, type WorkbookCounts } from './workbook-counts.ts';

/**
 * The database part of a backup: SQLite's online backup of the live connection (never a copy of the
 * file, which WAL makes unsafe while the app runs). The copy is made in steps, so the services keep
 * answering — and saving — meanwhile; then it is turned into a self-contained file (rollback journal,
 * no -wal/-shm beside it) and checked.
 */

export interface SnapshotProgress {
  totalPages: number;
  remainingPages: number;
}

export async function snapshotDatabase(db: Db, file: string, onProgress?: (p: SnapshotProgress) => void): Promise<void> {
  await db.backup(file, onProgress ? { progress: onProgress } : {});
  // The switch needs the copy to itself; a driver may still be letting go of it just after the backup.
  for (let attempt = 0; ; attempt++) {
    const copy = openConnection(file, { driver: db.driver });
    let mode: unknown;
    try {
      mode = copy.pragma('journal_mode = DELETE', { simple: true });
    } finally {
      copy.close();
    }
    if (mode === 'delete') return;
    if (attempt >= 50) throw new Error(`the backup copy stayed in journal mode ${String(mode)}`);
    await sleep(20);
  }
}

export interface CopyInspection {
  /** PRAGMA integrity_check: ['ok'] when intact */
  integrity: string[];
  schemaVersion: number;
  counts: WorkbookCounts;
  blobs: { sha256: string; size: number }[];
}

/** Reads a database copy without writing to it: integrity, schema version, counts, evidence it names. */
export function inspectCopy(file: string, driver?: DriverName): CopyInspection {
  const copy = openConnection(file, { readonly: true, ...(driver ? { driver } : {}) });
  try {
    const integrity = (copy.pragma('integrity_check') as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));
    const schemaVersion = copy.pragma('user_version', { simple: true }) as number;
    const intact = integrity.length === 1 && integrity[0] === 'ok';
    // A damaged copy may not even answer these; its integrity result says enough.
    return {
      integrity,
      schemaVersion,
      counts: intact ? countWorkbook(copy) : { plans: 0, measures: 0, attachments: 0, updatedAt: null },
      blobs: intact ? evidenceBlobs(copy) : [],
    };
  } finally {
    copy.close();
  }
}
