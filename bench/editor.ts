// Editor speed on a 432-measure plan (domain.md §1: plans run to hundreds of measures): opening it
// (plans.get), one keystroke's autosave (outline.updateNode, merged undo step included), adding a
// measure, a move that renumbers a whole section, undo of that move, checks, a revision and its diff,
// and measure search with short and long queries. Run: node bench/editor.ts
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices } from '../electron/services/index.ts';
import { bigPlan } from '../test/helpers/big-plan.ts';
import { computeMarkers } from '../shared/numbering.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-editor-'));

async function timed(runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<{ median: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}

function line(label: string, r: { median: number; max: number }, target?: number): void {
  const verdict = target === undefined ? '' : r.median <= target ? `  ✓ 目标 ≤ ${target} ms` : `  ✗ 超过目标 ${target} ms`;
  console.log(`${label.padEnd(34)} 中位 ${r.median.toFixed(1).padStart(7)} ms   最长 ${r.max.toFixed(1).padStart(7)} ms${verdict}`);
}

try {
  const s = await createServices({ dataDir: work });
  const doc = bigPlan();
  const created = await s.call('plans.createFromDocument', { document: doc });
  const planId = created.id;
  // a second plan so search has something to exclude and to find
  await s.call('plans.createFromDocument', { document: { ...doc, title: '另一个方案' } });
  console.log(`方案：${created.measureCount} 条措施`);

  line('打开方案 plans.get', await timed(15, () => s.call('plans.get', { id: planId })), 250);
  const detail = await s.call('plans.get', { id: planId });
  line('计算全部序号 computeMarkers', await timed(50, () => computeMarkers(detail.outline, { level3Numbering: 'restart' })), 5);

  // 二、整改任务与主要措施 › （一）: a section of 72 measures
  const aspect = detail.outline[1]!.children[0]!;
  const target = aspect.children[Math.floor(aspect.children.length / 2)]!;
  let version = detail.version;
  line(
    '输入一次（自动保存 updateNode）',
    await timed(40, async (i) => {
      version = (await s.call('outline.updateNode', { planId, expectedVersion: version, nodeId: target.id, patch: { body: [`正文第${i}版。`] } })).version;
    }),
    16,
  );
  line(
    '修改措施字段（含名录）',
    await timed(20, async (i) => {
      version = (
        await s.call('outline.updateNode', { planId, expectedVersion: version, nodeId: target.id, patch: { measure: { department: `部门${i % 5}`, deadline: '2026年3月底前' } } })
      ).version;
    }),
    16,
  );
  line(
    '添加措施 addNode',
    await timed(20, async () => {
      version = (await s.call('outline.addNode', { planId, expectedVersion: version, parentId: aspect.id, afterId: aspect.children[0]!.id, kind: 'measure', heading: '新措施' })).version;
    }),
    50,
  );
  const first = aspect.children[0]!;
  line(
    '移动（整节重新编号）moveNode',
    await timed(20, async (i) => {
      version = (await s.call('outline.moveNode', { planId, expectedVersion: version, nodeId: first.id, parentId: aspect.id, index: i % 2 === 0 ? 60 : 0 })).version;
    }),
    50,
  );
  line(
    '撤销 + 重做',
    await timed(10, async () => {
      version = (await s.call('history.undo', { planId, expectedVersion: version })).version;
      version = (await s.call('history.redo', { planId, expectedVersion: version })).version;
    }),
    100,
  );
  line('公文检查 checks.run', await timed(10, () => s.call('checks.run', { planId })), 200);
  let revisionId = 0;
  line(
    '保存版本 revisions.create',
    await timed(5, async () => {
      version = (await s.call('outline.updateNode', { planId, expectedVersion: version, nodeId: target.id, patch: { heading: `标题${version}` } })).version;
      revisionId = (await s.call('revisions.create', { planId })).revision.id;
    }),
    300,
  );
  line('版本对比 revisions.diff', await timed(5, () => s.call('revisions.diff', { revisionId })), 500);
  line('查找措施（2字）', await timed(20, () => s.call('measures.search', { query: '机制', excludePlanId: planId })), 50);
  line('查找措施（4字）', await timed(20, () => s.call('measures.search', { query: '专题研究', excludePlanId: planId })), 50);
  line(
    '恢复历史版本 revisions.restore',
    await timed(3, async () => {
      version = (await s.call('revisions.restore', { revisionId, expectedVersion: version })).version;
    }),
    1000,
  );
  s.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
