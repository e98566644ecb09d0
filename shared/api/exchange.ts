import { z } from 'zod';
import { method } from './define.ts';
import { PlanIdSchema } from './plans.ts';

/**
 * Plan exchange files (方案包, .rectify): one zip carrying a plan to another PC — its outline, problems,
 * fields, status history, revisions and evidence — with a manifest of hashes. Reading one validates
 * everything (zip limits, hashes, schema version) before anything is written; a plan that already
 * exists (same id) is compared measure by measure and the user keeps both or takes the newer side.
 */

export const PACKAGE_EXTENSION = '.rectify';

export const PACKAGE_DIFFERENCE_KINDS = ['changed', 'added', 'removed', 'header'] as const;

export const PackageDifferenceSchema = z.object({
  /** the node id (measures and other outline nodes), or 'header' for the plan's own fields */
  nodeId: z.string(),
  kind: z.enum(PACKAGE_DIFFERENCE_KINDS),
  /** what the user reads: 编号 and heading, or the header field */
  label: z.string(),
  /** changed fields in Chinese (标题, 状态, 进展记录 …) */
  fields: z.array(z.string()),
  /** what this computer has / what the package has (short text) */
  local: z.string().nullable(),
  incoming: z.string().nullable(),
  /** which side changed last (by the latest recorded change of the measure, else the plan's) */
  newer: z.enum(['local', 'package', 'same']),
  /** whether taking the package's side is possible (a measure only this computer has is always kept) */
  choosable: z.boolean(),
});
export type PackageDifference = z.infer<typeof PackageDifferenceSchema>;

export const PackageInfoSchema = z.object({
  planId: z.string(),
  title: z.string(),
  createdAt: z.string(),
  measures: z.number().int(),
  attachments: z.number().int(),
  revisions: z.number().int(),
  /** a plan with this id is in the workbook already */
  exists: z.boolean(),
  differences: z.array(PackageDifferenceSchema),
});
export type PackageInfo = z.infer<typeof PackageInfoSchema>;

/** Where a package comes from: a path (CLI; desktop: a file chosen in the open dialog) or its bytes (browser). */
const PackageSourceSchema = z.object({
  path: z.string().min(1).optional(),
  fileName: z.string().max(255).optional(),
  dataBase64: z.string().optional(),
});

export const exchangeContract = {
  'exchange.pack': method(
    z.object({ planId: PlanIdSchema, output: z.string().min(1, '请指定导出的 .rectify 文件') }),
    z.object({ path: z.string(), planId: z.string(), measures: z.number().int(), attachments: z.number().int(), bytes: z.number().int() }),
    '导出方案包（.rectify）：方案、大纲、问题、状态历史、历史版本和佐证材料',
  ),
  'exchange.inspect': method(PackageSourceSchema, PackageInfoSchema, '读取并校验方案包，列出与本机同一方案的差异（不保存）'),
  'exchange.unpack': method(
    PackageSourceSchema.extend({
      /**
       * auto: add the plan when it is new, else change nothing and report the differences;
       * copy: keep both (the package becomes a new plan with new ids);
       * merge: take the package's side where `take` says so (default: where the package is newer)
       */
      mode: z.enum(['auto', 'copy', 'merge']).optional(),
      /** merge: node ids whose package side is taken; absent = every difference where the package is newer */
      take: z.array(z.string()).max(100_000).optional(),
    }),
    z.object({ planId: z.string(), created: z.boolean(), differences: z.number().int(), applied: z.number().int(), title: z.string() }),
    '导入方案包：新方案直接加入；已有同一方案时保留两份或逐项取较新的一方',
  ),
} as const;
