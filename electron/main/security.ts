import type { App, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './protocol.ts';

/**
 * True only for our own renderer origin (app://workbook). Parsed, never prefix-matched, so
 * "app://workbook.evil/…" or "app://user@workbook/" do not pass.
 */
export function isAppUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && !url.username && !url.password && !url.port;
}

/**
 * The window shows one single-page app and never needs to go anywhere: the PCs are air-gapped and no
 * feature opens external links. So every navigation, redirect, popup and <webview> is refused.
 * (shell.openExternal is deliberately never called with anything a renderer supplies.)
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** No camera, microphone, geolocation, notifications, USB, HID, serial … for anyone. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Saving goes through our own atomic save dialog; a renderer-triggered download is never expected.
  ses.on('will-download', (event) => {
    event.preventDefault();
  });
}

/** Applies the per-contents rules to every WebContents the app ever creates (windows, devtools, …). */
export function installSecurity(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
}
