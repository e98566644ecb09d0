import { app, dialog, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createServices, type Services } from '../services/index.ts';
import { resolveDataDir } from '../services/paths.ts';
import { registerIpc } from './ipc.ts';
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
  migrationsDir: string;
  resourcesDir: string;
}

export function appLayout(appPath: string, isPackaged: boolean, resourcesPath: string): AppLayout {
  return {
    rendererDir: path.join(appPath, 'out', 'renderer'),
    preloadPath: path.join(appPath, 'out', 'preload', 'preload.cjs'),
    // scripts/build.mjs copies the numbered SQL files beside the main bundle.
    migrationsDir: path.join(appPath, 'out', 'main', 'migrations'),
    // electron-builder's extraResources puts resources/ outside the asar, in the installation folder.
    resourcesDir: isPackaged ? path.join(resourcesPath, 'resources') : path.join(appPath, 'resources'),
  };
}

export interface StartOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
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
  let services: Promise<Services> | null = null;
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

  app.on('will-quit', () => {
    // Closing the database checkpoints the WAL, so the workbook is one self-contained file again.
    void services?.then((s) => s.close()).catch(() => undefined);
  });

  const ready = app.whenReady().then(() => {
    const layout = appLayout(app.getAppPath(), app.isPackaged, process.resourcesPath);
    hardenSession(session.defaultSession);
    installAppProtocol(session.defaultSession, layout.rendererDir);

    services = createServices({ dataDir, resourcesDir: layout.resourcesDir, migrationsDir: layout.migrationsDir });
    // Swallowed here only to avoid an unhandled rejection; every RPC call reports the failure in Chinese.
    services.catch(() => undefined);
    // Start-up maintenance (the step `rectify doctor --clean` runs too): leftover temporary files of
    // interrupted writes, evidence nothing can bring back any more, the daily backup.
    void services.then((s) => s.call('maintenance.run', {})).catch(() => undefined);

    registerIpc({ services, getWindow, defaultSaveDir: () => app.getPath('documents') });
    installMenu({
      isDev,
      version: app.getVersion(),
      dataDir,
      getWindow,
      // Which SQLite driver runs the workbook (better-sqlite3, or node:sqlite where the addon cannot load).
      databaseInfo: async () => (services ? (await (await services).call('maintenance.info', {})).driver.description : null),
    });
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
