import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RPC_CHANNEL, type RpcEnvelope } from '../../../shared/api/bridge.ts';
import { platformDataDir } from '../../../electron/services/paths.ts';
import { openConnection } from '../../../electron/services/store/driver.ts';
import { tempDir } from '../../helpers/temp.ts';
import { FakeBrowserWindow, FakeUtilityProcess, FakeWebContents, fake, fakeEvent, invokeFrom } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const { appLayout, dataFlagFromArgv, startApp } = await import('../../../electron/main/startup.ts');

const migrationsSource = fileURLToPath(new URL('../../../electron/services/store/migrations/', import.meta.url));

beforeEach(() => {
  vi.clearAllMocks();
});

/** An app folder laid out like a build: out/main/migrations beside the (absent) bundle. */
function fakeAppFolder(): string {
  const appPath = tempDir('rectify-app-');
  cpSync(migrationsSource, path.join(appPath, 'out', 'main', 'migrations'), { recursive: true });
  return appPath;
}

describe('data folder', () => {
  it('reads --data DIR and --data=DIR from the command line', () => {
    expect(dataFlagFromArgv(['/usr/bin/electron', '.', '--data', '/tmp/wb'])).toBe('/tmp/wb');
    expect(dataFlagFromArgv(['rectify-workbook.exe', '--data=D:\\工作台'])).toBe('D:\\工作台');
    expect(dataFlagFromArgv(['electron', '.', '--no-sandbox'])).toBeUndefined();
    expect(dataFlagFromArgv(['electron', '.', '--data'])).toBeUndefined();
  });

  it('lays out the built files inside the app and resources outside the asar once installed', () => {
    const dev = appLayout('/src/rectify', false, '/opt/electron/resources');
    expect(dev).toEqual({
      rendererDir: path.join('/src/rectify', 'out', 'renderer'),
      preloadPath: path.join('/src/rectify', 'out', 'preload', 'preload.cjs'),
      serviceEntry: path.join('/src/rectify', 'out', 'main', 'service-host.js'),
      migrationsDir: path.join('/src/rectify', 'out', 'main', 'migrations'),
      resourcesDir: path.join('/src/rectify', 'resources'),
    });
    const installed = appLayout('/opt/整改方案工作台/resources/app.asar', true, '/opt/整改方案工作台/resources');
    expect(installed.resourcesDir).toBe(path.join('/opt/整改方案工作台/resources', 'resources'));
    expect(installed.preloadPath).toBe(path.join('/opt/整改方案工作台/resources/app.asar', 'out', 'preload', 'preload.cjs'));
  });
});

