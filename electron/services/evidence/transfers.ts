import type { Db } from '../store/database.ts';
import type { StoreProgress } from './blob-store.ts';

/**
 * How far each running disk-path copy has got, per workbook, so a caller on any transport can draw a
 * progress bar by asking (evidence.transferProgress) while its evidence.attachPath call runs. An entry
 * lives only as long as its copy.
 */
const running = new WeakMap<Db, Map<string, { bytes: number; total: number | null }>>();

function table(db: Db): Map<string, { bytes: number; total: number | null }> {
  let t = running.get(db);
  if (!t) {
    t = new Map();
    running.set(db, t);
  }
  return t;
}

/** Runs `copy` with a progress callback that records into the transfer's entry; removes it when done. */
export async function trackTransfer<T>(
  db: Db,
  transferId: string | undefined,
  total: number | null,
  copy: (onProgress?: (p: StoreProgress) => void) => Promise<T>,
): Promise<T> {
  if (!transferId) return copy();
  const t = table(db);
  t.set(transferId, { bytes: 0, total });
  try {
    return await copy((p) => t.set(transferId, { bytes: p.bytes, total: p.total ?? total }));
  } finally {
    t.delete(transferId);
  }
}

export function transferProgress(db: Db, transferId: string): { bytes: number; total: number | null } | null {
  return table(db).get(transferId) ?? null;
}
