import path from 'node:path';
import type { CliCommand, CliContext } from '../command.ts';
import { CliUsageError, printJson, requirePositional, stringValue } from '../command.ts';
import { AppError } from '../../../shared/errors.ts';
import { BACKUP_KIND_LABELS, type BackupEntry } from '../../../shared/api/backup.ts';
import type { ProgressListener } from '../../../shared/api/task-progress.ts';
import { localDateTime } from '../../../shared/progress/dates.ts';

const sizes = async () => (await import('../../services/evidence/attachments.ts')).formatSize;

/**
 * Progress of a long copy on stderr: updated in place in a terminal, one line per stage otherwise (a
 * log). Nothing with --json, whose stdout is for scripts.
 */
function progressPrinter(ctx: CliContext): { listener: ProgressListener | undefined; end(): void } {
  if (ctx.values.json) return { listener: undefined, end: () => undefined };
  const tty = process.stderr.isTTY === true;
  let lastStage = '';
  let wrote = false;
  return {
    listener: (p) => {
      if (tty) {
        process.stderr.write(`\r${p.stage}${p.total !== null ? ` ${Math.min(p.done, p.total)}/${p.total}` : ''}      `);
        wrote = true;
      } else if (p.stage !== lastStage) {
        process.stderr.write(`${p.stage}……\n`);
      }
      lastStage = p.stage;
    },
    end: () => {
      if (wrote) process.stderr.write('\n');
      wrote = false;
    },
  };
}

async function withProgress<T>(ctx: CliContext, work: (onProgress: ProgressListener | undefined) => Promise<T>): Promise<T> {
  const printer = progressPrinter(ctx);
  try {
    return await work(printer.listener);
  } finally {
    printer.end();
  }
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup [--to DIR] [--note TEXT] [--json]',
  summary: '立即备份：数据库和佐证材料写入数据目录的 backups 文件夹（或 --to 指定的文件夹），备份后校验',
  options: { to: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const to = stringValue(ctx.values.to);
    if (to === '') throw new CliUsageError('--to 需要一个文件夹');
    const note = stringValue(ctx.values.note);
    const services = await ctx.services();
    const r = await withProgress(ctx, (onProgress) =>
      services.call('backup.create', { ...(to ? { folder: path.resolve(to) } : {}), ...(note ? { note } : {}) }, onProgress ? { onProgress } : {}),
    );
    if (ctx.values.json) {
      return printJson(ctx, {
        path: r.path,
        createdAt: r.createdAt,
        plans: r.plans,
        measures: r.measures,
        attachments: r.attachments,
        bytesCopied: r.bytesCopied,
        bytesTotal: r.bytesTotal,
      });
    }
    const formatSize = await sizes();
    ctx.out(`已备份到：${r.path}`);
    ctx.out(
      `${r.plans} 个方案、${r.measures} 项措施、${r.attachments} 个佐证材料；本次写入 ${formatSize(r.bytesCopied)}（备份共 ${formatSize(r.bytesTotal)}` +
        `${r.evidenceReused > 0 ? `，${r.evidenceReused} 个佐证材料文件与已有备份相同，未重复复制` : ''}），已校验。`,
    );
    for (const p of r.evidenceProblems) ctx.err(`注意：${p}`);
  },
};

function entryLine(b: BackupEntry, formatSize: (n: number) => string): string {
  const state = b.problems.length > 0 ? `损坏：${b.problems.slice(0, 2).join('；')}` : b.verified ? '已校验' : '未校验';
  const kind = BACKUP_KIND_LABELS[b.kind] + (b.format === 'file' ? '（早期版本，仅数据库）' : '');
  return `${localDateTime(b.createdAt)}  ${kind}  ${b.plans} 个方案、${b.measures} 项措施、${b.attachments} 个佐证材料  ${formatSize(b.bytes)}  ${state}\n    ${b.path}`;
}

