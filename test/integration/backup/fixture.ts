import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { blobPath } from '../../../electron/services/evidence/blob-store.ts';
import { tempDir } from '../../helpers/temp.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

/** Evidence files of a tracked plan: names and bytes a secretary would attach. */
export const EVIDENCE = [
  { originalName: '党组会议纪要（2026年第1次）.pdf', bytes: Buffer.from('%PDF-1.4 党组会议研究整改工作的纪要'.repeat(200)) },
  { originalName: '学习制度.docx', bytes: Buffer.from('PK 学习制度全文：每月第一周集中学习'.repeat(150)) },
];

export interface TrackedWorkbook {
  services: Services;
  dataDir: string;
  planId: string;
  measureIds: string[];
  attachmentIds: string[];
  shas: string[];
}

/** A workbook with the tracked plan, two evidence files, a status record and a revision. */
export async function trackedWorkbook(options: { dataDir?: string; allowUnopened?: boolean } = {}): Promise<TrackedWorkbook> {
  const dataDir = options.dataDir ?? tempDir();
  const services = await createServices({ dataDir, ...(options.allowUnopened ? { allowUnopened: true } : {}) });
  const { planId, measureIds } = await createTrackedPlan(services);
  const attachmentIds: string[] = [];
  const shas: string[] = [];
  for (const [i, e] of EVIDENCE.entries()) {
    const r = await services.call('evidence.attachData', { measureId: measureIds[i]!, originalName: e.originalName, dataBase64: e.bytes.toString('base64') });
    attachmentIds.push(r.attachmentId);
    shas.push(r.sha256);
  }
  await services.call('progress.setStatus', { measureId: measureIds[0]!, status: 'in_progress', date: '2026-01-10', note: '已召开专题学习会' });
  await services.call('revisions.create', { planId, reason: '保存' });
  return { services, dataDir, planId, measureIds, attachmentIds, shas };
}

export function evidenceBytes(dataDir: string, sha: string): Buffer {
  return readFileSync(blobPath(dataDir, sha));
}

export function setFiles(setDir: string): { db: string; manifest: string; evidence: (sha: string) => string } {
  return {
    db: path.join(setDir, 'workbook.sqlite'),
    manifest: path.join(setDir, 'manifest.json'),
    evidence: (sha) => path.join(setDir, 'evidence', sha),
  };
}
