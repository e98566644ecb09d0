import { BrowserWindow, dialog } from 'electron';
import { APP_ENTRY_URL } from './protocol.ts';

export const WINDOW_TITLE = '整改方案工作台';

export interface MainWindowOptions {
  /** out/preload/preload.cjs */
  preloadPath: string;
  /** Developer tools only in a development run, never in the installed app. */
  isDev: boolean;
}

/**
 * Creates the main window on app://workbook/index.html and shows it once painted (no white flash).
 * The preferences are written out literally here (not built elsewhere) so that reviewers and the
 * electronegativity scan see every flag where the window is made; the wiring tests pin each one.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
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
      // Middle-click on a link would ask for a new window; those are denied anyway, this stops the event.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: options.isDev,
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  // A crashed renderer must not leave a blank window: say so, then reload (the data is safe in SQLite).
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    dialog.showErrorBox(WINDOW_TITLE, '界面意外退出，即将重新加载。已保存的内容不会丢失。');
    if (!window.isDestroyed()) window.webContents.reload();
  });
  // The editor asks before the page goes while edits cannot be stored (its beforeunload handler says
  // so); Electron shows no dialog for that by itself, so the question is asked here, natively.
  window.webContents.on('will-prevent-unload', (event) => {
    if (window.isDestroyed()) return;
    if (confirmLeaveUnsaved(window)) event.preventDefault();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export const LEAVE_BUTTONS = ['仍要关闭', '返回保存'] as const;

/** True when the user chose to close (or reload) anyway; preventing the event then lets the page go. */
function confirmLeaveUnsaved(window: BrowserWindow): boolean {
  const choice = dialog.showMessageBoxSync(window, {
    type: 'warning',
    title: WINDOW_TITLE,
    message: '有修改尚未保存',
    detail:
      '本窗口中有修改暂时无法保存（原因见编辑页上方的提示）。关闭后，这些修改仍记录在本机，下次打开此方案时可以恢复；但在恢复之前，它们不在数据文件中，导出的文件也不包含它们。',
    buttons: [...LEAVE_BUTTONS],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return choice === 0;
}
