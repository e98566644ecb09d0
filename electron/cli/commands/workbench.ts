import type { CliCommand } from '../command.ts';
import { CliUsageError, printJson } from '../command.ts';
import { STATUS_LABELS } from '../../../shared/domain/status.ts';
import { SEARCH_FIELD_LABELS } from '../../../shared/search/fields.ts';
import { bracketed } from '../../../shared/search/snippet.ts';
import type { DueRow } from '../../../shared/api/workbench.ts';

const json = { json: { type: 'boolean' } } as const;

function wholeNumber(value: unknown, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) < min) throw new CliUsageError(`${option} 须为不小于 ${min} 的整数，收到「${text}」`);
  return Number(text);
}

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'search QUERY [--plan PLAN_ID] [--limit N] [--json]',
  summary: '搜索全部方案的标题、正文、措施字段、问题、进展说明和佐证材料名称（一两个字也可以），最相关的在前',
  options: { plan: { type: 'string' }, limit: { type: 'string' }, ...json },
  async run(ctx) {
    // Unquoted words arrive as several arguments: they are one query (every word must occur).
    const query = ctx.positionals.join(' ').trim();
    if (query === '') throw new CliUsageError('缺少参数 QUERY（要搜索的文字）');
    const limit = wholeNumber(ctx.values.limit, '--limit', 1);
    const planId = typeof ctx.values.plan === 'string' ? ctx.values.plan : undefined;
    const result = await (await ctx.services()).call('search.query', { query, ...(planId !== undefined ? { planId } : {}), ...(limit !== undefined ? { limit } : {}) });
    if (ctx.values.json) {
      return printJson(
        ctx,
        result.hits.map((h) => ({ planId: h.planId, planTitle: h.planTitle, nodeId: h.nodeId, path: h.path, kind: h.kind, field: h.field, snippet: h.snippet })),
      );
    }
    if (result.hits.length === 0) return ctx.out(`（没有找到「${query}」）`);
    let plan: string | null = null;
    for (const h of result.hits) {
      if (h.planId !== plan) {
        plan = h.planId;
        ctx.out(`${h.planTitle}${h.planArchived ? '（已归档）' : ''}  ${h.planId}`);
      }
      const where = [h.path, SEARCH_FIELD_LABELS[h.field]].filter((s) => s !== '').join(' ');
      ctx.out(`  ${where}：${bracketed(h)}${h.nodeId ? `  ${h.nodeId}` : ''}`);
    }
    if (result.truncated) ctx.out(`（只列出前 ${result.hits.length} 条；请输入更长的词、用 --plan 限定方案或用 --limit 放宽条数）`);
  },
};

function when(row: DueRow): string {
  if (row.daysOverdue === null) return '无明确日期';
  if (row.daysOverdue > 0) return `逾期${row.daysOverdue}天`;
  if (row.daysOverdue === 0) return '今天到期';
  return `${-row.daysOverdue}天后到期`;
}

export const dueCommand: CliCommand = {
  name: 'due',
  usage: 'due [--overdue] [--within DAYS] [--department NAME] [--json]',
  summary: '跨方案列出未完成措施的到期日（已完成、已销号的不列），到期早的在前；可只看逾期、DAYS 天内到期或某个责任部门',
  options: { overdue: { type: 'boolean' }, within: { type: 'string' }, department: { type: 'string' }, ...json },
  async run(ctx) {
    const withinDays = wholeNumber(ctx.values.within, '--within', 0);
    const department = typeof ctx.values.department === 'string' ? ctx.values.department.trim() : undefined;
    if (department === '') throw new CliUsageError('--department 须写明部门名称');
    const rows = await (await ctx.services()).call('workbench.due', {
      ...(ctx.values.overdue ? { overdue: true } : {}),
      ...(withinDays !== undefined ? { withinDays } : {}),
      ...(department !== undefined ? { department } : {}),
    });
    if (ctx.values.json) {
      return printJson(
        ctx,
        rows.map((r) => ({
          planId: r.planId,
          planTitle: r.planTitle,
          measureId: r.measureId,
          path: r.path,
          heading: r.heading,
          department: r.department,
          deadline: r.deadline,
          dueDate: r.dueDate,
          daysOverdue: r.daysOverdue,
          status: r.status,
        })),
      );
    }
    if (rows.length === 0) return ctx.out('（没有符合条件的措施）');
    for (const r of rows) {
      const deadline = r.dueAssumed ? `${r.deadline ?? ''}（按方案日期推算）` : (r.deadline ?? '');
      ctx.out([r.dueDate ?? '', when(r), r.planTitle, r.path, r.heading, r.department ?? '', deadline, STATUS_LABELS[r.status], r.measureId].join('\t'));
    }
  },
};
