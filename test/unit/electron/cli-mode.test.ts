import { cpSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp.ts';
import { FakeBrowserWindow, fake } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const { cliArguments, runInstalledCli } = await import('../../../electron/main/cli-mode.ts');

describe('安装后的程序带 --cli 运行命令行', () => {
  it('--cli 之后的参数才属于命令行；没有 --cli 就是桌面程序', () => {
    expect(cliArguments(['/opt/整改方案工作台/rectify-workbook', '--cli', 'list', '--json'])).toEqual(['list', '--json']);
    expect(cliArguments(['rectify-workbook.exe', '--ozone-platform=headless', '--cli'])).toEqual([]);
    expect(cliArguments(['/usr/bin/electron', '.', '--data', '/tmp/x'])).toBeNull();
  });

  it('不开窗口、不抢单实例锁，输出命令结果后以命令的退出码退出', async () => {
    const app = fake.electron.app;
    const data = tempDir();
    // An installed layout: the migrations beside the bundle inside the app folder.
    const appPath = tempDir('rectify-app-');
    cpSync(fileURLToPath(new URL('../../../electron/services/store/migrations/', import.meta.url)), path.join(appPath, 'out', 'main', 'migrations'), { recursive: true });
    app.getAppPath.mockReturnValue(appPath);
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    });
    try {
      runInstalledCli(['list', '--data', data]);
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalled(), { timeout: 10_000 });
    } finally {
      write.mockRestore();
    }
    expect(app.exit).toHaveBeenCalledWith(0);
    expect(written.join('')).toContain('（还没有方案）');
    // Chromium's state goes to a scratch folder of the run (removed at exit), not the workbook's folder.
    const scratch = app.setPath.mock.calls.find(([name]) => name === 'userData')?.[1] as string;
    expect(scratch.startsWith(path.join(os.tmpdir(), 'rectify-cli-'))).toBe(true);
    expect(existsSync(scratch)).toBe(false);
    expect(readdirSync(data).sort()).toEqual(expect.arrayContaining(['workbook.sqlite']));
    expect(readdirSync(data)).not.toContain('chromium');
    expect(app.disableHardwareAcceleration).toHaveBeenCalled();
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.electron.utilityProcess.fork).not.toHaveBeenCalled();
  });
});
