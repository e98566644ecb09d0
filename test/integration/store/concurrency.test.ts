import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/temp.ts';
import { nodeTsArgs } from '../../helpers/node-ts.ts';
import { generatePlanText } from '../../helpers/plan-text.ts';
import { createServices } from '../../../electron/services/index.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));
const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

interface Run {
  code: Promise<number | null>;
  stderr: () => string;
}

/** The real `rectify`, in its own process, running while the test goes on. */
function rectify(args: string[]): Run {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return { code: new Promise((r) => child.once('close', (code) => r(code))), stderr: () => err };
}

/** Three copies of the 432-measure plan text: an import that holds the writer's lock again and again. */
function bigFiles(): string[] {
  const dir = tempDir('rectify-src-');
  const text = generatePlanText(6);
  return ['甲', '乙', '丙'].map((name) => {
    const file = path.join(dir, `${name}.txt`);
    writeFileSync(file, text);
    return file;
  });
}

describe('多个写入者：等待写锁，而不是失败', () => {
  it('另一个进程在导入大文件时，本进程的编辑器式保存一次也不失败', async () => {
    const dataDir = tempDir();
    const s = await createServices({ dataDir });
    const plan = await s.call('plans.createFromDocument', {
      document: { ...(await s.call('import.parseText', { text: generatePlanText(1) })).document, title: '正在编辑的方案' },
    });
    const nodeId = (await s.call('plans.get', { id: plan.id })).outline[0]!.children[0]!.children[0]!.id;
    const files = bigFiles();
    const importing = rectify(['import', ...files, ...files, '--data', dataDir]);
    let done = false;
    void importing.code.then(() => (done = true));
    let version = plan.version;
    const failures: string[] = [];
    let saves = 0;
    while (!done || saves < 20) {
      saves++;
      try {
        // As the editor's autosave sends them: one field, the version it last saw.
        const r = await s.call('outline.updateNode', { planId: plan.id, expectedVersion: version, nodeId, patch: { heading: `深化理论武装（第${saves}次保存）` } });
        version = r.version;
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await importing.code, importing.stderr()).toBe(0);
    expect(failures).toEqual([]);
    expect((await s.call('plans.get', { id: plan.id })).outline[0]!.children[0]!.children[0]!.heading).toBe(`深化理论武装（第${saves}次保存）`);
    expect((await s.call('plans.list', {})).length).toBe(1 + 2 * files.length);
    s.close();
  });

  it('两个 rectify import 同时运行：都成功（退出码 0），方案一个不少', async () => {
    const dataDir = tempDir();
    const files = bigFiles();
    const a = rectify(['import', ...files, '--data', dataDir]);
    const b = rectify(['import', ...files, '--data', dataDir]);
    expect(await a.code, a.stderr()).toBe(0);
    expect(await b.code, b.stderr()).toBe(0);
    const s = await createServices({ dataDir });
    const plans = await s.call('plans.list', {});
    expect(plans).toHaveLength(2 * files.length);
    expect(plans.every((p) => p.measureCount === 432)).toBe(true);
    s.close();
  });

  it('另一个进程打开工作台并不断写入时，命令行的写入照样成功', async () => {
    const dataDir = tempDir();
    (await createServices({ dataDir })).close();
    const app = spawn(process.execPath, [...nodeTsArgs(), writer, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      // Wait until the other process is writing.
      await new Promise<void>((resolve, reject) => {
        app.once('error', reject);
        app.stdout.once('data', () => resolve());
      });
      const runs = [rectify(['new', '--title', '命令行新建一', '--data', dataDir]), rectify(['new', '--title', '命令行新建二', '--data', dataDir])];
      for (const r of runs) expect(await r.code, r.stderr()).toBe(0);
      const files = bigFiles();
      const imported = rectify(['import', files[0]!, '--data', dataDir]);
      expect(await imported.code, imported.stderr()).toBe(0);
    } finally {
      app.kill('SIGKILL');
      await new Promise((r) => app.once('exit', r));
    }
    const s = await createServices({ dataDir });
    const titles = (await s.call('plans.list', {})).map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['命令行新建一', '命令行新建二']));
    s.close();
  });
});
