#!/usr/bin/env node
// npm run web -- --port N --data DIR: builds the renderer when it is missing or older than its
// sources, then runs the loopback host in the foreground.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = path.join(root, 'out/renderer/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(built) ||
  Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'shared'))) > statSync(built).mtimeMs;
if (stale) {
  process.stdout.write('正在构建界面…\n');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(new URL('../electron/web/serve.ts', import.meta.url).href);
