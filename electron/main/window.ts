import { BrowserWindow, dialog, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './protocol.ts';

export const WINDOW_TITLE = '整改方案工作台';

export interface MainWindowOptions {
  /** out/preload/preload.cjs */
  preloadPath: string;
  /** Developer tools only in a development run, never in the installed app. */
  isDev: boolean;
}

/** The hardened preferences (checklist items 2–4, 6, 8–12); the wiring tests pin every flag. */
export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.isDev,
    },
  };
}

/** Creates the main window on app://workbook/index.html and shows it once painted (no white flash). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  window.once('ready-to-show', () => {
    window.show();
  });
  // A crashed renderer must not leave a blank window: say so, then reload (the data is safe in SQLite).
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    dialog.showErrorBox(WINDOW_TITLE, '界面意外退出，即将重新加载。已保存的内容不会丢失。');
    if (!window.isDestroyed()) window.webContents.reload();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
