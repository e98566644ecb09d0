// Import speed (issue 3): the fixture plan in a few ms; a 432-measure plan (≈165 KB) well under pandoc's
// ≈90 ms for the same text → .docx; a 1 MB text in < 200 ms; memory proportional to the file.
// Run: node bench/import.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognisePlan } from '../shared/importer/recognise.ts';
import { parsePlanBytes } from '../electron/services/import/index.ts';
import { chineseNumeral } from '../shared/numbering.ts';

const root = path.resolve(import.meta.dirname, '..');
const fixture = readFileSync(path.join(root, 'test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt'), 'utf8');

/** A plan with `sections` × 8 aspects × 9 measures, each with a lead sentence, body and responsibility line. */
function generatePlan(sections: number): string {
  const lines = ['中共XX市人大常委会党组', '2025年度民主生活会查摆问题整改方案', '为切实抓好问题整改，特制定本方案。'];
  let n = 0;
  for (let s = 1; s <= sections; s++) {
    lines.push(`${chineseNumeral(s)}、整改任务第${s}部分`);
    for (let a = 1; a <= 8; a++) {
      lines.push(`（${chineseNumeral(a)}）在强化政治忠诚、提高政治能力方面第${a}项`);
      for (let m = 1; m <= 9; m++) {
        n++;
        lines.push(
          `${n}.深化理论武装，筑牢政治忠诚思想根基。严格落实“第一议题”制度，党组会议、主任会议首先传达学习党中央最新决策部署；制定2026年度学习计划，每季度至少开展1次专题研讨，推动学习成果转化为履职实效。`,
        );
        lines.push(`（责任领导：党组书记、主任；责任部门：办公室、研究室；完成时限：2026年${(n % 12) + 1}月底前并长期坚持）`);
      }
    }
  }
  lines.push('附件：整改清单');
  return lines.join('\n');
}

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

const plan432 = generatePlan(6);
let big = '';
for (let s = 6; Buffer.byteLength(big, 'utf8') < 1024 * 1024; s++) big = generatePlan(s * 4);

console.log('导入识别速度（recognisePlan，纯文本 → 结构）');
measure('fixture plan (synthetic-01)', fixture, 200, () => recognisePlan(fixture));
measure('432-measure plan', plan432, 10, () => recognisePlan(plan432));
measure('≥1 MB plan text', big, 3, () => recognisePlan(big));
const bytes = Buffer.from(plan432, 'utf8');
const started = performance.now();
await parsePlanBytes(bytes, 'plan.txt');
console.log(`432-measure plan incl. decoding (parsePlanBytes): ${(performance.now() - started).toFixed(1)} ms`);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
