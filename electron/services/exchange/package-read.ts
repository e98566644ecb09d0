import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import { forEachZipEntry, streamBytes, type ZipSource } from '../files/bounded-zip.ts';
import { deleteBlob, isPinned, storeStream, type StoredBlob } from '../evidence/blob-store.ts';
import {
  EVIDENCE_PREFIX,
  MANIFEST_NAME,
  MAX_MANIFEST_BYTES,
  MAX_PLAN_JSON_BYTES,
  ManifestSchema,
  PACKAGE_FORMAT_VERSION,
  PACKAGE_ZIP_LIMITS,
  PLAN_NAME,
  PlanRowsSchema,
  type Manifest,
  type PlanRows,
} from './package-format.ts';

/**
 * Reading a .rectify package: the whole file is checked first — zip limits (the one bounded reader),
 * the manifest, every entry's SHA-256 and size against it, the schema version, and that the rows hang
 * together — before a single byte is stored. Only then are the evidence files streamed into the store.
 */

export interface ValidPackage {
  manifest: Manifest;
  rows: PlanRows;
  source: ZipSource;
  name: string;
}

const ADVICE = {
  tooLarge: '方案包可能已损坏，或是被特意构造的异常文件，未导入任何内容',
  corrupt: '方案包已损坏或不完整（例如复制时中断），未导入任何内容。请重新导出或重新复制后再导入',
};

function damaged(name: string, what: string): AppError {
  return new AppError('corrupt_file', `“${name}”${what}，方案包已损坏或被改动过，未导入任何内容。请重新导出或重新复制后再导入`);
}

function parseJson(buf: Buffer, name: string, what: string): unknown {
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    throw damaged(name, `的${what}无法读取`);
  }
}

/** Checks the rows reference each other as a plan's must (a hand-made package cannot smuggle rows into another plan). */
function checkRows(rows: PlanRows, manifest: Manifest, evidence: ReadonlySet<string>, name: string): void {
  const planId = rows.plan.id;
  if (planId !== manifest.planId) throw damaged(name, '的清单与内容不符（方案标识不同）');
  const nodes = new Set(rows.nodes.map((n) => n.id));
  if (nodes.size !== rows.nodes.length) throw damaged(name, '中有重复的大纲节点');
  for (const n of rows.nodes) {
    if (n.plan_id !== planId) throw damaged(name, '中有不属于该方案的大纲节点');
    if (n.parent_id !== null && !nodes.has(n.parent_id)) throw damaged(name, '中有找不到上级的大纲节点');
  }
  for (const m of rows.measures) if (!nodes.has(m.node_id)) throw damaged(name, '中有找不到节点的措施');
  const problems = new Set(rows.problems.map((p) => p.id));
  for (const p of rows.problems) if (p.plan_id !== planId) throw damaged(name, '中有不属于该方案的问题');
  for (const l of rows.problemMeasures) if (!problems.has(l.problem_id) || !nodes.has(l.node_id)) throw damaged(name, '中有无效的问题关联');
  for (const e of rows.statusEvents) if (!nodes.has(e.node_id)) throw damaged(name, '中有找不到措施的进展记录');
  const blobs = new Set(rows.blobs.map((b) => b.sha256));
  for (const a of rows.attachments) {
    if (!nodes.has(a.node_id)) throw damaged(name, '中有找不到措施的佐证材料');
    if (!blobs.has(a.sha256) || !evidence.has(a.sha256)) throw damaged(name, `缺少佐证材料“${a.original_name}”的文件`);
  }
}

