// Speed of the workbench across plans (issue 12): search over everything with a 4-character and a
// 2-character query (targets ≤ 20 ms and ≤ 50 ms median, in process), `rectify due`'s query, the home
// page's overview and plans.list. `searchCases(services)` and `workbenchCases(services)` measure any open
// workbook, so the scale benchmark can run them on its 20 plans × 500 measures.
// Run: node bench/search.ts [--data DIR]   (without --data: a temporary workbook of 20 generated plans)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createServices, type Services } from '../electron/services/index.ts';
import { bigPlan } from '../test/helpers/big-plan.ts';
import { median } from './_shared.ts';

export interface BenchCase {
  label: string;
  /** median wall time, ms */
  median: number;
  max: number;
  /** the target from the issue, ms (median), if it names one */
  target?: number;
  /** what one call returned, e.g. its number of hits */
  note: string;
}

async function measure(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; max: number; last: unknown }> {
  const times: number[] = [];
  let last: unknown;
  await fn(); // first call loads the domain's handlers: not what the user waits for afterwards
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), max: Math.max(...times), last };
}

/** Search over every plan of the workbook: long and short queries, all plans and one plan. */
export async function searchCases(services: Services, runs = 30): Promise<BenchCase[]> {
  const plans = await services.call('plans.list', {});
  const one = plans[0]?.id;
  const cases: [string, { query: string; planId?: string }, number?][] = [
    ['搜索全部方案（4字：专题研究）', { query: '专题研究' }, 20],
    ['搜索全部方案（2字：机制）', { query: '机制' }, 50],
    ['搜索全部方案（2字，几乎处处出现：整改）', { query: '整改' }, 50],
    ['搜索全部方案（1字：廉）', { query: '廉' }, 50],
    ['搜索全部方案（没有结果的4字）', { query: '无此词语' }, 20],
  ];
  if (one) cases.push(['搜索当前方案（2字）', { query: '机制', planId: one }, 50]);
  const out: BenchCase[] = [];
  for (const [label, input, target] of cases) {
    const r = await measure(runs, () => services.call('search.query', input));
    const result = r.last as { hits: unknown[]; truncated: boolean };
    out.push({ label, median: r.median, max: r.max, ...(target !== undefined ? { target } : {}), note: `${result.hits.length} 条${result.truncated ? '（已截断）' : ''}` });
  }
  return out;
}

/** The home page's data (workbench.overview), `rectify due`, `rectify list`. */
export async function workbenchCases(services: Services, runs = 15): Promise<BenchCase[]> {
  const out: BenchCase[] = [];
  const overview = await measure(runs, () => services.call('workbench.overview', {}));
  const o = overview.last as { plans: unknown[]; overdue: unknown[] };
  out.push({ label: '工作台总览 workbench.overview', median: overview.median, max: overview.max, note: `${o.plans.length} 个方案，逾期 ${o.overdue.length} 项` });
  const due = await measure(runs, () => services.call('workbench.due', {}));
  out.push({ label: '到期事项 workbench.due', median: due.median, max: due.max, note: `${(due.last as unknown[]).length} 项` });
  const list = await measure(runs, () => services.call('plans.list', {}));
  out.push({ label: '方案列表 plans.list', median: list.median, max: list.max, note: `${(list.last as unknown[]).length} 个方案` });
  return out;
}

function print(cases: readonly BenchCase[]): void {
  for (const c of cases) {
    const verdict = c.target === undefined ? '' : c.median <= c.target ? `  ✓ 目标 ≤ ${c.target} ms` : `  ✗ 超过目标 ${c.target} ms`;
    console.log(`${c.label.padEnd(30)} 中位 ${c.median.toFixed(1).padStart(7)} ms   最长 ${c.max.toFixed(1).padStart(7)} ms   ${c.note}${verdict}`);
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { data: { type: 'string' }, plans: { type: 'string' } } });
  const work = values.data ? null : mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-search-'));
  try {
    const services = await createServices({ dataDir: values.data ?? work! });
    if (work) {
      // The existing generated plan (432 measures) 20 times; the scale benchmark brings its own workbook.
      const count = Number(values.plans ?? 20);
      const doc = bigPlan();
      for (let i = 0; i < count; i++) await services.call('plans.createFromDocument', { document: { ...doc, title: `${doc.title}（${i + 1}）` } });
    }
    const plans = await services.call('plans.list', {});
    console.log(`工作台：${plans.length} 个方案，${plans.reduce((n, p) => n + p.measureCount, 0)} 项措施`);
    print(await searchCases(services));
    print(await workbenchCases(services));
    services.close();
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}
