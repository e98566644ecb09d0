import { app, dialog, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createServiceClient, SERVICE_GAVE_UP_MESSAGE, type ServiceChannel, type ServiceClient, type ServiceCrash } from '../services/host/client.ts';
import { resolveDataDir } from '../services/paths.ts';
import { registerIpc } from './ipc.ts';
import { OpenCopies, removeStaleCopies } from './open-copies.ts';
import { spawnUtilityService } from './service-process.ts';
import { installMenu } from './menu.ts';
import { installAppProtocol, registerAppScheme } from './protocol.ts';
import { hardenSession, installSecurity } from './security.ts';
import { WINDOW_TITLE, createMainWindow } from './window.ts';

/** `--data DIR` or `--data=DIR` anywhere on the command line (Chromium switches may sit around it). */
export function dataFlagFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--data') return argv[i + 1] || undefined;
    if (arg.startsWith('--data=')) return arg.slice('--data='.length) || undefined;
  }
  return undefined;
}

/** Where the built pieces live, relative to the app folder (the checkout, or app.asar once installed). */
export interface AppLayout {
  rendererDir: string;
  preloadPath: string;
  /** The service process's bundle (scripts/bundles.mjs: NODE_ENTRIES['service-host']) */
  serviceEntry: string;
  migrationsDir: string;
  resourcesDir: string;
}

export function appLayout(appPath: string, isPackaged: boolean, resourcesPath: string): AppLayout {
  return {
    rendererDir: path.join(appPath, 'out', 'renderer'),
    preloadPath: path.join(appPath, 'out', 'preload', 'preload.cjs'),
    serviceEntry: path.join(appPath, 'out', 'main', 'service-host.js'),
    // scripts/build.mjs copies the numbered SQL files beside the main bundle.
    migrationsDir: path.join(appPath, 'out', 'main', 'migrations'),
    // electron-builder's extraResources puts resources/ outside the asar, in the installation folder.
    resourcesDir: isPackaged ? path.join(resourcesPath, 'resources') : path.join(appPath, 'resources'),
  };
}

export interface StartOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Starts the service process (the utility process; tests substitute a Node child or an in-process fake). */
  spawnServices?: (entry: string) => ServiceChannel;
}

/** What the user is told when the service process died (the window stays; unsaved text stays in the editor). */
export function serviceCrashMessage(crash: ServiceCrash): { message: string; detail: string } {
  if (!crash.restarted) return { message: '后台服务多次意外退出', detail: SERVICE_GAVE_UP_MESSAGE };
  return {
    message: '后台服务意外退出，已自动重新启动',
    detail:
      crash.interruptedCalls > 0
        ? '刚才正在进行的操作没有完成，请重试。已保存的内容不受影响，编辑器中尚未保存的文字会重新保存。'
        : '已保存的内容不受影响，可以继续工作。',
  };
}

export interface StartedApp {
  dataDir: string;
  /** undefined when another instance already owns this workbook and this one is quitting */
  ready?: Promise<void>;
}

/**
 * The whole main-process startup. Everything before `whenReady` must run synchronously at launch:
 * the data folder (which also decides the single-instance lock) and the app:// scheme privileges.
 */
export function startApp(options: StartOptions = {}): StartedApp {
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const isDev = !app.isPackaged;

  // Same folder as the CLI (electron/services/paths.ts): one workbook whichever way it is opened.
  // Without this Electron would use the productName (整改方案工作台) as the folder name.
  const dataDir = resolveDataDir(dataFlagFromArgv(argv), env);
  app.setPath('userData', dataDir);
  // Chromium's own caches go in a subfolder so the workbook folder stays readable for the user.
  app.setPath('sessionData', path.join(dataDir, 'chromium'));

  // Some domestic GPUs/drivers on UOS/Kylin render a black window; this is the escape hatch.
  if (env.RECTIFY_DISABLE_GPU === '1') app.disableHardwareAcceleration();

  registerAppScheme();

  // One process per workbook: two would race on the same SQLite file and the same window state.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { dataDir };
  }

  installSecurity(app);

  let mainWindow: BrowserWindow | null = null;
  let services: ServiceClient | null = null;
  const openCopies = new OpenCopies();
  const getWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

  app.on('second-instance', () => {
    const window = getWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => {
    app.quit();
  });

  let servicesClosed = false;
  app.on('will-quit', (event) => {
    // Copies of evidence opened with the system's program do not outlive the app.
    openCopies.removeAll();
    if (!services || servicesClosed) return;
    // Closing the database checkpoints the WAL, so the workbook is one self-contained file again:
    // wait for the service process to do so (it is killed after 5 s), then quit for real.
    event.preventDefault();
    void services.close().finally(() => {
      servicesClosed = true;
      app.quit();
    });
  });

  const ready = app.whenReady().then(() => {
    const layout = appLayout(app.getAppPath(), app.isPackaged, process.resourcesPath);
    hardenSession(session.defaultSession);
    installAppProtocol(session.defaultSession, layout.rendererDir);

    const spawn = options.spawnServices ?? spawnUtilityService;
    const client = createServiceClient({
      spawn: () => spawn(layout.serviceEntry),
      init: { dataDir, resourcesDir: layout.resourcesDir, migrationsDir: layout.migrationsDir },
      onCrash: (crash) => {
        const { message, detail } = serviceCrashMessage(crash);
        const box = { type: 'warning' as const, title: WINDOW_TITLE, message, detail, buttons: ['确定'] };
        const window = getWindow();
        void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
      },
    });
    services = client;
    // Maintenance: blobs no attachment refers to any more (removed long ago) are deleted at start, and
    // copies opened by runs that never quit normally. (A workbook that cannot be opened says so on every call.)
    void client.ready().then(() => client.callByName('evidence.collectGarbage', {})).catch(() => undefined);
    removeStaleCopies();

    registerIpc({ services: Promise.resolve(client), getWindow, defaultSaveDir: () => app.getPath('documents'), openCopies });
    installMenu({ isDev, version: app.getVersion(), dataDir, getWindow });
    mainWindow = createMainWindow({ preloadPath: layout.preloadPath, isDev });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
  ready.catch((err: unknown) => {
    dialog.showErrorBox(WINDOW_TITLE, `程序启动失败：${err instanceof Error ? err.message : String(err)}`);
    app.exit(1);
  });
  return { dataDir, ready };
}
