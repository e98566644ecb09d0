import type { CliCommand } from '../command.ts';
import { CliUsageError, printJson, requirePositional } from '../command.ts';

const json = { json: { type: 'boolean' } } as const;

export const templatesCommand: CliCommand = {
  name: 'templates',
  usage: 'templates [--json]',
  summary: '列出方案模板（内置与自定义）及其变量',
  options: json,
  async run(ctx) {
    const list = await (await ctx.services()).call('templates.list', {});
    if (ctx.values.json) return printJson(ctx, list);
    for (const t of list) {
      ctx.out(`${t.id}\t${t.name}${t.builtin ? '' : '（自定义）'}\t变量：${t.variables.map((v) => v.name).join('、')}`);
    }
  },
};

export const draftCommand: CliCommand = {
  name: 'draft',
  usage: 'draft TEMPLATE_ID [--var 单位=XX市人大常委会 --var 年度=2025 …] [--json]',
  summary: '由模板新建方案，未填的占位符保留在方案中',
  options: { var: { type: 'string', multiple: true }, ...json },
  async run(ctx) {
    const templateId = requirePositional(ctx, 0, 'TEMPLATE_ID');
    const raw = ctx.values.var;
    const pairs = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
    const variables: Record<string, string> = {};
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new CliUsageError(`变量应写成“名称=值”：${pair}`);
      variables[pair.slice(0, at).trim()] = pair.slice(at + 1);
    }
    const result = await (await ctx.services()).call('templates.instantiate', { templateId, variables });
    if (ctx.values.json) return printJson(ctx, result);
    ctx.out(`已新建方案：${result.plan.title}（${result.plan.id}）`);
    if (result.unfilled.length > 0) ctx.out(`尚未填写：${result.unfilled.map((n) => `{${n}}`).join('、')}`);
  },
};

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check PLAN_ID [--json]',
  summary: '公文检查：占位符、责任部门与完成时限、空章节、标题、日期、半角标点、重复措施',
  options: json,
  async run(ctx) {
    const planId = requirePositional(ctx, 0, 'PLAN_ID');
    const report = await (await ctx.services()).call('checks.run', { planId });
    if (ctx.values.json) return printJson(ctx, report);
    if (report.findings.length === 0) return ctx.out('未发现问题');
    for (const f of report.findings) ctx.out(`${f.severity === 'error' ? '错误' : '提醒'}\t${f.message}${f.excerpt ? `\t${f.excerpt}` : ''}`);
    ctx.out(`共 ${report.findings.length} 处`);
  },
};
