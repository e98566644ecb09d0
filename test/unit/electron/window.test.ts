import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fake, fakeEvent } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const { createMainWindow } = await import('../../../electron/main/window.ts');

function prefsOf(isDev: boolean): Record<string, unknown> {
  const window = createMainWindow({ preloadPath: '/app/out/preload/preload.cjs', isDev }) as unknown as FakeBrowserWindow;
  return window.options.webPreferences as Record<string, unknown>;
}

describe('main window', () => {
  it('has the hardened webPreferences', () => {
    const prefs = prefsOf(false);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
    expect(prefs.devTools).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('allows developer tools only in a development run', () => {
    expect(prefsOf(true).devTools).toBe(true);
  });

  it('loads the renderer from app://workbook, never file://, and shows once painted', () => {
    const window = createMainWindow({ preloadPath: '/app/out/preload/preload.cjs', isDev: false }) as unknown as FakeBrowserWindow;
    expect(window).toBeInstanceOf(FakeBrowserWindow);
    expect(window.loadedUrl).toBe('app://workbook/index.html');
    expect(window.options.title).toBe('整改方案工作台');
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('reloads after a renderer crash and tells the user in Chinese', () => {
    const window = createMainWindow({ preloadPath: 'p', isDev: false }) as unknown as FakeBrowserWindow;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith('整改方案工作台', expect.stringMatching(/重新加载/));
    expect(window.webContents.reload).toHaveBeenCalledTimes(1);
  });

  describe('closing or reloading with unsaved edits (the page prevented unload)', () => {
    function ask(answer: number) {
      const window = createMainWindow({ preloadPath: 'p', isDev: false }) as unknown as FakeBrowserWindow;
      fake.electron.dialog.showMessageBoxSync.mockClear();
      fake.electron.dialog.showMessageBoxSync.mockReturnValueOnce(answer);
      const event = fakeEvent();
      window.webContents.emit('will-prevent-unload', event);
      return { window, event, call: fake.electron.dialog.showMessageBoxSync.mock.calls[0] };
    }

    it('asks natively, in Chinese, with 仍要关闭 / 返回保存; 返回保存 is the default and what Esc does', () => {
      const { window, call } = ask(1);
      expect(fake.electron.dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
      const [parent, options] = call as [unknown, Record<string, unknown>];
      expect(parent).toBe(window);
      expect(options.buttons).toEqual(['仍要关闭', '返回保存']);
      expect(options.defaultId).toBe(1);
      expect(options.cancelId).toBe(1);
      expect(options.message).toBe('有修改尚未保存');
      expect(String(options.detail)).toMatch(/下次打开此方案时可以恢复/);
    });

    it('仍要关闭 lets the window close (the page’s objection is overridden)', () => {
      expect(ask(0).event.defaultPrevented).toBe(true);
    });

    it('返回保存 keeps the window and the page open', () => {
      expect(ask(1).event.defaultPrevented).toBe(false);
    });
  });
});
