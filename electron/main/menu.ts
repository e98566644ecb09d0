import { Menu, dialog, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { WINDOW_TITLE } from './window.ts';

export interface MenuOptions {
  isDev: boolean;
  version: string;
  /** The workbook folder, shown in 关于 and opened by 打开数据文件夹 (never a renderer-supplied path). */
  dataDir: string;
  getWindow: () => BrowserWindow | null;
  /** One line on the SQLite driver in use (maintenance.info), shown in 关于; null when the services are not up */
  databaseInfo?: () => Promise<string | null>;
}

/**
 * The application menu, all in Chinese, with the shortcuts a Word/WPS user expects. Edit commands
 * are roles so they act on whatever text field has focus. Reload exists only in a development run:
 * in the installed app it would only risk losing an unsaved form.
 */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [];
  if (options.isDev) {
    view.push(
      { label: '重新加载', role: 'reload', accelerator: 'CmdOrCtrl+R' },
      { label: '开发者工具', role: 'toggleDevTools', accelerator: 'F12' },
      { type: 'separator' },
    );
  }
  view.push(
    { label: '实际大小', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
    { label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
    { label: '缩小', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen', accelerator: 'F11' },
  );

  return [
    {
      label: '文件(&F)',
      submenu: [
        {
          label: '打开数据文件夹',
          click: () => {
            void shell.openPath(options.dataDir);
          },
        },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo', accelerator: 'CmdOrCtrl+Z' },
        { label: '重做', role: 'redo', accelerator: 'CmdOrCtrl+Y' },
        { type: 'separator' },
        { label: '剪切', role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { label: '复制', role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { label: '粘贴', role: 'paste', accelerator: 'CmdOrCtrl+V' },
        // Pasting from Word drags its formatting along; this pastes plain text.
        { label: '粘贴为纯文本', role: 'pasteAndMatchStyle', accelerator: 'CmdOrCtrl+Shift+V' },
        { type: 'separator' },
        { label: '全选', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    {
      label: '帮助(&H)',
      submenu: [
        {
          label: `关于${WINDOW_TITLE}`,
          click: async () => {
            const database = (await options.databaseInfo?.().catch(() => null)) ?? null;
            const message = {
              type: 'info' as const,
              title: `关于${WINDOW_TITLE}`,
              message: `${WINDOW_TITLE} ${options.version}`,
              detail: `离线使用，所有内容只保存在本机。\n数据文件夹：${options.dataDir}${database ? `\n${database}` : ''}`,
              buttons: ['确定'],
            };
            const window = options.getWindow();
            void (window ? dialog.showMessageBox(window, message) : dialog.showMessageBox(message));
          },
        },
      ],
    },
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
