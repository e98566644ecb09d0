import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/temp.ts';
import { createServices } from '../../../electron/services/index.ts';
import { DB_FILE } from '../../../electron/services/store/database.ts';
import { openConnection } from '../../../electron/services/store/driver.ts';
import { createTrackedPlan } from '../progress/fixture.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));

/** The real `rectify` in its own process (asynchronously: this process holds a lock meanwhile). */
function rectify(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('命令行遇到数据库本身的问题：退出码 2，中文说明并指出数据目录，没有英文和堆栈', () => {
  it('另一个程序长时间占着写锁：读照常，写在等待后以“正被其他程序占用”退出 2（经由契约的命令和直接写入佐证材料的 attach 一样）', async () => {
    const dataDir = tempDir();
    const s = await createServices({ dataDir });
    const { measureIds } = await createTrackedPlan(s);
    s.close();
    const file = path.join(tempDir('rectify-src-'), '会议纪要.pdf');
    writeFileSync(file, '纪要');

    const holder = openConnection(path.join(dataDir, DB_FILE));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const [list, created, attached] = await Promise.all([
        rectify(['list', '--data', dataDir]),
        rectify(['new', '--title', '写不进去', '--data', dataDir]),
        rectify(['attach', measureIds[0]!, file, '--data', dataDir]),
      ]);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('民主生活会');
      for (const r of [created, attached]) {
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain('正被其他程序占用');
        expect(r.stderr).toContain(dataDir);
        expect(r.stderr).not.toMatch(/database is locked|SQLITE_|发生意外错误/);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    // Once the lock is gone the same command works.
    const again = await rectify(['new', '--title', '现在可以了', '--data', dataDir]);
    expect(again.code).toBe(0);
  });
});
