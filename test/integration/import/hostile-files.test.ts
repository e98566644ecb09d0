// Issue 9 item 6: readers are bounded. Every hostile file is generated here; `rectify parse` and
// `rectify import` refuse each with exit 2 and a Chinese message (no stack trace, nothing stored), with
// the CLI's heap capped at 256 MB and its peak memory (maxRSS, worker included) well below what reading
// the file naively would take.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  badCharacterReferenceDocx,
  deeplyNestedDocx,
  highRatioDocx,
  hugeNumberingStartDocx,
  manyEntriesDocx,
  oversizedDoc,
  oversizedText,
  zipBombDocx,
} from '../../helpers/hostile-files.ts';
import { tempDir } from '../../helpers/temp.ts';
import { runCli, write } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MB = 1024 * 1024;
/** Node and the CLI's modules take about 150 MB; reading any of these files naively takes gigabytes. */
const PEAK_LIMIT_KB = 450 * 1024;

interface BoundedRun {
  code: number;
  stderr: string;
  maxRssKb: number;
}

/** The CLI under /usr/bin/time (for its peak memory) with a 256 MB heap. */
function runBounded(args: string[]): BoundedRun {
  const argv = ['-f', 'MAXRSS_KB=%M', process.execPath, '--max-old-space-size=256', path.join(ROOT, 'bin/rectify.mjs'), ...args];
  let stderr: string;
  let code = 0;
  try {
    stderr = execFileSync('/usr/bin/time', argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, env: { ...process.env, RECTIFY_DEBUG: '' } });
  } catch (err) {
    const e = err as { status: number | null; stderr: string };
    code = e.status ?? -1;
    stderr = e.stderr ?? '';
  }
  const rss = /MAXRSS_KB=(\d+)/.exec(stderr);
  return { code, stderr: stderr.replace(/MAXRSS_KB=\d+\s*/, '').replace(/Command exited with non-zero status \d+\s*/, ''), maxRssKb: rss ? Number(rss[1]) : Number.POSITIVE_INFINITY };
}

const HOSTILE: Array<[string, string, () => Promise<Buffer> | Buffer, RegExp]> = [
  ['1 KB .docx numbered from 10¹² in upperRoman', 'numbering.docx', hugeNumberingStartDocx, /自动编号数值异常/],
  ['.docx inflating to 600 MB', 'bomb-600mb.docx', () => zipBombDocx(600 * MB), /解压后超过 200 MB/],
  ['.docx inflating to 3 GB', 'bomb-3gb.docx', () => zipBombDocx(3 * 1024 * MB), /解压后超过 200 MB/],
  ['.docx with a 1000-fold compressed part', 'ratio.docx', highRatioDocx, /压缩比异常/],
  ['.docx with 10,001 parts', 'entries.docx', () => manyEntriesDocx(10_001), /内部文件/],
  ['.docx with 5,000,000 nested elements', 'nested.docx', () => deeplyNestedDocx(5_000_000), /嵌套层数超过/],
  ['.docx with &#99999999;', 'charref.docx', badCharacterReferenceDocx, /无效的字符编码/],
  ['.doc of 65 MB', 'huge.doc', () => oversizedDoc(65 * MB), /上限 64 MB/],
  ['.txt of 21 MB', 'huge.txt', () => oversizedText(21 * MB), /上限 20 MB/],
];

describe('hostile files are refused, bounded, in Chinese', () => {
  const files = new Map<string, string>();
  // Made once for all the cases (the 3 GB bomb takes seconds to deflate), removed at the end.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rectify-hostile-'));
  beforeAll(async () => {
    for (const [, name, make] of HOSTILE) files.set(name, write(path.join(dir, name), await make()));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [label, name, , message] of HOSTILE) {
    it(`rectify parse: ${label}`, () => {
      const run = runBounded(['parse', files.get(name)!, '--json', '--data', tempDir()]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain(name);
      expect(run.stderr).not.toMatch(/Error|\bat .+:\d+|RangeError|heap/);
      expect(run.maxRssKb).toBeLessThan(PEAK_LIMIT_KB);
    });
  }

  it('rectify import of a hostile file stores nothing, and a good file beside it is not half-imported', () => {
    const data = tempDir();
    const good = write(path.join(tempDir(), 'good.txt'), 'XX局整改方案\n一、整改任务\n1.健全制度。\n');
    const run = runBounded(['import', good, files.get('numbering.docx')!, '--data', data]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/自动编号数值异常/);
    expect(runCli(['list', '--data', data, '--json']).stdout.trim()).toBe('[]');
  });
});
