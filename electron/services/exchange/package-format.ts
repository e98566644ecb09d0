import { z } from 'zod';
import type { ZipLimits } from '../files/bounded-zip.ts';

/**
 * The .rectify plan package: a zip with `manifest.json` (format, the workbook schema version it was
 * made with, every other entry with its SHA-256 and size), `plan.json` (the plan's rows: plan, outline
 * nodes, measures, problems and their links, status events, active attachments, blobs, revisions) and
 * `evidence/<sha256>` (each blob once, stored uncompressed — evidence is mostly compressed already, and
 * a stored entry can never trip the compression-ratio check of a genuine package).
 */

export const PACKAGE_FORMAT = 'rectify-plan-package';
export const PACKAGE_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const PLAN_NAME = 'plan.json';
export const EVIDENCE_PREFIX = 'evidence/';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** A plan with thousands of photos and scans stays within these; a hostile file does not get past them. */
export const PACKAGE_ZIP_LIMITS: Partial<ZipLimits> = { maxEntries: 100_000, maxTotalBytes: 64 * GB, maxEntryBytes: 8 * GB };
export const MAX_MANIFEST_BYTES = 8 * MB;
export const MAX_PLAN_JSON_BYTES = 512 * MB;

export const ManifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.number().int(),
  /** the workbook's schema version (PRAGMA user_version) when the package was made */
  schemaVersion: z.number().int().min(1),
  createdAt: z.string(),
  planId: z.string().min(1),
  title: z.string(),
  files: z.array(z.object({ name: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0) })),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const RowSchema = z.record(z.string(), z.unknown());
const str = z.string();
const nullableStr = z.string().nullable();

/** Rows as the database holds them; extra columns (a newer schema's) are kept and written where they exist. */
export const PlanRowsSchema = z.object({
  plan: RowSchema.and(z.object({ id: str.min(1), title: str, updated_at: str })),
  nodes: z.array(RowSchema.and(z.object({ id: str.min(1), plan_id: str, parent_id: nullableStr, position: z.number().int(), kind: z.enum(['section', 'measure', 'paragraph']) }))),
  measures: z.array(RowSchema.and(z.object({ node_id: str.min(1) }))),
  problems: z.array(RowSchema.and(z.object({ id: str.min(1), plan_id: str, key: str, text: str }))),
  problemMeasures: z.array(z.object({ problem_id: str, node_id: str })),
  statusEvents: z.array(RowSchema.and(z.object({ node_id: str, kind: str, on_date: str, created_at: str }))),
  attachments: z.array(RowSchema.and(z.object({ id: str.min(1), node_id: str, sha256: z.string().regex(/^[0-9a-f]{64}$/), original_name: str }))),
  blobs: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0), mime: str, created_at: str })),
  revisions: z.array(z.object({ created_at: str, reason: str, snapshot: str })),
});
export type PlanRows = z.infer<typeof PlanRowsSchema>;
export type Row = Record<string, unknown>;
