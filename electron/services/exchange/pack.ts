import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ProgressListener } from '../../../shared/api/task-progress.ts';
import { writeFileWith } from '../files/atomic-write.ts';
import { blobPath } from '../evidence/blob-store.ts';
import { nowIso } from '../ids.ts';
import { EVIDENCE_PREFIX, MANIFEST_NAME, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, PLAN_NAME, type Manifest, type PlanRows, type Row } from './package-format.ts';

/**
 * 导出方案包: the plan's rows and its evidence files into one .rectify zip, written atomically. Every
 * blob is hashed as it is read (its name must be its hash), so a damaged store fails the export with a
 * message instead of shipping a bad copy.
 */

const NODE_IN_PLAN = 'node_id IN (SELECT id FROM nodes WHERE plan_id = ?)';

/** The plan as rows (what plan.json holds). */
export function planRows(db: Db, planId: string): PlanRows {
  const plan = db.prepare('SELECT * FROM plans WHERE id = ?').get(planId) as Row | undefined;
  if (!plan) throw new AppError('not_found', `找不到方案：${planId}`);
  const all = (sql: string) => db.prepare(sql).all(planId) as Row[];
  const statusEvents = all(`SELECT * FROM status_events WHERE ${NODE_IN_PLAN} ORDER BY id`).map(({ id: _id, ...rest }) => rest);
  const attachments = all(`SELECT * FROM attachments WHERE ${NODE_IN_PLAN} AND removed_at IS NULL ORDER BY added_at, rowid`);
  return {
    plan: plan as PlanRows['plan'],
    nodes: all('SELECT * FROM nodes WHERE plan_id = ? ORDER BY rowid') as PlanRows['nodes'],
    measures: all(`SELECT * FROM measures WHERE ${NODE_IN_PLAN}`) as PlanRows['measures'],
    problems: all('SELECT * FROM problems WHERE plan_id = ? ORDER BY position, rowid') as PlanRows['problems'],
    problemMeasures: all('SELECT problem_id, node_id FROM problem_measures WHERE problem_id IN (SELECT id FROM problems WHERE plan_id = ?)') as PlanRows['problemMeasures'],
    statusEvents: statusEvents as PlanRows['statusEvents'],
    attachments: attachments as PlanRows['attachments'],
    blobs: db
      .prepare(`SELECT DISTINCT b.sha256, b.size, b.mime, b.created_at FROM blobs b JOIN attachments a ON a.sha256 = b.sha256 WHERE a.${NODE_IN_PLAN} AND a.removed_at IS NULL`)
      .all(planId) as PlanRows['blobs'],
    revisions: all('SELECT created_at, reason, snapshot FROM revisions WHERE plan_id = ? ORDER BY id') as PlanRows['revisions'],
  };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hashes a stored blob while checking it is there and intact; the manifest entry for it. */
async function checkedBlob(dataDir: string, sha: string, size: number): Promise<{ name: string; sha256: string; size: number }> {
  const file = blobPath(dataDir, sha);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch {
    throw new AppError('corrupt_file', `佐证材料文件 ${sha.slice(0, 12)}… 已丢失，无法导出方案包。请运行完整性检查（rectify verify）并重新添加原件`);
  }
  if (hash.digest('hex') !== sha || bytes !== size) {
    throw new AppError('corrupt_file', `佐证材料文件 ${sha.slice(0, 12)}… 的内容已被改动，无法导出方案包。请运行完整性检查（rectify verify）并重新添加原件`);
  }
  return { name: `${EVIDENCE_PREFIX}${sha}`, sha256: sha, size };
}

export async function packPlan(
  ctx: { db: Db; dataDir: string; progress?: ProgressListener | undefined },
  input: { planId: string; output: string },
): Promise<{ path: string; planId: string; measures: number; attachments: number; bytes: number }> {
  const rows = planRows(ctx.db, input.planId);
  const schemaVersion = ctx.db.pragma('user_version', { simple: true }) as number;
  const planJson = Buffer.from(JSON.stringify(rows), 'utf8');
  const report = (done: number): void => ctx.progress?.({ task: 'package', stage: '正在导出方案包', done, total: rows.blobs.length });
  report(0);
  const evidence: Manifest['files'] = [];
  for (const b of rows.blobs) evidence.push(await checkedBlob(ctx.dataDir, b.sha256, b.size));
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    schemaVersion,
    createdAt: nowIso(),
    planId: input.planId,
    title: String(rows.plan.title),
    files: [{ name: PLAN_NAME, sha256: sha256(planJson), size: planJson.length }, ...evidence],
  };
  const output = path.resolve(input.output);
  await writeFileWith(
    output,
    async (temp) => {
      const zip = new yazl.ZipFile();
      const mtime = new Date();
      zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'), MANIFEST_NAME, { mtime });
      zip.addBuffer(planJson, PLAN_NAME, { mtime });
      evidence.forEach((e, i) => {
        zip.addReadStreamLazy(e.name, { compress: false, size: e.size, mtime }, (cb) => {
          report(i);
          cb(null, createReadStream(blobPath(ctx.dataDir, e.sha256)));
        });
      });
      zip.on('error', (err: Error) => (zip.outputStream as Readable).destroy(err));
      zip.end();
      await pipeline(zip.outputStream, createWriteStream(temp));
      report(evidence.length);
    },
    { createFolder: true, dataDir: ctx.dataDir },
  );
  const measures = rows.nodes.filter((n) => n.kind === 'measure').length;
  return { path: output, planId: input.planId, measures, attachments: rows.attachments.length, bytes: (await stat(output)).size };
}
