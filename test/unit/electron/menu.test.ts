import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const { installMenu, menuTemplate } = await import('../../../electron/main/menu.ts');

const base = { version: '0.1.0', dataDir: '/data/rectify-workbook', getWindow: () => null };

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...items((m.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]);
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label?.startsWith(label));
  expect(menu, label).toBeDefined();
  return menu!.submenu as MenuItemConstructorOptions[];
}

const CJK = /[\u4e00-\u9fff]/;

describe('application menu', () => {
  it('has the four Chinese top-level menus in order', () => {
    const labels = menuTemplate({ ...base, isDev: false }).map((m) => m.label);
    expect(labels.map((l) => l!.replace(/\(&\w\)$/, ''))).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('labels every item in Chinese', () => {
    for (const item of items(menuTemplate({ ...base, isDev: true }))) {
      if (item.type === 'separator') continue;
      expect(item.label, JSON.stringify(item)).toMatch(CJK);
      expect(item.label).not.toMatch(/^(Undo|Redo|Cut|Copy|Paste|Select All|Quit|Reload|File|Edit|View|Help)/i);
    }
  });

  it('offers the edit commands as roles with the usual shortcuts', () => {
    const edit = submenu(menuTemplate({ ...base, isDev: false }), '编辑');
    const byRole = new Map(edit.filter((i) => i.role).map((i) => [i.role, i]));
    const expected: [string, string, string][] = [
      ['undo', '撤销', 'CmdOrCtrl+Z'],
      ['redo', '重做', 'CmdOrCtrl+Y'],
      ['cut', '剪切', 'CmdOrCtrl+X'],
      ['copy', '复制', 'CmdOrCtrl+C'],
      ['paste', '粘贴', 'CmdOrCtrl+V'],
      ['selectAll', '全选', 'CmdOrCtrl+A'],
    ];
    for (const [role, label, accelerator] of expected) {
      expect(byRole.get(role as never)?.label, role).toBe(label);
      expect(byRole.get(role as never)?.accelerator, role).toBe(accelerator);
    }
  });

  it('has 退出 in 文件', () => {
    const file = submenu(menuTemplate({ ...base, isDev: false }), '文件');
    expect(file.find((i) => i.role === 'quit')?.label).toBe('退出');
  });

  it('offers 重新加载 and developer tools only in a development run', () => {
    const roles = (isDev: boolean) => items(menuTemplate({ ...base, isDev })).map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
    expect(items(menuTemplate({ ...base, isDev: true })).find((i) => i.role === 'reload')?.label).toBe('重新加载');
  });

  it('shows the version and the data folder in 关于', async () => {
    const help = submenu(menuTemplate({ ...base, isDev: false }), '帮助');
    const about = help.find((i) => i.label === '关于整改方案工作台');
    expect(about).toBeDefined();
    await (about!.click as () => Promise<void>)();
    const box = fake.electron.dialog.showMessageBox.mock.calls.at(-1)!.at(-1) as unknown as { message: string; detail: string; buttons: string[] };
    expect(box.message).toContain('0.1.0');
    expect(box.detail).toContain('/data/rectify-workbook');
    expect(box.buttons).toEqual(['确定']);
  });

  it('names the SQLite driver in 关于 (better-sqlite3, or node:sqlite where the addon cannot load)', async () => {
    const databaseInfo = () => Promise.resolve('数据库组件：node:sqlite（Node.js 内置），SQLite 3.54.1');
    const help = submenu(menuTemplate({ ...base, isDev: false, databaseInfo }), '帮助');
    await (help.find((i) => i.label === '关于整改方案工作台')!.click as () => Promise<void>)();
    const box = fake.electron.dialog.showMessageBox.mock.calls.at(-1)!.at(-1) as unknown as { detail: string };
    expect(box.detail).toContain('数据库组件：node:sqlite');
    expect(box.detail).toContain('/data/rectify-workbook');
  });

  it('opens only the data folder it was given, never a URL', () => {
    const file = submenu(menuTemplate({ ...base, isDev: false }), '文件');
    (file.find((i) => i.label === '打开数据文件夹')!.click as () => void)();
    expect(fake.electron.shell.openPath).toHaveBeenLastCalledWith('/data/rectify-workbook');
    expect(fake.electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('installs itself as the application menu', () => {
    installMenu({ ...base, isDev: false });
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const built = fake.electron.Menu.buildFromTemplate.mock.calls.at(-1)![0] as MenuItemConstructorOptions[];
    expect(built[0]!.label).toMatch(/^文件/);
  });
});
