// Import speed (issue 3): the fixture plan in a few ms; a 432-measure plan (≈165 KB) well under pandoc's
// ≈90 ms for the same text → .docx; a 1 MB text in < 200 ms; memory proportional to the file.
// Run: node bench/import.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognisePlan } from '../shared/importer/recognise.ts';
import { parsePlanBytes } from '../electron/services/import/index.ts';
import { generatePlanText } from '../test/helpers/plan-text.ts';

const root = path.resolve(import.meta.dirname, '..');
const fixture = readFileSync(path.join(root, 'test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt'), 'utf8');

function measure(label: string, text: string, runs: number, fn: () => unknown): void {
  fn(); // warm up
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let result: unknown;
  for (let i = 0; i < runs; i++) result = fn();
  const ms = (performance.now() - started) / runs;
  const heapAfter = process.memoryUsage().heapUsed;
  const kb = Buffer.byteLength(text, 'utf8') / 1024;
  const measures = (result as { counts?: { measures: number } }).counts?.measures ?? 0;
  console.log(
    `${label.padEnd(34)} ${kb.toFixed(0).padStart(6)} KB  ${ms.toFixed(2).padStart(8)} ms  措施 ${String(measures).padStart(4)}  堆增量 ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB`,
  );
}

const plan432 = generatePlanText(6);
let big = '';
for (let s = 6; Buffer.byteLength(big, 'utf8') < 1024 * 1024; s++) big = generatePlanText(s * 4);

console.log('导入识别速度（recognisePlan，纯文本 → 结构）');
measure('fixture plan (synthetic-01)', fixture, 200, () => recognisePlan(fixture));
measure('432-measure plan', plan432, 10, () => recognisePlan(plan432));
measure('≥1 MB plan text', big, 3, () => recognisePlan(big));
const bytes = Buffer.from(plan432, 'utf8');
const started = performance.now();
await parsePlanBytes(bytes, 'plan.txt');
console.log(`432-measure plan incl. decoding (parsePlanBytes): ${(performance.now() - started).toFixed(1)} ms`);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
