import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import path from 'node:path';
import { tempDir } from '../../helpers/temp.ts';
import { DB_FILE } from '../../../electron/services/store/database.ts';
import { createServices } from '../../../electron/services/index.ts';
import { nodeTsArgs } from '../../helpers/node-ts.ts';

const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

describe('断电/崩溃安全', () => {
  it('写入中的进程被 SIGKILL 杀死后，数据库完整且保留每一条已提交的写入', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [...nodeTsArgs(), writer, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const committed: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        committed.push(...lines);
        if (committed.length >= 200) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    await new Promise((r) => child.once('exit', r).once('close', r));
    expect(committed.length).toBeGreaterThanOrEqual(200);

    const raw = new Database(path.join(dataDir, DB_FILE));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const services = await createServices({ dataDir });
    const titles = new Set((await services.call('plans.list', {})).map((p) => p.title));
    const lost = committed.filter((t) => !titles.has(t));
    expect(lost).toEqual([]);
    services.close();
  });
});
