import { app, dialog, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createServiceClient, SERVICE_GAVE_UP_MESSAGE, type ServiceChannel, type ServiceClient, type ServiceCrash } from '../services/host/client.ts';
import type { ServiceCaller } from '../services/index.ts';
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

/** How long quitting waits for the backup of a session with changes (an unplugged USB drive must not hold the app). */
export const CLOSE_BACKUP_TIMEOUT_MS = 60_000;

/** The automatic backup when the app closes after changes (the services skip it when nothing changed). */
export function backupOnClose(client: ServiceCaller, timeoutMs = CLOSE_BACKUP_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  const backup = client.callByName('backup.auto', { reason: 'close' }).then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([backup, timeout]).finally(() => clearTimeout(timer));
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
  let closing: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    // Copies of evidence opened with the system's program do not outlive the app.
    openCopies.removeAll();
    if (!services || servicesClosed) return;
    // First the backup of a session that changed something, then closing the database (which
    // checkpoints the WAL, so the workbook is one self-contained file again); then quit for real.
    event.preventDefault();
    const client = services;
    closing ??= backupOnClose(client)
      .then(() => client.close())
      .finally(() => {
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
      // A damaged workbook still opens the window: it offers restoring a backup (备份与恢复).
      init: { dataDir, resourcesDir: layout.resourcesDir, migrationsDir: layout.migrationsDir, allowUnopened: true },
      onCrash: (crash) => {
        const { message, detail } = serviceCrashMessage(crash);
        const box = { type: 'warning' as const, title: WINDOW_TITLE, message, detail, buttons: ['确定'] };
        const window = getWindow();
        void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
      },
    });
    services = client;
    // Copies of evidence opened by runs that never quit normally.
    removeStaleCopies();

    registerIpc({ services: Promise.resolve(client), getWindow, defaultSaveDir: () => app.getPath('documents'), openCopies });
    installMenu({
      isDev,
      version: app.getVersion(),
      dataDir,
      getWindow,
      // Which SQLite driver runs the workbook (better-sqlite3, or node:sqlite where the addon cannot load).
      databaseInfo: async () => {
        const info = (await client.callByName('maintenance.info', {})) as { driver: { description: string } };
        return info.driver.description;
      },
    });
    mainWindow = createMainWindow({ preloadPath: layout.preloadPath, isDev });
    // Start-up maintenance (the step `rectify doctor --clean` runs too) once the window is usable: leftover
    // temporary files of interrupted writes, evidence nothing can bring back any more, and the first
    // backup of the day — in the service process, in steps, so the window and its saves never wait on
    // it. (A workbook that cannot be opened says so on every call; the window then offers a restore.)
    mainWindow.once('ready-to-show', () => {
      void client.ready().then(() => client.callByName('maintenance.run', {})).catch(() => undefined);
    });
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
