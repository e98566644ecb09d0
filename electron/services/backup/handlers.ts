import type { HandlerTable } from '../context.ts';
import type { backupContract } from '../../../shared/api/backup.ts';
import { autoBackup, backupNow, backupOnce } from './auto.ts';
import { listBackups } from './listing.ts';
import { resolveBackup, verifyBackup, withVerification } from './catalog.ts';
import { backupStatus } from './status.ts';
import { addLocation, removeLocation } from './locations.ts';
import { previewRestore, restoreWorkbook } from './restore.ts';
import { listBackupPlans, restorePlanFromBackup } from './restore-plan.ts';

export const backupHandlers: HandlerTable<keyof typeof backupContract> = {
  'backup.create': ({ folder, note }, ctx) => backupOnce(ctx, { folder, note }),
  'backup.now': ({ note }, ctx) => backupNow(ctx, note),
  'backup.auto': ({ reason }, ctx) => autoBackup(ctx, reason),
  'backup.list': ({ from, verify }, ctx) => listBackups(ctx.dataDir, { from, verify: verify ?? false, progress: ctx.progress }),
  'backup.verify': async ({ backup }, ctx) => {
    const resolved = await resolveBackup(ctx.dataDir, backup);
    return withVerification(resolved.entry, await verifyBackup(resolved, ctx.progress));
  },
  'backup.status': (_input, ctx) => backupStatus(ctx),
  'backup.addLocation': async ({ folder }, ctx) => {
    await addLocation(ctx.dataDir, folder);
    return backupStatus(ctx);
  },
  'backup.removeLocation': async ({ location }, ctx) => {
    await removeLocation(ctx.dataDir, location);
    return backupStatus(ctx);
  },
  'backup.preview': ({ backup }, ctx) => previewRestore(ctx, backup),
  'backup.restore': ({ backup }, ctx) => restoreWorkbook(ctx, backup),
  'backup.plans': ({ backup }, ctx) => listBackupPlans(ctx, backup),
  'backup.restorePlan': ({ backup, planId }, ctx) => restorePlanFromBackup(ctx, backup, planId),
};
