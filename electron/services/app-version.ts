import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The app's version (package.json), for what the services write down (backup manifests). Read from
 * the project root — two folders above this file, as above the bundles in out/main/ and in app.asar.
 */
let cached: string | null = null;

export function appVersion(): string {
  if (cached !== null) return cached;
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '';
  } catch {
    cached = '';
  }
  return cached;
}

export const APP_NAME = '整改方案工作台';
