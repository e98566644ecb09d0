import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp.ts';

/**
 * The built artefacts, not the sources: scripts/build.mjs bundles main and preload into a scratch
 * folder inside the project (so the bundle still finds node_modules), then the bundle is started in
 * plain Node with a stub `electron`, and the preload is run the way a sandboxed renderer runs it.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const harness = fileURLToPath(new URL('./bundle-harness/', import.meta.url));
let appPath: string;
let out: string;

beforeAll(() => {
  mkdirSync(path.join(repo, 'out'), { recursive: true });
  appPath = mkdtempSync(path.join(repo, 'out', '.bundle-test-'));
  out = path.join(appPath, 'out');
  const build = spawnSync(process.execPath, [path.join(repo, 'scripts/build.mjs'), '--skip-renderer', '--out', out], { encoding: 'utf8', cwd: repo });
  expect(build.status, build.stderr + build.stdout).toBe(0);
  mkdirSync(path.join(out, 'renderer'), { recursive: true });
  writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html><title>整改方案工作台</title>');
});

afterAll(() => {
  if (appPath) rmSync(appPath, { recursive: true, force: true });
});

describe('scripts/build.mjs output', () => {
  it('produces ES-module entries for the main process, the service process and the CLI, and a CommonJS preload, that pass node --check', () => {
    for (const file of ['main/main.js', 'main/service-host.js', 'main/cli.js', 'preload/preload.cjs']) {
      const check = spawnSync(process.execPath, ['--check', path.join(out, file)], { encoding: 'utf8' });
      expect(check.status, `${file}: ${check.stderr}`).toBe(0);
    }
    const main = readFileSync(path.join(out, 'main/main.js'), 'utf8');
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).not.toMatch(/\brequire\(/);
    // The window's process never loads SQLite: the services (and the CLI, on demand) do.
    expect(main).not.toMatch(/from "better-sqlite3"/);
  });

  it('bundles every library except the native addon: the app needs nothing else from node_modules', () => {
    const files = readdirSync(path.join(out, 'main')).filter((f) => f.endsWith('.js'));
    const imported = new Set<string>();
    for (const file of files) {
      const code = readFileSync(path.join(out, 'main', file), 'utf8');
      // ES imports, dynamic imports, and the require() calls left by bundled CommonJS libraries.
      for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)|\brequire\(\s*"([^"]+)"\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? '';
        if (!spec.startsWith('.')) imported.add(spec);
      }
    }
    const bare = [...imported].filter((s) => !s.startsWith('node:') && !builtinModules.includes(s));
    expect(bare.sort()).toEqual(['better-sqlite3', 'electron']);
    const zodIn = files.filter((f) => readFileSync(path.join(out, 'main', f), 'utf8').includes('from "zod"'));
    expect(zodIn).toEqual([]);
  });

  it('copies every numbered migration beside the main bundle', () => {
    const source = readdirSync(path.join(repo, 'electron/services/store/migrations')).filter((f) => f.endsWith('.sql')).sort();
    expect(source.length).toBeGreaterThan(0);
    expect(readdirSync(path.join(out, 'main/migrations')).sort()).toEqual(source);
  });

  it('bundles the preload into one file that requires nothing but electron', () => {
    const code = readFileSync(path.join(out, 'preload/preload.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });
});

describe('the built preload in a sandbox-like context', () => {
  it('exposes exactly window.rectify with the bridge functions', async () => {
    const exposeInMainWorld = vi.fn();
    const invoke = vi.fn(async () => ({ ok: true, result: [] }));
    const electron = { contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke } };
    const sandboxRequire = (id: string) => {
      if (id !== 'electron') throw new Error(`module not found: ${id}`);
      return electron;
    };
    const code = readFileSync(path.join(out, 'preload/preload.cjs'), 'utf8');
    // Sandboxed preloads get a wrapper with require/module/exports; no Node globals beyond these.
    const wrapper = vm.runInNewContext(`(function (require, module, exports) {\n${code}\n})`, {});
    const module = { exports: {} };
    wrapper(sandboxRequire, module, module.exports);
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, bridge] = exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, (arg: unknown) => Promise<unknown>>];
    expect(name).toBe('rectify');
    expect(Object.keys(bridge).sort()).toEqual(['chooseFolder', 'choosePaths', 'chooseSavePath', 'openAttachment', 'openFiles', 'pathForFile', 'rpc', 'saveFile']);
    await bridge.rpc!({ method: 'plans.list', input: {} });
    expect(invoke).toHaveBeenCalledWith('rectify:rpc', { method: 'plans.list', input: {} });
  });
});

describe('the built main bundle, started with a stub electron', () => {
  interface Report {
    setPath: Record<string, string>;
    schemes: { scheme: string; privileges: Record<string, boolean> }[] | null;
    protocols: string[];
    windows: { options: { webPreferences: Record<string, unknown> }; url: string }[];
    ipcChannels: string[];
    menuLabels: string[];
    page: { status: number; csp: string | null; body: string };
    traversalStatus: number;
    services: { entry: string; serviceName: string | null }[];
    created: { ok: boolean };
    listed: { ok: boolean; result: { title: string }[] };
    errors: string[];
  }

  it('opens the workbook in --data, serves app://, relays RPC and makes the hardened window', () => {
    const dataDir = tempDir('rectify-bundle-data-');
    const run = spawnSync(process.execPath, ['--import', path.join(harness, 'hooks.mjs'), path.join(out, 'main/main.js'), '--data', dataDir], {
      encoding: 'utf8',
      cwd: repo,
      env: { ...process.env, STUB_APP_PATH: appPath, RECTIFY_DATA: '' },
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.errors).toEqual([]);
    expect(report.setPath.userData).toBe(dataDir);
    expect(report.schemes?.[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(report.protocols.sort()).toEqual(['app', 'file']);
    expect(report.page.status).toBe(200);
    expect(report.page.body).toContain('整改方案工作台');
    expect(report.page.csp).toContain("script-src 'self'");
    expect(report.traversalStatus).toBe(403);
    expect(report.ipcChannels.sort()).toEqual(['rectify:choose-folder', 'rectify:choose-paths', 'rectify:choose-save-path', 'rectify:open-attachment', 'rectify:open-files', 'rectify:rpc', 'rectify:save-file']);
    expect(report.menuLabels.map((l) => l.replace(/\(&\w\)$/, ''))).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(report.windows).toHaveLength(1);
    const window = report.windows[0]!;
    expect(window.url).toBe('app://workbook/index.html');
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(window.options.webPreferences.preload).toBe(path.join(out, 'preload', 'preload.cjs'));
    expect(existsSync(window.options.webPreferences.preload as string)).toBe(true);
    // The RPC went to the service bundle, running in a child process of its own.
    expect(report.services).toEqual([{ entry: path.join(out, 'main', 'service-host.js'), serviceName: '整改方案工作台服务' }]);
    expect(report.created.ok).toBe(true);
    expect(report.listed).toMatchObject({ ok: true, result: [{ title: '打包冒烟测试' }] });

    // The schema came from the migrations copied beside the bundle: all of them applied.
    const migrations = readdirSync(path.join(out, 'main/migrations')).filter((f) => f.endsWith('.sql'));
    const db = new Database(path.join(dataDir, 'workbook.sqlite'), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    } finally {
      db.close();
    }
  });
});

describe('the built CLI (out/main/cli.js), with no TypeScript loader', () => {
  /** Runs the CLI bundle in plain Node, recording which files it loads. */
  function cli(args: string[]) {
    const record = path.join(tempDir('rectify-loads-'), 'loads.txt');
    const r = spawnSync(process.execPath, ['--import', path.join(harness, 'record-loads.mjs'), path.join(out, 'main/cli.js'), ...args], {
      encoding: 'utf8',
      cwd: repo,
      env: { ...process.env, RECORD_LOADS: record, RECTIFY_DATA: '', NODE_OPTIONS: '' },
    });
    const loaded = readFileSync(record, 'utf8').split('\n').filter(Boolean).map((u) => fileURLToPath(u));
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, loaded };
  }
  const bytes = (files: string[]) => files.reduce((sum, f) => sum + statSync(f).size, 0);
  const ours = (files: string[]) => files.filter((f) => f.startsWith(path.join(out, 'main')));

  it('rectify list on an empty workbook prints its note and exits 0 (it used to die with ERR_INVALID_ARG_TYPE)', () => {
    const data = tempDir('rectify-empty-');
    const plain = cli(['list', '--data', data]);
    expect(plain).toMatchObject({ code: 0, stdout: '（还没有方案）\n', stderr: '' });
    const json = cli(['list', '--json', '--data', data]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('commands load only what they use: help and list a small part of the bundle, no TypeScript anywhere', () => {
    const all = bytes(readdirSync(path.join(out, 'main')).filter((f) => f.endsWith('.js')).map((f) => path.join(out, 'main', f)));
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法：rectify');
    expect(help.loaded.some((f) => f.includes('better-sqlite3'))).toBe(false);
    expect(bytes(ours(help.loaded))).toBeLessThan(all * 0.15);
    const list = cli(['list', '--data', tempDir('rectify-empty-')]);
    expect(list.loaded.some((f) => f.includes('better-sqlite3'))).toBe(true);
    expect(bytes(ours(list.loaded))).toBeLessThan(all * 0.2);
    for (const run of [help, list]) expect(run.loaded.filter((f) => /\.tsx?$/.test(f) || f.includes(`${path.sep}tsx${path.sep}`))).toEqual([]);
  });
});

describe('the built main bundle with --cli (what the installed rectify launcher runs)', () => {
  function installedCli(args: string[]) {
    const r = spawnSync(process.execPath, ['--import', path.join(harness, 'hooks.mjs'), path.join(out, 'main/main.js'), '--cli', ...args], {
      encoding: 'utf8',
      cwd: repo,
      env: { ...process.env, STUB_APP_PATH: appPath, STUB_CLI: '1', RECTIFY_DATA: '' },
      timeout: 30_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('runs the CLI without a window and exits with its code, printing to the terminal', () => {
    const data = tempDir('rectify-installed-');
    expect(installedCli(['list', '--data', data])).toEqual({ code: 0, stdout: '（还没有方案）\n', stderr: '' });
    const created = installedCli(['new', '--title', '安装版命令行', '--json', '--data', data]);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ title: '安装版命令行' });
    const missing = installedCli(['show', 'no-such-plan', '--data', data]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const help = installedCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法：rectify');
  });
});
