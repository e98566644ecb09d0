// Export speed (issue 4): a 432-measure plan with its ledger appendix, in process and as a whole
// `rectify convert` process, against pandoc's ≈0.09 s for the same text → .docx (the anchor).
// Run: node bench/export.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportPlanDocx } from '../electron/services/export/export-plan.ts';
import { buildPlanLayout, responsibilityText } from '../electron/services/export/blocks.ts';
import { buildPreview } from '../electron/services/export/preview.ts';
import { defaultExportSettings, resolveExportSettings } from '../shared/domain/export-settings.ts';
import { walkNumbered } from '../shared/numbering.ts';
import type { PlanDocument } from '../shared/domain/document.ts';
import { bigPlan } from '../test/helpers/big-plan.ts';

const root = path.resolve(import.meta.dirname, '..');
const PANDOC_SECONDS = 0.09;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

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

/** The plan as the text a secretary would have: what `rectify convert` reads. */
function planText(doc: PlanDocument): string {
  const lines = [doc.title, ...doc.preamble];
  walkNumbered(doc.sections, { level3Numbering: doc.level3Numbering }, (node, marker) => {
    if (node.kind === 'measure') {
      lines.push(`${marker}${node.heading}${node.body.join('')}`);
      const r = node.measure ? responsibilityText(node.measure) : null;
      if (r) lines.push(r);
    } else {
      lines.push(`${marker}${node.heading}`);
      lines.push(...node.body);
    }
  });
  lines.push(doc.issuer ?? '', doc.date ?? '');
  return lines.join('\n');
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
const processTimes: number[] = [];
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, 'convert', input, '-o', out, '--ledger'], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`rectify convert failed: ${r.stderr}`);
  if (i > 0) processTimes.push(ms); // the first run warms the file cache
}
const processMs = median(processTimes);
const emptyTimes: number[] = [];
for (let i = 0; i < 4; i++) {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  emptyTimes.push(performance.now() - t);
}
const textKb = statSync(input).size / 1024;
rmSync(dir, { recursive: true, force: true });

const row = (label: string, ms: number, note = '') => console.log(`${label.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  ${note}`);
console.log(`432 项措施的方案（文本 ${textKb.toFixed(0)} KB，.docx ${(size / 1024).toFixed(0)} KB）`);
row('版式分段 buildPlanLayout', layoutMs);
row('进程内导出（正文，不含台账）', bodyMs);
row('进程内导出（含横排台账）', fullMs, `pandoc 整个进程 ≈ ${PANDOC_SECONDS * 1000} ms → ${(fullMs / (PANDOC_SECONDS * 1000)).toFixed(2)} 倍`);
row('分页预览 buildPreview', previewMs);
row('rectify convert --ledger 整个进程', processMs, `pandoc ≈ ${PANDOC_SECONDS * 1000} ms → ${(processMs / (PANDOC_SECONDS * 1000)).toFixed(1)} 倍（空 node 进程 ${median(emptyTimes).toFixed(0)} ms）`);
