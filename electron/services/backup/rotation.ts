import { rename, rm, stat } from 'node:fs/promises';
import type { BackupKind } from '../../../shared/api/backup.ts';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { SET_MANIFEST } from './folder-names.ts';
import { evidenceFile, scanLocation, type FoundSet, type LocationScan } from './location-scan.ts';

/**
 * Which automatic backups a location keeps: the newest of each of the last 7 days that have one, of
 * each of the last 4 weeks (ISO weeks, Monday first) and of each of the last 6 months — a set kept by
 * any of the three rules stays. Every other kind (手动, 恢复前, 升级前) is always kept. Pure, so the
 * policy is tested as a table of dates.
 */

export interface RotationEntry {
  id: string;
  kind: BackupKind;
  createdAt: Date;
}

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const KEEP: RotationPolicy = { daily: 7, weekly: 4, monthly: 6 };

function dayKey(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** ISO 8601 week of the local calendar date: 2026-W03. */
export function isoWeekKey(d: Date): string {
  const date = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the year the week belongs to.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function monthKey(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}`;
}

/** The ids to keep. */
export function backupsToKeep(entries: readonly RotationEntry[], policy: RotationPolicy = KEEP): Set<string> {
  const keep = new Set<string>();
  const autos = entries.filter((e) => e.kind === 'auto').sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  for (const e of entries) if (e.kind !== 'auto') keep.add(e.id);
  const rules: [count: number, key: (d: Date) => string][] = [
    [policy.daily, dayKey],
    [policy.weekly, isoWeekKey],
    [policy.monthly, monthKey],
  ];
  for (const [count, key] of rules) {
    const seen = new Set<string>();
    for (const e of autos) {
      if (seen.size >= count) break;
      const k = key(e.createdAt);
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(e.id);
    }
  }
  return keep;
}

/** A temporary folder of a backup this old belongs to a write that will never finish. */
const STALE_INCOMPLETE_MS = 24 * 3_600_000;

/**
 * Applies the policy to one location: automatic sets (and earlier versions' daily copies) that are
 * not kept are deleted. Evidence that a kept set shares with a deleted one (a location without hard
 * links keeps each file once) is moved into the kept set first. Temporary folders of backups that
 * never finished, a day old or more, go too. Returns the deleted paths.
 */
export async function rotateLocation(location: string, now: Date = new Date()): Promise<string[]> {
  const scan: LocationScan = await scanLocation(location, { legacy: true });
  const entries: RotationEntry[] = [];
  for (const s of scan.sets) if (s.manifest) entries.push({ id: s.dir, kind: s.manifest.kind, createdAt: new Date(s.manifest.createdAt) });
  for (const f of scan.legacy) entries.push({ id: f.file, kind: f.kind, createdAt: f.at });
  const keep = backupsToKeep(entries);
  const removed: string[] = [];
  const kept = scan.sets.filter((s) => s.manifest && keep.has(s.dir));
  // Kept sets that took over evidence files from deleted ones: their manifests say so afterwards.
  const adopted = new Map<FoundSet, string[]>();
  for (const set of scan.sets) {
    if (!set.manifest || keep.has(set.dir)) continue;
    for (const e of set.manifest.evidence) {
      if (e.stored === 'shared') continue;
      const needing = kept.find((k) => k.manifest?.evidence.some((x) => x.sha256 === e.sha256 && x.stored === 'shared'));
      if (!needing) continue;
      const heldElsewhere = await Promise.any(
        kept.filter((k) => k.manifest?.evidence.some((x) => x.sha256 === e.sha256 && x.stored !== 'shared')).map(async (k) => {
          if (!(await stat(evidenceFile(k.dir, e.sha256)).catch(() => null))) throw new Error('absent');
          return true;
        }),
      ).catch(() => false);
      if (heldElsewhere) continue;
      if ((await stat(evidenceFile(needing.dir, e.sha256)).catch(() => null)) !== null) continue;
      const moved = await rename(evidenceFile(set.dir, e.sha256), evidenceFile(needing.dir, e.sha256)).then(
        () => true,
        () => false,
      );
      if (moved) adopted.set(needing, [...(adopted.get(needing) ?? []), e.sha256]);
    }
    await rm(set.dir, { recursive: true, force: true });
    removed.push(set.dir);
  }
  for (const [set, shas] of adopted) {
    if (!set.manifest) continue;
    const manifest = { ...set.manifest, evidence: set.manifest.evidence.map((e) => (shas.includes(e.sha256) ? { ...e, stored: 'copied' as const } : e)) };
    await writeFileAtomic(path.join(set.dir, SET_MANIFEST), JSON.stringify(manifest, null, 1)).catch(() => undefined);
  }
  for (const f of scan.legacy) {
    if (keep.has(f.file)) continue;
    await rm(f.file, { force: true });
    removed.push(f.file);
  }
  for (const dir of scan.incomplete) {
    const st = await stat(dir).catch(() => null);
    if (!st || now.getTime() - st.mtimeMs < STALE_INCOMPLETE_MS) continue;
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    removed.push(dir);
  }
  // Nothing else in the location is touched (it may be a shared folder with other files).
  return removed;
}