export const backupsCommand: CliCommand = {
  name: 'backups',
  usage: 'backups [--json] [--verify]',
  summary: '列出全部备份位置中的备份（新的在前）；--verify 逐个重新校验，有损坏的备份时退出码 3',
  options: { json: { type: 'boolean' }, verify: { type: 'boolean' } },
  async run(ctx) {
    const verify = ctx.values.verify === true;
    // The list is what a damaged workbook needs most: it does not have to be opened for it.
    const services = await ctx.services({ allowUnopened: true });
    const listing = await withProgress(ctx, (onProgress) => services.call('backup.list', { verify }, onProgress ? { onProgress } : {}));
    const damaged = listing.backups.filter((b) => b.problems.length > 0);
    if (ctx.values.json) {
      printJson(
        ctx,
        listing.backups.map((b) => ({
          path: b.path,
          createdAt: b.createdAt,
          kind: b.kind,
          plans: b.plans,
          measures: b.measures,
          attachments: b.attachments,
          bytes: b.bytes,
          verified: b.verified,
        })),
      );
    } else {
      const formatSize = await sizes();
      if (listing.backups.length === 0) ctx.out('（还没有备份）');
      for (const b of listing.backups) ctx.out(entryLine(b, formatSize));
      for (const u of listing.unavailable) ctx.out(`备份位置「${u}」现在无法访问（U 盘未插入或网络位置未连接），其中的备份未列出。`);
      if (listing.incomplete > 0) ctx.out(`另有 ${listing.incomplete} 个未完成的备份（中断或 U 盘被拔出），不能用于恢复，已忽略。`);
      if (verify) ctx.out(damaged.length === 0 ? `全部 ${listing.backups.length} 个备份校验通过。` : `发现 ${damaged.length} 个损坏的备份，不能用于恢复。`);
    }
    return verify && damaged.length > 0 ? 3 : 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore BACKUP_PATH [--plan PLAN_ID] [--yes]',
  summary: '从备份恢复整个工作台（先做恢复前自动备份）；--plan 只把其中一个方案恢复为新方案；不加 --yes 时只说明将替换什么（退出码 2）',
  options: { plan: { type: 'string' }, yes: { type: 'boolean' } },
  async run(ctx) {
    const backup = path.resolve(requirePositional(ctx, 0, 'BACKUP_PATH'));
    const planId = stringValue(ctx.values.plan);
    const yes = ctx.values.yes === true;
    // Restoring is how a damaged workbook is repaired, so it must work when the workbook cannot be opened.
    const services = await ctx.services({ allowUnopened: !planId });
    if (planId) {
      const plans = await services.call('backup.plans', { backup });
      const plan = plans.find((p) => p.id === planId);
      if (!plan) throw new AppError('not_found', `备份中没有这个方案：${planId}（可用 rectify restore "${backup}" 查看备份中的方案）`);
      if (!yes) {
        ctx.out(`将把备份中的方案「${plan.title}」（${plan.measureCount} 项措施，连同历史版本、进展记录和佐证材料）作为新方案加入工作台；工作台中现有的内容不会被替换。`);
        ctx.out(`确认恢复请加 --yes：rectify restore "${backup}" --plan ${planId} --yes`);
        return 2;
      }
      const restored = await services.call('backup.restorePlan', { backup, planId });
      ctx.out(`已从备份恢复方案「${restored.title}」（${restored.measureCount} 项措施），新方案编号：${restored.id}`);
      return;
    }
    const preview = await services.call('backup.preview', { backup });
    if (!yes) {
      ctx.out(preview.message);
      const plans = preview.backup.problems.length === 0 ? await services.call('backup.plans', { backup }).catch(() => []) : [];
      if (plans.length > 0) {
        ctx.out('备份中的方案：');
        for (const p of plans) ctx.out(`  ${p.id}  ${p.title}（${p.measureCount} 项措施）${p.existsNow ? '' : '——工作台中已没有'}`);
        ctx.out(`只恢复其中一个方案（作为新方案，不替换其他内容）：rectify restore "${backup}" --plan 方案编号 --yes`);
      }
      ctx.out(`确认恢复整个工作台请加 --yes：rectify restore "${backup}" --yes`);
      return 2;
    }
    const r = await withProgress(ctx, (onProgress) => services.call('backup.restore', { backup }, onProgress ? { onProgress } : {}));
    ctx.out(`已从备份恢复工作台：${localDateTime(r.restored.createdAt)} 的${BACKUP_KIND_LABELS[r.restored.kind]}（${r.restored.plans} 个方案、${r.restored.measures} 项措施、${r.restored.attachments} 个佐证材料）。`);
    if (r.safetyBackup) ctx.out(`恢复前的工作台已备份到：${r.safetyBackup}（需要时可用 rectify restore 再恢复回来）`);
    if (r.movedAside) ctx.out(`原来无法打开的数据文件已移到：${r.movedAside}`);
  },
};
