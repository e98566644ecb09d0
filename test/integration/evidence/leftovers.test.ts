import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/temp.ts';
import { nodeTsArgs } from '../../helpers/node-ts.ts';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { blobPath, tempRoot } from '../../../electron/services/evidence/blob-store.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));
const writer = fileURLToPath(new URL('./package-writer.ts', import.meta.url));

function rectify(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The pid of a process that has exited: nothing runs under it any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

/**
 * A plan with one attachment whose stored file is replaced by a named pipe: an export that reaches it
 * waits there forever, mid-write, with its `*.part` folder already on disk — a deterministic "interrupted
 * export" without timing.
 */
async function stuckExport(): Promise<{ dataDir: string; planId: string; fifo: string; output: string }> {
  const dataDir = tempDir();
  const s = await createServices({ dataDir });
  const { planId, measureIds } = await createTrackedPlan(s);
  const a = await s.call('evidence.attachData', { measureId: measureIds[0]!, originalName: '会议纪要.pdf', dataBase64: Buffer.from('纪要').toString('base64') });
  s.close();
  const fifo = blobPath(dataDir, a.sha256);
  rmSync(fifo);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  return { dataDir, planId, fifo, output: path.join(tempDir('rectify-out-'), '佐证材料包') };
}

async function waitFor(check: () => boolean, child: ChildProcess): Promise<void> {
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`writer exited early (${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function partsBeside(output: string): string[] {
  return readdirSync(path.dirname(output)).filter((n) => n.endsWith('.part'));
}

/** Lets the stuck copy finish (the writer may already be gone). */
function release(fifo: string): void {
  try {
    // Non-blocking: with no reader left, opening the pipe for writing fails at once instead of waiting.
    const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, 'x');
    closeSync(fd);
  } catch {
    // nobody reading
  }
}

describe('中断的写入留下的临时文件：启动维护与 rectify doctor 找到并清理', () => {
  it('佐证材料包导出中途被 kill -9：留下的 *.part 由 doctor 报告，doctor --clean（即启动维护）删除', async () => {
    const { dataDir, planId, fifo, output } = await stuckExport();
    const child = spawn(process.execPath, [...nodeTsArgs(), writer, dataDir, planId, output], { stdio: 'ignore' });
    await waitFor(() => partsBeside(output).length === 1, child);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    release(fifo);
    const part = path.join(path.dirname(output), partsBeside(output)[0]!);
    expect(existsSync(part)).toBe(true);

    // Put the evidence file back so that only the leftover is wrong with the workbook.
    rmSync(fifo);
    writeFileSync(fifo, '纪要');
    const doctor = rectify(['doctor', '--data', dataDir]);
    expect(doctor.code).toBe(3);
    expect(doctor.stdout).toContain('遗留的临时文件（未完成的佐证材料包导出）');
    expect(doctor.stdout).toContain(part);
    const json = JSON.parse(rectify(['doctor', '--json', '--data', dataDir]).stdout) as { ok: boolean; leftovers: { kind: string; path: string }[] };
    expect(json.leftovers).toEqual([expect.objectContaining({ kind: 'export-temp', path: part })]);

    const clean = rectify(['doctor', '--clean', '--data', dataDir]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('结论：一切正常');
    expect(existsSync(part)).toBe(false);
    expect(readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  });

  it('rectify evidence 导出中按 Ctrl+C：退出前删除自己的 *.part', async () => {
    const { dataDir, planId, fifo, output } = await stuckExport();
    const child = spawn(process.execPath, [bin, 'evidence', planId, '-o', output, '--data', dataDir], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    await waitFor(() => partsBeside(output).length === 1, child);
    child.kill('SIGINT');
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    release(fifo);
    expect(await exit).toBe(130);
    expect(stderr).toContain('已中断');
    expect(partsBeside(output)).toEqual([]);
    expect(existsSync(output)).toBe(false);
  });

  it('佐证材料的临时文件：写入进程已结束的立即清理，仍在写入的保留', async () => {
    const dataDir = tempDir();
    const s: Services = await createServices({ dataDir });
    const tmp = tempRoot(dataDir);
    mkdirSync(tmp, { recursive: true });
    const dead = path.join(tmp, `${deadPid()}-0b7c8a40-9f3e-4f7e-9a51-0a6a4c1d2e3f.part`);
    const mine = path.join(tmp, `${process.pid}-7d1c2b3a-4e5f-4a6b-8c9d-0e1f2a3b4c5d.part`);
    const legacyFresh = path.join(tmp, '31415926-1d2e-4f3a-8b4c-5d6e7f8a9b0c.part');
    const legacyOld = path.join(tmp, '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d.part');
    for (const f of [dead, mine, legacyFresh, legacyOld]) writeFileSync(f, '半个文件');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(legacyOld, twoHoursAgo, twoHoursAgo);

    const report = await s.call('maintenance.doctor', {});
    expect(report.leftovers.map((l) => l.path).sort()).toEqual([dead, legacyOld].sort());
    expect(report.ok).toBe(false);
    const run = await s.call('maintenance.run', {});
    expect(run.removedTempFiles).toBe(2);
    expect(readdirSync(tmp).sort()).toEqual([path.basename(mine), path.basename(legacyFresh)].sort());
    s.close();
  });
});
