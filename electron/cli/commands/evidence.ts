import path from 'node:path';
import type { CliCommand } from '../command.ts';
import { CliUsageError, printJson, requirePositional } from '../command.ts';
import { AppError } from '../../../shared/errors.ts';
import { EVIDENCE_TYPES, type EvidenceType } from '../../../shared/api/evidence.ts';

// The evidence store loads only when a command here runs (not for `rectify --help`).
const attachments = () => import('../../services/evidence/attachments.ts');

function stringValue(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export const attachCommand: CliCommand = {
  name: 'attach',
  usage: 'attach MEASURE_ID 文件... [--type 类型] [--date YYYY-MM-DD] [--note 说明] [--by 姓名] [--json]',
  summary: `把文件作为佐证材料附到措施（类型：${EVIDENCE_TYPES.join('、')}；不指定时按文件名判断）`,
  options: { type: { type: 'string' }, date: { type: 'string' }, note: { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const measureId = requirePositional(ctx, 0, 'MEASURE_ID');
    const files = ctx.positionals.slice(1);
    if (files.length === 0) throw new CliUsageError('缺少参数 文件（可以一次给出多个）');
    const type = stringValue(ctx.values.type);
    if (type !== undefined && !(EVIDENCE_TYPES as readonly string[]).includes(type)) {
      throw new CliUsageError(`材料类型只能是：${EVIDENCE_TYPES.join('、')}`);
    }
    const date = stringValue(ctx.values.date);
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new CliUsageError('--date 的格式应为 YYYY-MM-DD');
    const services = await ctx.services();
    const { attachPath, formatSize } = await attachments();
    const results: { attachmentId: string; sha256: string }[] = [];
    let failed = 0;
    for (const file of files) {
      const name = path.basename(file);
      const showProgress = process.stderr.isTTY && !ctx.values.json;
      try {
        // Straight to the service function (not the RPC) so large files report progress as they stream.
        const r = await attachPath(services.context, {
          measureId,
          path: path.resolve(file),
          ...(type ? { type: type as EvidenceType } : {}),
          date: date ?? null,
          note: stringValue(ctx.values.note) ?? null,
          addedBy: stringValue(ctx.values.by) ?? null,
          ...(showProgress
            ? {
                onProgress: (p: { bytes: number; total: number | null }) => {
                  const pct = p.total ? ` ${Math.floor((p.bytes / p.total) * 100)}%` : '';
                  process.stderr.write(`\r正在添加「${name}」：${formatSize(p.bytes)}${pct}   `);
                },
              }
            : {}),
        });
        if (showProgress) process.stderr.write('\n');
        results.push({ attachmentId: r.attachmentId, sha256: r.sha256 });
        if (!ctx.values.json) {
          ctx.out(`已添加「${r.attachment.originalName}」（${r.attachment.type}，${formatSize(r.size)}${r.deduplicated ? '，与已有文件内容相同，未重复存储' : ''}）：${r.attachmentId}`);
        }
      } catch (err) {
        if (showProgress) process.stderr.write('\n');
        if (!(err instanceof AppError) || err.code === 'internal') throw err;
        // One bad file does not stop the others; each file is all-or-nothing on its own.
        failed++;
        ctx.err(`未添加「${name}」：${err.message}`);
        if (err.code === 'not_found' && /措施/.test(err.message)) throw err;
      }
    }
    // As with `import`: one file named → one object; several → an array (of those that were added).
    if (ctx.values.json) {
      if (files.length > 1) printJson(ctx, results);
      else if (results[0]) printJson(ctx, results[0]);
    }
    return failed > 0 ? 2 : 0;
  },
};

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify [--json]',
  summary: '完整性检查：重新校验全部佐证材料，列出缺失或被改动的文件',
  options: { json: { type: 'boolean' } },
  async run(ctx) {
    const result = await (await ctx.services()).call('evidence.verify', {});
    const { formatSize } = await attachments();
    if (ctx.values.json) printJson(ctx, result);
    else if (result.ok) ctx.out(`全部 ${result.checked} 个佐证材料文件完好（共 ${formatSize(result.bytes)}）。`);
    else {
      ctx.out(`检查了 ${result.checked} 个文件，发现 ${result.problems.length} 个有问题：`);
      for (const p of result.problems) {
        const state = p.state === 'missing' ? '文件缺失' : '内容被改动';
        if (p.attachments.length === 0) ctx.out(`  ${state}：${p.sha256}（未被任何材料引用）`);
        for (const a of p.attachments) {
          ctx.out(`  ${state}：方案「${a.planTitle}」措施 ${a.measurePath}「${a.measureHeading}」的「${a.originalName}」${a.removed ? '（已移除）' : ''}`);
        }
      }
      ctx.out('请从原件重新添加这些材料。');
    }
    return result.ok ? 0 : 3;
  },
};

export const evidencePackageCommand: CliCommand = {
  name: 'evidence',
  usage: 'evidence PLAN_ID -o 文件夹|文件.zip [--catalog xlsx|docx] [--json]',
  summary: '导出佐证材料包：按措施编号和类型重命名（如 三-1-2_会议纪要_20260115.pdf），附佐证材料目录',
  options: { output: { type: 'string', short: 'o' }, catalog: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const planId = requirePositional(ctx, 0, 'PLAN_ID');
    const output = stringValue(ctx.values.output);
    if (!output) throw new CliUsageError('请用 -o 指定导出的文件夹或 .zip 文件');
    const catalog = stringValue(ctx.values.catalog);
    if (catalog !== undefined && catalog !== 'xlsx' && catalog !== 'docx') throw new CliUsageError('--catalog 只能是 xlsx 或 docx');
    const result = await (await ctx.services()).call('evidence.exportPackage', {
      planId,
      output: path.resolve(output),
      ...(catalog ? { catalog } : {}),
    });
    if (ctx.values.json) return printJson(ctx, result);
    ctx.out(`已导出佐证材料包（${result.entries.length}个文件和${result.catalogName}）：${result.path}`);
  },
};
