import type { HandlerTable } from '../context.ts';
import type { evidenceContract } from '../../../shared/api/evidence.ts';
import {
  attachBuffer,
  attachPath,
  copyOut,
  getAttachment,
  listAttachments,
  readAttachment,
  removeAttachment,
  restoreAttachment,
  updateAttachment,
} from './attachments.ts';
import { collectGarbage, verifyStore } from './maintenance.ts';
import { exportEvidencePackage } from './package.ts';

export const evidenceHandlers: HandlerTable<keyof typeof evidenceContract> = {
  'evidence.list': (input, { db }) => listAttachments(db, input),
  'evidence.attachPath': ({ path, ...rest }, ctx) => attachPath(ctx, { ...rest, path }),
  'evidence.attachData': ({ dataBase64, ...rest }, ctx) => attachBuffer(ctx, { ...rest, data: Buffer.from(dataBase64, 'base64') }),
  'evidence.update': (input, { db }) => updateAttachment(db, input),
  'evidence.remove': ({ attachmentId }, { db }) => removeAttachment(db, attachmentId),
  'evidence.restore': ({ attachmentId }, { db }) => restoreAttachment(db, attachmentId),
  'evidence.read': ({ attachmentId, maxBytes }, ctx) => readAttachment(ctx, attachmentId, maxBytes),
  'evidence.copyOut': ({ attachmentId, dir }, ctx) => {
    getAttachment(ctx.db, attachmentId);
    return copyOut(ctx, attachmentId, dir);
  },
  'evidence.verify': (_input, ctx) => verifyStore(ctx),
  'evidence.collectGarbage': (input, ctx) => collectGarbage(ctx, input.purgeRemovedDays === undefined ? {} : { purgeRemovedDays: input.purgeRemovedDays }),
  'evidence.exportPackage': (input, ctx) => exportEvidencePackage(ctx, input),
};
