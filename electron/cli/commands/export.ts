import type { CliCommand, CliContext } from '../command.ts';
import { CliUsageError, printJson, requirePositional } from '../command.ts';
import { ExportSettingsPatchSchema, FONT_PROFILES, resolveExportSettings, type ExportSettingsPatch, type FontProfileId } from '../../../shared/domain/export-settings.ts';
import { LETTERHEADS, splitOrganMark, type Letterhead } from '../../../shared/domain/issuance.ts';

// The exporter and the importer load docx, the Word readers …: only when a command that needs them runs,
// so `rectify list` and friends do not pay for them.
const exporter = () => import('../../services/export/export-plan.ts');
const writer = () => import('../../services/export/write-file.ts');
const importer = () => import('../../services/import/index.ts');

const exportOptions = {
  output: { type: 'string', short: 'o' },
  ledger: { type: 'boolean' },
  'no-ledger': { type: 'boolean' },
  fonts: { type: 'string' },
  json: { type: 'boolean' },
  // 发文设置 (they override the plan's remembered ones for this export)
  'issue-notice': { type: 'boolean' },
  header: { type: 'string' },
  organ: { type: 'string', multiple: true },
  'doc-number': { type: 'string' },
  signer: { type: 'string', multiple: true },
  cc: { type: 'string' },
  'printed-by': { type: 'string' },
  'printed-on': { type: 'string' },
} as const;

const ISSUE_USAGE =
  '[--issue-notice] [--header red|blank|none] [--organ 发文机关] [--doc-number 发文字号] [--signer 签发人]... [--cc 抄送机关] [--printed-by 印发机关] [--printed-on YYYY-MM-DD]';

function text(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

function list(ctx: CliContext, name: string): string[] | undefined {
  const v = ctx.values[name];
  return Array.isArray(v) ? v : undefined;
}

/** The 发文设置 the flags give: --cc, --printed-by and --printed-on ask for a 版记. */
function issuanceFromFlags(ctx: CliContext): ExportSettingsPatch {
  const patch: ExportSettingsPatch = {};
  if (ctx.values['issue-notice']) patch.docType = 'notice';
  const header = text(ctx, 'header');
  if (header !== undefined) {
    if (!(LETTERHEADS as readonly string[]).includes(header)) throw new CliUsageError(`--header 只能是 red（红色版头）、blank（套打）或 none：${header}`);
    patch.letterhead = header as Letterhead;
  }
  const organs = list(ctx, 'organ');
  if (organs) {
    // 中共××局党组文件 is the organ 中共××局党组 with 文件; several --organ: 联合行文.
    const split = organs.map((o) => splitOrganMark(o));
    patch.organs = split.map((o) => o.organ);
  }
  const docNumber = text(ctx, 'doc-number');
  if (docNumber !== undefined) patch.docNumber = docNumber;
  const signers = list(ctx, 'signer');
  if (signers) patch.signers = signers;
  const cc = text(ctx, 'cc');
  const printedBy = text(ctx, 'printed-by');
  const printedOn = text(ctx, 'printed-on');
  if (printedOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(printedOn)) throw new CliUsageError(`--printed-on 的格式应为 YYYY-MM-DD：${printedOn}`);
  if (cc !== undefined) patch.cc = cc;
  if (printedBy !== undefined) patch.printedBy = printedBy;
  if (printedOn !== undefined) patch.printedOn = printedOn;
  if (cc !== undefined || printedBy !== undefined || printedOn !== undefined) patch.colophon = true;
  const checked = ExportSettingsPatchSchema.safeParse(patch);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new CliUsageError(`发文设置有误（${issue.path.join('.')}）：${issue.message}`);
  }
  return checked.data;
}

function outputPath(ctx: CliContext): string {
  const out = ctx.values.output;
  if (typeof out !== 'string' || out === '') throw new CliUsageError('缺少输出文件：-o OUT.docx');
  if (!/\.docx$/i.test(out)) throw new CliUsageError(`输出文件名须以 .docx 结尾：${out}`);
  return out;
}

/** The settings the flags change (the rest come from the plan or the defaults). */
function patchFromFlags(ctx: CliContext, ledgerDefault?: boolean): ExportSettingsPatch {
  const patch: ExportSettingsPatch = {};
  if (ctx.values.ledger && ctx.values['no-ledger']) throw new CliUsageError('--ledger 与 --no-ledger 不能同时使用');
  if (ctx.values.ledger) patch.ledger = true;
  else if (ctx.values['no-ledger']) patch.ledger = false;
  else if (ledgerDefault !== undefined) patch.ledger = ledgerDefault;
  const fonts = ctx.values.fonts;
  if (fonts !== undefined) {
    if (typeof fonts !== 'string' || !(FONT_PROFILES as readonly string[]).includes(fonts)) {
      throw new CliUsageError(`字体方案只能是 ${FONT_PROFILES.join('、')}：${String(fonts)}`);
    }
    patch.fontProfile = fonts as FontProfileId;
  }
  return { ...patch, ...issuanceFromFlags(ctx) };
}

function report(ctx: CliContext, file: string, warnings: string[]): void {
  if (ctx.values.json) return printJson(ctx, { path: file, warnings });
  ctx.out(`已导出：${file}`);
  for (const w of warnings) ctx.err(`提示：${w}`);
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: `export PLAN_ID -o OUT.docx [--ledger|--no-ledger] [--fonts windows|windows-basic|xinchuang] ${ISSUE_USAGE} [--json]`,
  summary: '把工作台中的方案导出为符合 GB/T 9704-2012 的 Word 公文（默认附整改台账；可加版头、印发通知、版记，参数只用于本次导出，覆盖方案保存的发文设置）',
  options: exportOptions,
  async run(ctx) {
    const id = requirePositional(ctx, 0, 'PLAN_ID');
    const out = outputPath(ctx);
    const patch = patchFromFlags(ctx);
    const services = await ctx.services();
    const result = await services.call('export.docx', { planId: id, settings: patch });
    const { writeDocxFile } = await writer();
    const file = await writeDocxFile(out, Buffer.from(result.dataBase64, 'base64'));
    report(ctx, file, result.warnings);
  },
};

export const convertCommand: CliCommand = {
  name: 'convert',
  usage: `convert INPUT -o OUT.docx [--ledger] [--fonts windows|windows-basic|xinchuang] ${ISSUE_USAGE} [--encoding ENC] [--json]`,
  summary: '识别文本或 Word 文件并直接导出为规范公文，不写入工作台（批量转换用）',
  options: { ...exportOptions, encoding: { type: 'string' } },
  async run(ctx) {
    const input = requirePositional(ctx, 0, 'INPUT');
    if (ctx.positionals.length > 1) throw new CliUsageError('convert 一次只转换一个文件');
    const out = outputPath(ctx);
    // Batch conversion of existing texts: no ledger unless asked for.
    const settings = resolveExportSettings(patchFromFlags(ctx, false));
    const encoding = typeof ctx.values.encoding === 'string' && ctx.values.encoding !== '' ? ctx.values.encoding : 'auto';
    const [{ parsePlanFile }, { exportPlanDocx }, { writeDocxFile }] = await Promise.all([importer(), exporter(), writer()]);
    const parsed = await parsePlanFile(input, { encoding });
    const result = await exportPlanDocx(parsed.document, settings);
    const file = await writeDocxFile(out, result.data);
    report(ctx, file, [...parsed.warnings, ...result.warnings]);
  },
};
