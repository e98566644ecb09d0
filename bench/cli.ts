// The `rectify` command as a user starts it: whole processes, against pandoc measured in the same run
// (issue 15): `rectify --help` ≤ 0.15 s; `rectify parse` of the 432-measure plan ≤ 1.2× pandoc;
// `rectify convert --ledger` ≤ 2× pandoc. pandoc converts the same text to .docx
// (`pandoc -f markdown plan.txt -o plan.docx`, the anchor used throughout); `pandoc -t json` (reading
// only) is printed for reference. Run: node bench/cli.ts (npm run bench -- cli)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bigPlan } from '../test/helpers/big-plan.ts';
import { installed, planText, timeTogether } from './_shared.ts';

const root = path.resolve(import.meta.dirname, '..');
const ROUNDS = 7;

// What `npm install` leaves: the bundle (bin/rectify.mjs would run the sources if it were stale).
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--skip-renderer'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`构建失败：${build.stderr}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-cli-'));
const input = path.join(dir, 'plan432.txt');
writeFileSync(input, planText(bigPlan()));
const data = path.join(dir, 'data');
const rectify = (...args: string[]): [string, string[]] => [process.execPath, [path.join(root, 'bin/rectify.mjs'), ...args]];

const hasPandoc = installed('pandoc');
const commands: Record<string, [string, string[]]> = {
  'node -e 0（空进程）': [process.execPath, ['-e', '0']],
  'rectify --help': rectify('--help'),
  'rectify list（空工作台）': rectify('list', '--data', data),
  'rectify parse --json': rectify('parse', input, '--json'),
  'rectify convert --ledger': rectify('convert', input, '-o', path.join(dir, 'rectify.docx'), '--ledger'),
  ...(hasPandoc
    ? {
        'pandoc → .docx': ['pandoc', ['-f', 'markdown', input, '-o', path.join(dir, 'pandoc.docx')]] as [string, string[]],
        'pandoc → json（只读入）': ['pandoc', ['-f', 'markdown', '-t', 'json', input, '-o', path.join(dir, 'pandoc.json')]] as [string, string[]],
      }
    : {}),
};
const ms = timeTogether(commands, ROUNDS, root);
rmSync(dir, { recursive: true, force: true });

console.log(`整个进程的耗时（中位数，${ROUNDS} 轮交替测量；432 项措施的方案）`);
for (const [name, value] of Object.entries(ms)) console.log(`${name.padEnd(28)} ${value.toFixed(0).padStart(6)} ms`);
const help = ms['rectify --help']!;
console.log(`\nrectify --help：${(help / 1000).toFixed(3)} s（目标 ≤ 0.15 s）${help <= 150 ? '  达标' : '  未达标'}`);
if (!hasPandoc) {
  console.log('本机没有安装 pandoc：无法给出与 pandoc 的比值（Debian：apt-get install pandoc）。');
} else {
  const pandoc = ms['pandoc → .docx']!;
  const ratio = (name: string, target: number) => {
    const r = ms[name]! / pandoc;
    console.log(`${name} / pandoc：${r.toFixed(2)} 倍（目标 ≤ ${target} 倍）${r <= target ? '  达标' : '  未达标'}`);
  };
  ratio('rectify parse --json', 1.2);
  ratio('rectify convert --ledger', 2);
}
