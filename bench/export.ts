// Export speed (issue 4): a 432-measure plan with its ledger appendix, in process and as a whole
// `rectify convert` process, against pandoc for the same text → .docx (the anchor), measured in the
// same run when pandoc is installed (bench/cli.ts has the CLI's targets).
// Run: node bench/export.ts
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportPlanDocx } from '../electron/services/export/export-plan.ts';
import { buildPlanLayout } from '../electron/services/export/blocks.ts';
import { buildPreview } from '../electron/services/export/preview.ts';
import { defaultExportSettings, resolveExportSettings } from '../shared/domain/export-settings.ts';
import { bigPlan } from '../test/helpers/big-plan.ts';
import { installed, median, planText, timeTogether } from './_shared.ts';

const root = path.resolve(import.meta.dirname, '..');

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const doc = bigPlan();
const settings = defaultExportSettings();
const noLedger = resolveExportSettings({ ledger: false });

const layoutMs = await timeAsync(10, async () => buildPlanLayout(doc, settings));
const fullMs = await timeAsync(10, () => exportPlanDocx(doc, settings));
const bodyMs = await timeAsync(10, () => exportPlanDocx(doc, noLedger));
const previewMs = await timeAsync(10, async () => buildPreview(doc, settings));
const size = (await exportPlanDocx(doc, settings)).data.length;

const dir = mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-export-'));
const input = path.join(dir, 'plan432.txt');
writeFileSync(input, planText(doc));
const out = path.join(dir, 'plan432.docx');
const cli = path.join(root, 'bin/rectify.mjs');
const hasPandoc = installed('pandoc');
const processes = timeTogether(
  {
    convert: [process.execPath, [cli, 'convert', input, '-o', out, '--ledger']],
    empty: [process.execPath, ['-e', '0']],
    ...(hasPandoc ? { pandoc: ['pandoc', ['-f', 'markdown', input, '-o', path.join(dir, 'pandoc.docx')]] as [string, string[]] } : {}),
  },
  5,
  root,
);
const processMs = processes.convert!;
const pandocMs = processes.pandoc ?? null;
const textKb = statSync(input).size / 1024;
rmSync(dir, { recursive: true, force: true });
const versusPandoc = (ms: number, digits: number) => (pandocMs === null ? '（本机没有 pandoc，无法比较）' : `pandoc 整个进程 ${pandocMs.toFixed(0)} ms → ${(ms / pandocMs).toFixed(digits)} 倍`);

const row = (label: string, ms: number, note = '') => console.log(`${label.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  ${note}`);
console.log(`432 项措施的方案（文本 ${textKb.toFixed(0)} KB，.docx ${(size / 1024).toFixed(0)} KB）`);
row('版式分段 buildPlanLayout', layoutMs);
row('进程内导出（正文，不含台账）', bodyMs);
row('进程内导出（含横排台账）', fullMs, versusPandoc(fullMs, 2));
row('分页预览 buildPreview', previewMs);
row('rectify convert --ledger 整个进程', processMs, `${versusPandoc(processMs, 1)}（空 node 进程 ${processes.empty!.toFixed(0)} ms）`);
