import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, fake, fakeEvent } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electron);

const { hardenSession, hardenWebContents, installSecurity, isAppUrl } = await import('../../../electron/main/security.ts');

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as never);
  return contents;
}

describe('navigation and new windows', () => {
  it('denies every navigation of the main frame, external or not', () => {
    const contents = hardened();
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://workbook/index.html', 'javascript:alert(1)']) {
      const event = fakeEvent({ url });
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it('denies frame navigations and redirects that leave app://workbook', () => {
    const contents = hardened();
    const away = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-frame-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const redirect = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: 'app://workbook/index.html' });
    contents.emit('will-frame-navigate', home);
    expect(home.defaultPrevented).toBe(false);
  });

  it('denies window.open and target=_blank links', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://workbook/index.html' })).toEqual({ action: 'deny' });
  });

  it('blocks <webview> attachment', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('hardens every WebContents the app creates', () => {
    installSecurity(fake.electron.app as never);
    const contents = new FakeWebContents();
    fake.electron.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const event = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('permissions', () => {
  const ses = fake.electron.session.defaultSession;
  beforeEach(() => {
    hardenSession(ses as never);
  });

  it('denies every permission request', () => {
    const handler = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      const cb = vi.fn();
      handler(new FakeWebContents(), permission, cb);
      expect(cb).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers every permission check and device request with no', () => {
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    expect(check(null, 'media', 'app://workbook', {})).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://workbook', {})).toBe(false);
    const device = ses.setDevicePermissionHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://workbook' })).toBe(false);
  });

  it('cancels downloads a page might start (saving goes through the save dialog)', () => {
    ses.removeAllListeners('will-download');
    hardenSession(ses as never);
    const event = fakeEvent();
    ses.emit('will-download', event, {}, new FakeWebContents());
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('isAppUrl', () => {
  it('accepts only app://workbook', () => {
    expect(isAppUrl('app://workbook/index.html')).toBe(true);
    expect(isAppUrl('app://workbook/')).toBe(true);
    expect(isAppUrl('app://workbook.evil/index.html')).toBe(false);
    expect(isAppUrl('app://evil/workbook')).toBe(false);
    expect(isAppUrl('app://user@workbook/')).toBe(false);
    expect(isAppUrl('https://workbook/')).toBe(false);
    expect(isAppUrl('file:///workbook/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('no shell.openExternal', () => {
  it('the shell never calls shell.openExternal (renderer-supplied URLs must never reach it)', () => {
    const root = fileURLToPath(new URL('../../../electron/', import.meta.url));
    const files = ['main', 'preload'].flatMap((dir) =>
      readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, dir, f)),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      // Comments may explain the rule; code may not use the API at all.
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/openExternal/);
    }
  });
});
