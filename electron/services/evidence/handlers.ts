import { stat } from 'node:fs/promises';
import { trackTransfer, transferProgress } from './transfers.ts';
import type { HandlerTable } from '../context.ts';
import type { evidenceContract } from '../../../shared/api/evidence.ts';
import {
  attachBuffer,
  attachPath,
  getAttachment,
  listAttachments,
  readAttachment,
  removeAttachment,
  restoreAttachment,
  updateAttachment,
} from './attachments.ts';
import { collectGarbage, verifyStore } from './maintenance.ts';
import { copyOut, saveCopy } from './copies.ts';
import { exportEvidencePackage } from './package.ts';

export const evidenceHandlers: HandlerTable<keyof typeof evidenceContract> = {
  'evidence.list': (input, { db }) => listAttachments(db, input),
  'evidence.attachPath': async ({ path, transferId, ...rest }, ctx) => {
    const total = await stat(path).then(
      (st) => st.size,
      () => null,
    );
    return trackTransfer(ctx.db, transferId, total, (onProgress) => attachPath(ctx, { ...rest, path, ...(onProgress ? { onProgress } : {}) }));
  },
  'evidence.transferProgress': ({ transferId }, { db }) => transferProgress(db, transferId),
  'evidence.attachData': ({ dataBase64, ...rest }, ctx) => attachBuffer(ctx, { ...rest, data: Buffer.from(dataBase64, 'base64') }),
  'evidence.update': (input, { db }) => updateAttachment(db, input),
  'evidence.remove': ({ attachmentId }, { db }) => removeAttachment(db, attachmentId),
  'evidence.restore': ({ attachmentId }, { db }) => restoreAttachment(db, attachmentId),
  'evidence.read': ({ attachmentId, maxBytes }, ctx) => readAttachment(ctx, attachmentId, maxBytes),
  'evidence.copyOut': ({ attachmentId, dir }, ctx) => {
    getAttachment(ctx.db, attachmentId);
    return copyOut(ctx, attachmentId, dir);
  },
  'evidence.saveCopy': ({ attachmentId, output }, ctx) => saveCopy(ctx, attachmentId, output),
  'evidence.verify': (_input, ctx) =>
    verifyStore(ctx, ctx.progress ? ({ checked, total }) => ctx.progress?.({ task: 'verify', stage: '正在校验佐证材料', done: checked, total }) : undefined),
  'evidence.collectGarbage': (input, ctx) => collectGarbage(ctx, input.purgeRemovedDays === undefined ? {} : { purgeRemovedDays: input.purgeRemovedDays }),
  'evidence.exportPackage': (input, ctx) => exportEvidencePackage(ctx, input),
};
