import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_FOLDER = 'rectify-workbook';

/**
 * The platform's application-data folder for the workbook — the same place Electron's
 * app.getPath('userData') gives for "rectify-workbook" — so the CLI and the app share one workbook.
 */
export function platformDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    return path.join(env.APPDATA || path.join(os.homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin') {
    return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER);
  }
  // An empty XDG_CONFIG_HOME counts as unset (as in Chromium, hence Electron), and so does a relative one
  // (the XDG spec says to ignore it): taken as is, either would put the workbook in the current folder.
  const xdg = env.XDG_CONFIG_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.config'), APP_FOLDER);
}

/** `--data DIR` beats `RECTIFY_DATA`, which beats the platform folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.RECTIFY_DATA) return path.resolve(env.RECTIFY_DATA);
  return platformDataDir(env);
}

/** resources/ in a checkout; the packaged app passes its own. */
export const DEFAULT_RESOURCES_DIR = fileURLToPath(new URL('../../resources/', import.meta.url));