/** Reads and checks a whole package; writes nothing. */
export async function readPackage(source: ZipSource, name: string, ourSchemaVersion: number): Promise<ValidPackage> {
  let manifestBytes: Buffer | null = null;
  let planBytes: Buffer | null = null;
  const seen = new Map<string, { sha256: string; size: number }>();
  await forEachZipEntry(
    source,
    () => true,
    async (entry, stream) => {
      if (seen.has(entry.name) || (entry.name === MANIFEST_NAME && manifestBytes !== null)) throw damaged(name, `中有重复的内部文件“${entry.name}”`);
      if (entry.name === MANIFEST_NAME || entry.name === PLAN_NAME) {
        const max = entry.name === MANIFEST_NAME ? MAX_MANIFEST_BYTES : MAX_PLAN_JSON_BYTES;
        if (entry.size > max) throw new AppError('too_large', `“${name}”中的“${entry.name}”超过 ${Math.round(max / 1024 / 1024)} MB。${ADVICE.tooLarge}`);
        const bytes = await streamBytes(stream);
        if (entry.name === MANIFEST_NAME) manifestBytes = bytes;
        else {
          planBytes = bytes;
          seen.set(entry.name, { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
        }
        return;
      }
      // Evidence (and anything else) is hashed as it streams by, never held in memory.
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of stream) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      seen.set(entry.name, { sha256: hash.digest('hex'), size });
    },
    { fileName: name, limits: PACKAGE_ZIP_LIMITS, advice: ADVICE },
  );
  if (manifestBytes === null) {
    throw new AppError('unsupported_file', `“${name}”不是整改方案工作台的方案包（缺少清单 ${MANIFEST_NAME}）`);
  }
  const parsedManifest = ManifestSchema.safeParse(parseJson(manifestBytes, name, '清单'));
  if (!parsedManifest.success) {
    const raw = parseJson(manifestBytes, name, '清单') as { format?: unknown } | null;
    if (raw?.format !== 'rectify-plan-package') throw new AppError('unsupported_file', `“${name}”不是整改方案工作台的方案包`);
    throw damaged(name, '的清单格式不正确');
  }
  const manifest = parsedManifest.data;
  if (manifest.formatVersion > PACKAGE_FORMAT_VERSION || manifest.schemaVersion > ourSchemaVersion) {
    throw new AppError('unsupported_file', `“${name}”由较新版本的整改方案工作台导出（数据版本 ${manifest.schemaVersion}，本机为 ${ourSchemaVersion}），请先升级本机的程序再导入`);
  }
  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  for (const [entryName, got] of seen) {
    const want = listed.get(entryName);
    if (!want) throw damaged(name, `中有清单之外的文件“${entryName}”`);
    if (want.sha256 !== got.sha256 || want.size !== got.size) throw damaged(name, `中的“${entryName}”与清单记录的校验值不符`);
  }
  for (const f of manifest.files) if (!seen.has(f.name)) throw damaged(name, `缺少清单中的文件“${f.name}”`);
  for (const f of manifest.files) {
    if (f.name.startsWith(EVIDENCE_PREFIX) && f.name.slice(EVIDENCE_PREFIX.length) !== f.sha256) throw damaged(name, `中的“${f.name}”名称与内容不符`);
  }
  if (planBytes === null) throw damaged(name, `缺少方案内容 ${PLAN_NAME}`);
  const parsedRows = PlanRowsSchema.safeParse(parseJson(planBytes, name, '方案内容'));
  if (!parsedRows.success) throw damaged(name, '的方案内容格式不正确');
  const evidence = new Set(manifest.files.filter((f) => f.name.startsWith(EVIDENCE_PREFIX)).map((f) => f.sha256));
  checkRows(parsedRows.data, manifest, evidence, name);
  return { manifest, rows: parsedRows.data, source, name };
}

/**
 * Streams the wanted evidence files into the store. Each is re-hashed by the store; on any failure the
 * blobs this call created are removed again. The caller releases the blobs once its rows are committed.
 */
export async function storePackageBlobs(dataDir: string, pkg: ValidPackage, wanted: ReadonlySet<string>): Promise<StoredBlob[]> {
  const stored: StoredBlob[] = [];
  try {
    await forEachZipEntry(
      pkg.source,
      (entryName) => entryName.startsWith(EVIDENCE_PREFIX) && wanted.has(entryName.slice(EVIDENCE_PREFIX.length)),
      async (entry, stream) => {
        const blob = await storeStream(dataDir, stream, { displayName: `${pkg.name}：${entry.name}` });
        stored.push(blob);
        // The file changed since it was checked (a package being overwritten meanwhile).
        if (blob.sha256 !== entry.name.slice(EVIDENCE_PREFIX.length)) throw damaged(pkg.name, `中的“${entry.name}”在读取过程中发生了变化`);
      },
      { fileName: pkg.name, limits: PACKAGE_ZIP_LIMITS, advice: ADVICE },
    );
    return stored;
  } catch (err) {
    await discardBlobs(dataDir, stored);
    throw err;
  }
}

/** Releases blobs and deletes those this import created (a failed import leaves nothing behind). */
export async function discardBlobs(dataDir: string, blobs: readonly StoredBlob[]): Promise<void> {
  for (const b of blobs) {
    b.release();
    // Another attach of the same content in this process still holds it: not ours to delete.
    if (!b.existed && !isPinned(b.sha256)) await deleteBlob(dataDir, b.sha256).catch(() => 0);
  }
}
