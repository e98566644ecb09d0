import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '../command.ts';
import { CliUsageError, printJson, requirePositional, stringValue } from '../command.ts';
import { FORM_KIND_LABELS, REVIEW_FIELD_LABELS, type CollectResult, type FormKind, type ReturnedFile } from '../../../shared/api/forms.ts';
import { STATUS_LABELS, type MeasureStatus } from '../../../shared/domain/status.ts';

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

export const formsCommand: CliCommand = {
  name: 'forms',
  usage: 'forms PLAN_ID -o DIR|FILE.zip [--department NAME]... [--due YYYY-MM-DD] [--kind progress|proposals] [--json]',
  summary: '下发填报表：为每个责任部门生成进展填报表（或征求措施表），写入文件夹或一个 .zip',
  options: {
    output: { type: 'string', short: 'o' },
    department: { type: 'string', multiple: true },
    due: { type: 'string' },
    kind: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx) {
    const planId = requirePositional(ctx, 0, 'PLAN_ID');
    const output = stringValue(ctx.values.output);
    if (!output) throw new CliUsageError('请用 -o 指定输出文件夹或 .zip 文件');
    const due = stringValue(ctx.values.due);
    if (due !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(due)) throw new CliUsageError('--due 的格式应为 YYYY-MM-DD，例如 2026-04-20');
    const kind = stringValue(ctx.values.kind);
    if (kind !== undefined && kind !== 'progress' && kind !== 'proposals') throw new CliUsageError('--kind 只能是 progress（进展填报表）或 proposals（征求措施表）');
    const departments = stringList(ctx.values.department);
    const result = await (await ctx.services()).call('forms.issue', {
      planId,
      output: path.resolve(output),
      ...(kind ? { kind } : {}),
      ...(due ? { due } : {}),
      ...(departments.length > 0 ? { departments } : {}),
    });
    if (ctx.values.json) {
      printJson(ctx, result.files.map((f) => ({ department: f.department, file: f.file, rows: f.rows })));
      return;
    }
    const label = FORM_KIND_LABELS[(kind ?? 'progress') as FormKind];
    ctx.out(`已生成${result.files.length}份${label}：${result.output}`);
    for (const f of result.files) ctx.out(`  ${f.department}\t${path.basename(f.file)}\t${f.rows}${kind === 'proposals' ? '个问题' : '项措施'}`);
  },
};

/** The returned files as the contract takes them; a file that cannot be read from disk is an error entry. */
async function readReturned(files: readonly string[]): Promise<{ files: ReturnedFile[]; errors: { file: string; message: string }[] }> {
  const out: ReturnedFile[] = [];
  const errors: { file: string; message: string }[] = [];
  for (const file of files) {
    const name = path.basename(file);
    try {
      const st = await stat(file);
      if (st.isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
      if (st.size > 50 * 1024 * 1024) {
        errors.push({ file: name, message: `“${name}”超过 50 MB，不是填报表` });
        continue;
      }
      out.push({ name, dataBase64: (await readFile(file)).toString('base64') });
    } catch (err) {
      const code = (err as { code?: string }).code;
      const message =
        code === 'ENOENT'
          ? `找不到文件“${name}”`
          : code === 'EISDIR'
            ? `“${name}”是文件夹，请给出其中的 .xlsx 文件`
            : code === 'EACCES' || code === 'EPERM'
              ? `没有权限读取“${name}”`
              : `无法读取“${name}”`;
      errors.push({ file: name, message });
    }
  }
  return { files: out, errors };
}

function shown(field: string, value: string | null): string {
  if (value === null) return '（无）';
  if (field === 'status') return STATUS_LABELS[value as MeasureStatus] ?? value;
  return value.replace(/\n/g, ' ');
}

export const collectCommand: CliCommand = {
  name: 'collect',
  usage: 'collect FILE... [--apply] [--json]',
  summary: '回收填报表：列出部门报回文件中的变化和冲突；--apply 应用没有冲突的变化（退出码 3 表示有冲突或无法读取的文件）',
  options: { apply: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new CliUsageError('缺少参数 FILE（可以一次给出多个填报表文件）');
    const read = await readReturned(ctx.positionals);
    let result: Pick<CollectResult, 'changes' | 'conflicts' | 'errors'> & { applied: number } = { changes: [], conflicts: [], errors: [], applied: 0 };
    if (read.files.length > 0) {
      const services = await ctx.services();
      result = await services.call(ctx.values.apply ? 'forms.apply' : 'forms.collect', { files: read.files });
    }
    const errors = [...read.errors, ...result.errors];
    const problems = result.conflicts.length + errors.length;
    if (ctx.values.json) {
      printJson(ctx, { changes: result.changes, conflicts: result.conflicts, errors });
    } else {
      ctx.out(ctx.values.apply ? `已应用${result.applied}行，${result.changes.length}处变化：` : `将有${result.changes.length}处变化（未保存；加 --apply 应用）：`);
      for (const c of result.changes) {
        ctx.out(`  ${c.path}\t${c.department ?? ''}\t${REVIEW_FIELD_LABELS[c.field]}：${c.from === null ? '' : `${shown(c.field, c.from)} → `}${shown(c.field, c.to)}`);
      }
      if (result.conflicts.length > 0) {
        ctx.out(`冲突${result.conflicts.length}处（${ctx.values.apply ? '未应用' : '应用时跳过'}，请在“台账 → 回收填报表”中逐项确认）：`);
        for (const c of result.conflicts) ctx.out(`  ${c.path}\t${c.reason}`);
      }
    }
    for (const e of errors) ctx.err(`无法读取：${e.message}`);
    if (problems > 0) {
      if (ctx.values.json) ctx.err(`有${result.conflicts.length}处冲突、${errors.length}个文件无法读取`);
      return 3;
    }
  },
};
