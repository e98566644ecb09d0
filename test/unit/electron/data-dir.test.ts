import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { platformDataDir, resolveDataDir } from '../../../electron/services/paths.ts';

describe('默认数据目录', () => {
  const home = path.join(os.homedir(), '.config', 'rectify-workbook');

  it('Linux：XDG_CONFIG_HOME 为绝对路径时用它，否则用 ~/.config', () => {
    expect(platformDataDir({ XDG_CONFIG_HOME: '/srv/cfg' }, 'linux')).toBe(path.join('/srv/cfg', 'rectify-workbook'));
    expect(platformDataDir({}, 'linux')).toBe(home);
  });

  it('XDG_CONFIG_HOME 为空或相对路径时视为未设置，工作台不会落到当前目录', () => {
    expect(platformDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(home);
    expect(platformDataDir({ XDG_CONFIG_HOME: 'cfg' }, 'linux')).toBe(home);
    expect(path.isAbsolute(resolveDataDir(undefined, { XDG_CONFIG_HOME: '' }))).toBe(true);
  });

  it('Windows：APPDATA 为空时用用户目录下的 AppData\\Roaming', () => {
    expect(platformDataDir({ APPDATA: '' }, 'win32')).toBe(path.join(os.homedir(), 'AppData', 'Roaming', 'rectify-workbook'));
  });
});
