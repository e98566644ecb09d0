import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml: checked against electron-builder's own schema (the packaging targets need
 * downloads that are impossible here), and the decisions that protect users pinned one by one.
 */
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

// Parsed YAML: its shape is exactly what the assertions below check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = Record<string, any>;
const file = fileURLToPath(new URL('../../../electron-builder.yml', import.meta.url));
const config = yaml.load(readFileSync(file, 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it('is valid for electron-builder 26', async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the schema check would catch a wrong option', async () => {
    const broken = structuredClone(config);
    broken.nsis.oneClik = false;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('names the product in Chinese and never publishes', () => {
    expect(config.productName).toBe('整改方案工作台');
    expect(config.appId).toMatch(/^[a-z][\w.]+$/);
    expect(config.publish).toBeNull();
    expect(config.npmRebuild).toBe(false);
  });

  it('packages only the build output, with native addons unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    const files = config.files as string[];
    expect(files.filter((f) => !f.startsWith('!'))).toEqual(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**']);
    expect(files).toContain('!**/node_modules/better-sqlite3/{deps,src}/**');
    expect(files.some((f) => f.includes('better-sqlite3/prebuilds') && f.includes('${platform}-${arch}'))).toBe(true);
    // A platform-level files list would become a second, match-everything file set.
    expect(config.win.files).toBeUndefined();
    expect(config.linux.files).toBeUndefined();
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*'] }]);
    expect(config.electronLanguages).toEqual(['zh-CN', 'en-US']);
  });

  it('installs the rectify command line beside the program (and as /usr/bin/rectify from the deb), RunAsNode staying off', () => {
    expect(config.linux.extraFiles).toEqual([{ from: 'build/linux/rectify', to: 'rectify' }]);
    expect(config.win.extraFiles).toEqual([{ from: 'build/win/rectify.cmd', to: 'rectify.cmd' }]);
    expect(config.deb.fpm).toEqual(['build/linux/rectify=/usr/bin/rectify']);
    expect(config.electronFuses.runAsNode).toBe(false);
    expect(config.files).toContain('!out/main/bundle-sources.json');
  });

  it('hardens the Electron binary with fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds an assisted Chinese NSIS installer that keeps the user\'s data', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const nsis = config.nsis;
    expect(nsis.oneClick).toBe(false);
    expect(nsis.perMachine).toBe(false);
    expect(nsis.selectPerMachineByDefault).toBe(true);
    expect(nsis.allowToChangeInstallationDirectory).toBe(true);
    expect(nsis.installerLanguages).toEqual(['zh_CN']);
    expect(nsis.language).toBe('2052');
    expect(nsis.deleteAppDataOnUninstall).toBe(false);
    expect(nsis.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('builds .deb packages for x64 and arm64 with an ASCII command and a Chinese menu entry', () => {
    expect(config.linux.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }]);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.executableName).toMatch(/^[a-z0-9-]+$/);
    expect(config.linux.desktop.entry.Name).toBe('整改方案工作台');
  });
});
