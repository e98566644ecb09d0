import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/temp.ts';
import { DB_FILE, openDatabase } from '../../../electron/services/store/database.ts';
import { openConnection } from '../../../electron/services/store/driver.ts';
import { createServices } from '../../../electron/services/index.ts';
import { damageDatabase } from '../../helpers/damage-db.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));

function rectify(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workbook with one plan, closed cleanly (no WAL beside it). */
async function workbook(): Promise<{ dataDir: string; file: string }> {
  const dataDir = tempDir();
  const s = await createServices({ dataDir });
  await s.call('plans.create', { title: '党委理论学习中心组整改方案' });
  s.close();
  return { dataDir, file: path.join(dataDir, DB_FILE) };
}


describe('打开数据库：确认是本程序的完好数据库之前只读', () => {
  it('更新版本程序的数据库（回滚日志模式）：拒绝打开，文件逐字节不变（含文件头第 18–19 字节）', async () => {
    const { dataDir, file } = await workbook();
    const raw = openConnection(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 999');
    raw.close();
    const before = readFileSync(file);
    expect([before[18], before[19]]).toEqual([1, 1]);

    await expect(openDatabase(dataDir)).rejects.toMatchObject({ code: 'newer_database', message: expect.stringContaining('请升级程序') });
    const cli = rectify(['new', '--title', '不应写入', '--data', dataDir]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('更新版本');
    expect(cli.stderr).not.toMatch(/\bat \S+:\d+/);

    const after = readFileSync(file);
    expect([after[18], after[19]]).toEqual([1, 1]);
    expect(after.equals(before)).toBe(true);
  });

  it('版本号只在未合并的 WAL 中（更新版本的程序写入后崩溃）：经只读连接识别，主文件不变', async () => {
    const { dataDir, file } = await workbook();
    const crashed = tempDir();
    const raw = openConnection(file);
    raw.pragma('wal_autocheckpoint = 0');
    raw.pragma('user_version = 999');
    // Copy the files while the writer is still open: the new version lives only in the WAL.
    copyFileSync(file, path.join(crashed, DB_FILE));
    copyFileSync(`${file}-wal`, path.join(crashed, `${DB_FILE}-wal`));
    raw.close();
    const before = readFileSync(path.join(crashed, DB_FILE));
    expect(before.readUInt32BE(60)).not.toBe(999);
    await expect(openDatabase(crashed)).rejects.toMatchObject({ code: 'newer_database' });
    expect(readFileSync(path.join(crashed, DB_FILE)).equals(before)).toBe(true);
    expect(dataDir).not.toBe(crashed);
  });

  it('损坏的数据库：从不写入；说“数据文件已损坏”，指出 backups 中最新的备份并说明如何恢复', async () => {
    const { dataDir, file } = await workbook();
    mkdirSync(path.join(dataDir, 'backups'));
    copyFileSync(file, path.join(dataDir, 'backups', 'daily-2026-01-14.sqlite'));
    copyFileSync(file, path.join(dataDir, 'backups', 'daily-2026-01-15.sqlite'));
    const older = new Date('2026-01-14T08:00:00Z');
    const { utimesSync } = await import('node:fs');
    utimesSync(path.join(dataDir, 'backups', 'daily-2026-01-14.sqlite'), older, older);
    damageDatabase(file);
    const before = readFileSync(file);

    const err = await openDatabase(dataDir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'db_corrupt' });
    const message = (err as Error).message;
    expect(message).toContain('数据文件已损坏');
    expect(message).toContain(path.join(dataDir, 'backups', 'daily-2026-01-15.sqlite'));
    expect(message).toContain('改名为 workbook.sqlite');

    // `rectify new` must not write into it either.
    const cli = rectify(['new', '--title', '不应写入', '--data', dataDir]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('数据文件已损坏');
    expect(cli.stderr).toContain('daily-2026-01-15.sqlite');
    expect(cli.stderr).not.toContain('发生意外错误');
    expect(cli.stderr).not.toMatch(/malformed|database disk/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('不是数据库的文件（文件头不对）：同样说数据文件已损坏；没有备份时说明怎么办', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, DB_FILE);
    writeFileSync(file, Buffer.alloc(4096, 0x41));
    const before = readFileSync(file);
    await expect(openDatabase(dataDir)).rejects.toMatchObject({ code: 'db_corrupt', message: expect.stringContaining('没有备份') });
    const cli = rectify(['list', '--data', dataDir]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('数据文件已损坏');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('空文件（建库时断电）当作新数据库', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, DB_FILE), '');
    const s = await createServices({ dataDir });
    expect(await s.call('plans.list', {})).toEqual([]);
    s.close();
  });
});
