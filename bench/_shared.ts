// Helpers shared by the bench scripts (files starting with _ are not run by scripts/bench.mjs).
import { spawnSync } from 'node:child_process';
import { responsibilityText } from '../electron/services/export/blocks.ts';
import { walkNumbered } from '../shared/numbering.ts';
import type { PlanDocument } from '../shared/domain/document.ts';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The plan as the text a secretary would have: what `rectify parse`/`convert` and pandoc read. */
export function planText(doc: PlanDocument): string {
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

/** Whether a program is on PATH (pandoc is optional: the bench says so when it is missing). */
export function installed(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Wall time of one whole process, in ms; throws with its stderr when it fails. */
export function timeProcess(command: string, args: string[], cwd?: string): number {
  const started = performance.now();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} 失败：${r.stderr}`);
  return ms;
}

/**
 * Median wall times of several commands measured in the same run, interleaved round by round, so a
 * busy machine slows all of them alike and the ratios stay meaningful. The first round only warms
 * the file cache.
 */
export function timeTogether(commands: Record<string, [string, string[]]>, rounds: number, cwd?: string): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let round = 0; round <= rounds; round++) {
    for (const [name, [command, args]] of Object.entries(commands)) {
      const ms = timeProcess(command, args, cwd);
      if (round > 0) times[name]!.push(ms);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}
