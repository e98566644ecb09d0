import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.ts';

const linuxLauncher = fileURLToPath(new URL('../../../build/linux/rectify', import.meta.url));
const windowsLauncher = fileURLToPath(new URL('../../../build/win/rectify.cmd', import.meta.url));

/** A stand-in for the installed program: prints the arguments it was started with, one a line. */
function fakeProgram(file: string): void {
  writeFileSync(file, '#!/bin/sh\nfor a in "$@"; do echo "$a"; done\nexit 7\n');
  chmodSync(file, 0o755);
}

function runLauncher(launcher: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(launcher, args, { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', ...env } });
  return { code: r.status, args: r.stdout.split('\n').filter(Boolean), stderr: r.stderr };
}

describe('rectify 启动脚本（安装后的命令行）', () => {
  it('Linux：在程序旁边运行 rectify-workbook --cli，参数原样传递，退出码是程序的', () => {
    expect(statSync(linuxLauncher).mode & 0o111).not.toBe(0);
    const dir = tempDir();
    const launcher = path.join(dir, 'rectify');
    copyFileSync(linuxLauncher, launcher);
    chmodSync(launcher, 0o755);
    fakeProgram(path.join(dir, 'rectify-workbook'));
    const withDisplay = runLauncher(launcher, ['list', '--json', '--data', '/tmp/有 空格'], { DISPLAY: ':0' });
    expect(withDisplay).toMatchObject({ code: 7, args: ['--cli', 'list', '--json', '--data', '/tmp/有 空格'] });
    // A terminal without a display (ssh): Chromium is told not to open one.
    const headless = runLauncher(launcher, ['list'], {});
    expect(headless.args).toEqual(['--ozone-platform=headless', '--cli', 'list']);
  });

  it('Linux：作为 /usr/bin/rectify（deb 安装的副本）时经由 /usr/bin/rectify-workbook 链接找到程序', () => {
    const dir = tempDir();
    const opt = path.join(dir, 'opt', '整改方案工作台');
    const bin = path.join(dir, 'usr', 'bin');
    mkdirSync(opt, { recursive: true });
    mkdirSync(bin, { recursive: true });
    fakeProgram(path.join(opt, 'rectify-workbook'));
    symlinkSync(path.join(opt, 'rectify-workbook'), path.join(bin, 'rectify-workbook'));
    copyFileSync(linuxLauncher, path.join(bin, 'rectify'));
    chmodSync(path.join(bin, 'rectify'), 0o755);
    expect(runLauncher(path.join(bin, 'rectify'), ['verify'], { DISPLAY: ':0' })).toMatchObject({ code: 7, args: ['--cli', 'verify'] });
  });

  it('Linux：找不到程序时用中文说明', () => {
    const dir = tempDir();
    const launcher = path.join(dir, 'rectify');
    copyFileSync(linuxLauncher, launcher);
    chmodSync(launcher, 0o755);
    const r = runLauncher(launcher, ['list'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('找不到整改方案工作台程序');
  });

  it('Windows：rectify.cmd 运行同一文件夹中的 rectify-workbook.exe --cli，并把退出码交回命令提示符', () => {
    const text = readFileSync(windowsLauncher, 'latin1');
    // cmd.exe reads batch files in the console's code page: ASCII only, CRLF line ends.
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(3);
    expect(text.replace(/\r\n/g, '\n').split('\n').filter((l) => !/^(@echo off|rem |$)/i.test(l))).toEqual([
      '"%~dp0rectify-workbook.exe" --cli %*',
      'exit /b %ERRORLEVEL%',
    ]);
  });
});