describe('startApp', () => {
  it('without overrides uses the same platform folder as the CLI', () => {
    // Only the pre-ready part runs here: whenReady never resolves in this test.
    const app = fake.electron.app;
    const pending = new Promise<void>(() => undefined);
    app.whenReady.mockReturnValueOnce(pending);
    const env = { HOME: '/home/u', XDG_CONFIG_HOME: '/home/u/.config', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' };
    const started = startApp({ argv: ['electron', '.'], env });
    expect(started.dataDir).toBe(platformDataDir(env));
    expect(started.dataDir.endsWith('rectify-workbook')).toBe(true);
    expect(app.setPath).toHaveBeenCalledWith('userData', started.dataDir);
    app.removeAllListeners();
  });

  it('honours RECTIFY_DATA, and --data over RECTIFY_DATA', () => {
    const app = fake.electron.app;
    app.whenReady.mockReturnValue(new Promise<void>(() => undefined));
    expect(startApp({ argv: ['electron', '.'], env: { RECTIFY_DATA: '/srv/env-data' } }).dataDir).toBe(path.resolve('/srv/env-data'));
    expect(startApp({ argv: ['electron', '.', '--data', '/srv/flag-data'], env: { RECTIFY_DATA: '/srv/env-data' } }).dataDir).toBe(path.resolve('/srv/flag-data'));
    expect(app.setPath).toHaveBeenLastCalledWith('sessionData', path.join(path.resolve('/srv/flag-data'), 'chromium'));
    app.whenReady.mockImplementation(() => app.readyPromise);
    app.removeAllListeners();
  });

  it('quits at once when another instance owns the same workbook', () => {
    const app = fake.electron.app;
    app.singleInstance = false;
    const before = FakeBrowserWindow.instances.length;
    const started = startApp({ argv: ['electron', '.', '--data', tempDir()], env: {} });
    expect(started.ready).toBeUndefined();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances.length).toBe(before);
    app.singleInstance = true;
  });

  it('wires the whole shell: scheme before ready, then session, protocol, IPC, menu and the window', async () => {
    const app = fake.electron.app;
    const dataDir = tempDir();
    const appPath = fakeAppFolder();
    app.getAppPath.mockReturnValue(appPath);
    const started = startApp({ argv: ['electron', '.', '--data', dataDir], env: {} });
    expect(started.dataDir).toBe(path.resolve(dataDir));
    // Order matters: userData decides the single-instance lock, and scheme privileges are fixed at startup.
    const setPathOrder = app.setPath.mock.invocationCallOrder[0]!;
    const lockOrder = app.requestSingleInstanceLock.mock.invocationCallOrder[0]!;
    const schemeOrder = fake.electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]!;
    const readyOrder = app.whenReady.mock.invocationCallOrder[0]!;
    expect(setPathOrder).toBeLessThan(lockOrder);
    expect(schemeOrder).toBeLessThan(readyOrder);
    expect(FakeBrowserWindow.instances).toHaveLength(0);

    await app.fireReady();
    await started.ready;

    const ses = fake.electron.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalled();
    expect(ses.setPermissionCheckHandler).toHaveBeenCalled();
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect(fake.protocolHandlers.has('file')).toBe(true);
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.loadedUrl).toBe('app://workbook/index.html');
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe(path.join(appPath, 'out', 'preload', 'preload.cjs'));
    expect(prefs.devTools).toBe(true); // not packaged

    // Every WebContents created from now on is hardened.
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });

    // The RPC relay reaches the workbook in the chosen data folder.
    const envelope = (await invokeFrom(RPC_CHANNEL, { contents: window.webContents, frame: window.webContents.mainFrame }, { method: 'plans.list', input: {} })) as RpcEnvelope;
    expect(envelope).toEqual({ ok: true, result: [] });
    expect(existsSync(path.join(dataDir, 'workbook.sqlite'))).toBe(true);

    // A second launch focuses the existing window instead of opening another.
    window.minimized = true;
    app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);

    // The services run in a utility process started from the bundle beside main.js.
    const service = FakeUtilityProcess.instances.at(-1)!;
    expect(service.entry).toBe(path.join(appPath, 'out', 'main', 'service-host.js'));
    expect(service.received[0]).toMatchObject({ type: 'init', options: { dataDir: path.resolve(dataDir), migrationsDir: path.join(appPath, 'out', 'main', 'migrations') } });

    // Once the window is usable, the start-up maintenance runs (leftovers, evidence, the day's first backup).
    window.emit('ready-to-show');
    await vi.waitFor(() => expect(service.received).toContainEqual(expect.objectContaining({ type: 'call', method: 'maintenance.run' })));
    await vi.waitFor(() => expect(existsSync(path.join(dataDir, 'backups')) && readdirSync(path.join(dataDir, 'backups')).some((n) => n.startsWith('备份_'))).toBe(true));

    // Closing the last window quits; quitting first backs up a session with changes, then waits until
    // the service process has closed the database.
    await invokeFrom(RPC_CHANNEL, { contents: window.webContents, frame: window.webContents.mainFrame }, { method: 'plans.create', input: { title: '关闭前新建的方案' } });
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
    app.quit.mockClear();
    const quitting = fakeEvent();
    app.emit('will-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(service.exited).toBe(true);
    expect(service.received.at(-1)).toEqual({ type: 'shutdown' });
    expect(service.received.at(-2)).toMatchObject({ type: 'call', method: 'backup.auto', input: { reason: 'close' } });
    // The day's automatic backups collapse to the newest (rotation): the one that has the new plan.
    const backups = readdirSync(path.join(dataDir, 'backups')).filter((n) => n.startsWith('备份_'));
    expect(backups).toHaveLength(1);
    const copy = openConnection(path.join(dataDir, 'backups', backups[0]!, 'workbook.sqlite'), { readonly: true });
    expect(copy.prepare('SELECT title FROM plans').all()).toEqual([{ title: '关闭前新建的方案' }]);
    copy.close();
    // The second will-quit (from that app.quit) lets the app go.
    const again = fakeEvent();
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
