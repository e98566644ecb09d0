import type { CliCommand } from '../command.ts';
import { CliUsageError, printJson } from '../command.ts';
import { walkNumbered } from '../../../shared/numbering.ts';
import { toParseJson } from '../../../shared/importer/project.ts';
import { STATUS_LABELS } from '../../../shared/domain/status.ts';
import type { ParsedPlanFile } from '../../services/import/index.ts';

// The readers (Word, WPS, every Chinese encoding) load only when parse or import runs.
const importer = () => import('../../services/import/index.ts');

function encodingOption(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : 'auto';
}

export const parseCommand: CliCommand = {
  name: 'parse',
  usage: 'parse FILE [--encoding ENC] [--json]',
  summary: '识别一个文件（.txt/.docx/.doc/.wps）的方案结构并输出，不写入工作台',
  options: { json: { type: 'boolean' }, encoding: { type: 'string' } },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) throw new CliUsageError('缺少参数 FILE');
    if (ctx.positionals.length > 1) throw new CliUsageError('parse 一次只识别一个文件');
    const { parsePlanFile } = await importer();
    const parsed = await parsePlanFile(file, { encoding: encodingOption(ctx.values.encoding) });
    if (ctx.values.json) return printJson(ctx, toParseJson(parsed.document, parsed.warnings));
    printOutline(ctx.out, parsed);
  },
};

function printOutline(out: (s: string) => void, parsed: ParsedPlanFile): void {
  const d = parsed.document;
  if (d.notice) out(`印发通知：${d.notice.title || d.notice.body[0] || ''}${d.notice.date ? `（${d.notice.date}）` : ''}`);
  out(`标题：${d.title}`);
  if (d.addressee) out(`主送：${d.addressee}`);
  out(`编码/格式：${parsed.encoding}\u3000措施：${parsed.counts.measures}项\u3000标点修正：${parsed.counts.punctuationChanges}处`);
  walkNumbered(d.sections, { level3Numbering: d.level3Numbering }, (node, marker, _level, depth) => {
    const m = node.measure;
    const extra = m && node.kind === 'measure'
      ? `  〔${[m.leader, m.department, m.person, m.deadline].filter(Boolean).join('／')}${m.statusText ? `／${STATUS_LABELS[m.status]}` : ''}〕`
      : '';
    out(`${'  '.repeat(depth)}${marker}${node.heading || (node.body[0] ?? '').slice(0, 30)}${extra}`);
  });
  if (d.attachments.length) out(`附件：${d.attachments.join('；')}`);
  if (d.issuer || d.date) out(`落款：${d.issuer ?? ''} ${d.date ?? ''}`.trim());
  for (const w of parsed.warnings) out(`提示：${w}`);
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import FILE... [--encoding ENC] [--json]',
  summary: '导入一个或多个文件为新方案（每个文件一次事务）',
  options: { json: { type: 'boolean' }, encoding: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new CliUsageError('缺少参数 FILE');
    // Read and recognise every file before storing anything: unreadable input stores nothing.
    const parsed: ParsedPlanFile[] = [];
    const { parsePlanFile } = await importer();
    for (const file of ctx.positionals) parsed.push(await parsePlanFile(file, { encoding: encodingOption(ctx.values.encoding) }));
    const services = await ctx.services();
    const ids: string[] = [];
    for (const p of parsed) ids.push((await services.call('import.commit', { document: p.document })).planId);
    if (ctx.values.json) return printJson(ctx, ids.length === 1 ? { planId: ids[0] } : ids.map((planId) => ({ planId })));
    parsed.forEach((p, k) => ctx.out(`已导入：${p.document.title}（${ids[k]}），措施${p.counts.measures}项${p.warnings.length ? `，提示${p.warnings.length}条` : ''}`));
  },
};
