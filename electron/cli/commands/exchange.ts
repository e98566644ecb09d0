import path from 'node:path';
import type { CliCommand, CliIo } from '../command.ts';
import type { PackageDifference } from '../../../shared/api/exchange.ts';
import { CliUsageError, printJson, requirePositional, stringValue } from '../command.ts';

export const packCommand: CliCommand = {
  name: 'pack',
  usage: 'pack PLAN_ID -o FILE.rectify',
  summary: '导出方案包：方案、大纲、问题、状态历史、历史版本和佐证材料合为一个 .rectify 文件，供在另一台电脑上导入',
  options: { output: { type: 'string', short: 'o' } },
  async run(ctx) {
    const planId = requirePositional(ctx, 0, 'PLAN_ID');
    const output = stringValue(ctx.values.output);
    if (!output) throw new CliUsageError('请用 -o 指定导出的 .rectify 文件');
    if (path.extname(output).toLowerCase() !== '.rectify') throw new CliUsageError('方案包的文件名应以 .rectify 结尾');
    const r = await (await ctx.services()).call('exchange.pack', { planId, output: path.resolve(output) });
    ctx.out(`已导出方案包（措施${r.measures}项，佐证材料${r.attachments}个）：${r.path}`);
  },
};

export const unpackCommand: CliCommand = {
  name: 'unpack',
  usage: 'unpack FILE.rectify [--json] [--copy|--newer]',
  summary: '导入方案包：新方案直接加入；已有同一方案时只列出差异，--copy 保留两份，--newer 逐项取较新的一方',
  options: { json: { type: 'boolean' }, copy: { type: 'boolean' }, newer: { type: 'boolean' } },
  async run(ctx) {
    const file = requirePositional(ctx, 0, 'FILE.rectify');
    if (ctx.positionals.length > 1) throw new CliUsageError('unpack 一次导入一个方案包');
    if (ctx.values.copy && ctx.values.newer) throw new CliUsageError('--copy 与 --newer 只能选一个');
    const services = await ctx.services();
    const full = path.resolve(file);
    const mode = ctx.values.copy ? 'copy' : ctx.values.newer ? 'merge' : 'auto';
    const info = mode === 'auto' && !ctx.values.json ? await services.call('exchange.inspect', { path: full }) : null;
    const r = await services.call('exchange.unpack', { path: full, mode });
    if (ctx.values.json) {
      printJson(ctx, { planId: r.planId, created: r.created, differences: r.differences });
      return;
    }
    if (r.created) ctx.out(`已导入方案：${r.title}（${r.planId}）`);
    else if (mode === 'merge') ctx.out(`方案已在工作台中（${r.planId}）：${r.differences}处差异中取方案包较新的${r.applied}处`);
    else if (r.differences === 0) ctx.out(`方案已在工作台中（${r.planId}），与方案包没有差异`);
    else printDifferences(ctx, r, info?.differences ?? []);
  },
};

function printDifferences(ctx: CliIo, r: { planId: string; differences: number }, differences: readonly PackageDifference[]): void {
  ctx.out(`方案已在工作台中（${r.planId}），与方案包有${r.differences}处差异，未作改动：`);
  for (const d of differences) {
    const side = d.newer === 'package' ? '方案包较新' : d.newer === 'local' ? '本机较新' : '';
    const what = d.kind === 'added' ? '方案包中新增' : d.kind === 'removed' ? '仅本机有' : d.fields.join('、');
    ctx.out(`  ${d.label}\t${what}${side ? `（${side}）` : ''}`);
  }
  ctx.out('可用 --newer 逐项取较新的一方，或 --copy 作为新方案另存一份；也可在程序的“导入方案包”中逐项选择。');
}
