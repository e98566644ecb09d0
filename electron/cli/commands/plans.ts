import type { CliCommand } from '../command.ts';
import { printJson, requirePositional } from '../command.ts';
import { walkNumbered } from '../../../shared/numbering.ts';
import { STATUS_LABELS } from '../../../shared/domain/status.ts';
import { formatRate } from '../../../shared/progress/counts.ts';

const json = { json: { type: 'boolean' } } as const;

export const listCommand: CliCommand = {
  name: 'list',
  usage: 'list [--all] [--json]',
  summary: '列出工作台中的方案及其完成率、逾期措施数和最近的到期日（--all 含已归档的方案）',
  options: { all: { type: 'boolean' }, ...json },
  async run(ctx) {
    const all = await (await ctx.services()).call('plans.list', { includeArchived: true });
    const plans = ctx.values.all ? all : all.filter((p) => !p.archived);
    if (ctx.values.json) return printJson(ctx, plans);
    if (all.length === 0) return ctx.out('（还没有方案）');
    if (plans.length === 0) return ctx.out(`（没有未归档的方案；${all.length} 个已归档的方案用 --all 列出）`);
    for (const p of plans) {
      const cells = [p.id, `${p.title}${p.archived ? '（已归档）' : ''}`, `措施${p.measureCount}项`, `完成率${formatRate(p.completionRate)}`, `逾期${p.overdue}项`];
      cells.push(p.nextDueDate ? `下一到期${p.nextDueDate}` : '无待到期', p.updatedAt);
      ctx.out(cells.join('\t'));
    }
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  usage: 'show PLAN_ID [--json]',
  summary: '显示一个方案及其大纲',
  options: json,
  async run(ctx) {
    const id = requirePositional(ctx, 0, 'PLAN_ID');
    const plan = await (await ctx.services()).call('plans.get', { id });
    if (ctx.values.json) return printJson(ctx, plan);
    ctx.out(plan.title);
    const numbering = plan.document.level3Numbering;
    walkNumbered(plan.outline, { level3Numbering: numbering }, (node, marker, _level, depth) => {
      const status = node.measure ? `  [${STATUS_LABELS[node.measure.status]}]` : '';
      ctx.out(`${'  '.repeat(depth)}${marker}${node.heading}${status}`);
    });
  },
};

export const newCommand: CliCommand = {
  name: 'new',
  usage: 'new --title 标题 [--json]',
  summary: '新建一个空白方案',
  options: { title: { type: 'string' }, ...json },
  async run(ctx) {
    const title = typeof ctx.values.title === 'string' ? ctx.values.title : '';
    const plan = await (await ctx.services()).call('plans.create', { title });
    if (ctx.values.json) return printJson(ctx, plan);
    ctx.out(`已新建方案：${plan.title}（${plan.id}）`);
  },
};

export const deleteCommand: CliCommand = {
  name: 'delete',
  usage: 'delete PLAN_ID',
  summary: '删除一个方案（不可恢复）',
  options: {},
  async run(ctx) {
    const id = requirePositional(ctx, 0, 'PLAN_ID');
    await (await ctx.services()).call('plans.delete', { id });
    ctx.out(`已删除方案 ${id}`);
  },
};
