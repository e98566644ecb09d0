import path from 'node:path';
import type { CliCommand } from '../command.ts';
import { CliUsageError, printJson, requirePositional } from '../command.ts';
import { MEASURE_STATUSES, STATUS_LABELS } from '../../../shared/domain/status.ts';

// The tracking service loads only when `status` runs (not for `rectify --help`).
const events = () => import('../../services/progress/events.ts');

const json = { json: { type: 'boolean' } } as const;

function stringValue(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export const measuresCommand: CliCommand = {
  name: 'measures',
  usage: 'measures PLAN_ID [--json]',
  summary: '按大纲顺序列出方案的整改措施（编号路径如 三-1-2）',
  options: json,
  async run(ctx) {
    const planId = requirePositional(ctx, 0, 'PLAN_ID');
    const list = await (await ctx.services()).call('progress.measures', { planId });
    if (ctx.values.json) return printJson(ctx, list);
    if (list.length === 0) return ctx.out('（方案还没有整改措施）');
    for (const m of list) {
      ctx.out([m.id, m.path, m.heading, m.leader ?? '', m.department ?? '', m.deadline ?? '', STATUS_LABELS[m.status]].join('\t'));
    }
  },
};

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'status MEASURE_ID STATUS [--note 文字] [--date YYYY-MM-DD] [--by 姓名] [--json]',
  summary: `记录措施状态（${MEASURE_STATUSES.join('/')} 或中文：已完成、已销号…；销号时 --by 为审核人）`,
  options: { note: { type: 'string' }, date: { type: 'string' }, by: { type: 'string' }, ...json },
  async run(ctx) {
    const measureId = requirePositional(ctx, 0, 'MEASURE_ID');
    const word = requirePositional(ctx, 1, 'STATUS');
    const { parseStatusWord } = await events();
    const status = parseStatusWord(word);
    if (!status) {
      throw new CliUsageError(`不认识的状态「${word}」，可用：${MEASURE_STATUSES.map((s) => `${s}（${STATUS_LABELS[s]}）`).join('、')}`);
    }
    const by = stringValue(ctx.values.by);
    const result = await (await ctx.services()).call('progress.setStatus', {
      measureId,
      status,
      note: stringValue(ctx.values.note),
      date: stringValue(ctx.values.date),
      by,
      ...(status === 'closed' ? { approver: by } : {}),
    });
    if (ctx.values.json) return printJson(ctx, result);
    const m = result.measure;
    ctx.out(`措施 ${m.path}「${m.heading}」状态已记为：${m.statusLabel}${m.status === 'closed' && m.closedOn ? `（${m.closedOn}销号）` : ''}`);
  },
};

export const ledgerCommand: CliCommand = {
  name: 'ledger',
  usage: 'ledger PLAN_ID -o 文件.xlsx|文件.docx [--columns D|E]',
  summary: '导出整改台账（Excel 或 Word；默认列组 E：含进展、佐证材料、是否销号）',
  options: { output: { type: 'string', short: 'o' }, columns: { type: 'string' } },
  async run(ctx) {
    const planId = requirePositional(ctx, 0, 'PLAN_ID');
    const output = stringValue(ctx.values.output);
    if (!output) throw new CliUsageError('请用 -o 指定导出文件（.xlsx 或 .docx）');
    const columns = stringValue(ctx.values.columns);
    if (columns !== undefined && columns !== 'D' && columns !== 'E') throw new CliUsageError('--columns 只能是 D 或 E');
    const result = await (await ctx.services()).call('progress.exportLedger', {
      planId,
      output: path.resolve(output),
      ...(columns ? { columnSet: columns } : {}),
    });
    ctx.out(`已导出整改台账（${result.rows}项措施）：${result.path}`);
  },
};

export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'report PLAN_ID -o 文件.docx [--as-of YYYY-MM-DD] [--save]',
  summary: '由整改数据生成整改落实情况报告并导出 Word（附整改台账）；--save 同时存为可编辑的新方案',
  options: { output: { type: 'string', short: 'o' }, 'as-of': { type: 'string' }, save: { type: 'boolean' } },
  async run(ctx) {
    const planId = requirePositional(ctx, 0, 'PLAN_ID');
    const output = stringValue(ctx.values.output);
    if (!output) throw new CliUsageError('请用 -o 指定导出文件（.docx）');
    if (path.extname(output).toLowerCase() !== '.docx') throw new CliUsageError('报告只能导出为 .docx 文件');
    const asOf = stringValue(ctx.values['as-of']);
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliUsageError('--as-of 的格式应为 YYYY-MM-DD');
    const services = await ctx.services();
    const result = await services.call('progress.exportReport', { planId, output: path.resolve(output), ...(asOf ? { asOf } : {}) });
    for (const w of result.warnings) ctx.err(`提示：${w}`);
    ctx.out(`已导出整改落实情况报告：${result.path}`);
    if (ctx.values.save) {
      const saved = await services.call('progress.generateReport', { planId, ...(asOf ? { asOf } : {}) });
      ctx.out(`报告已另存为可编辑的方案：${saved.title}（${saved.id}）`);
    }
  },
};
