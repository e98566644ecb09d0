#!/usr/bin/env node
// Builds everything `electron .` and electron-builder need, without the Electron binary:
//   out/renderer/            the React app (vite build -c vite.config.ts)
//   out/main/main.js         the main process, one ES module; npm deps and electron stay external
//   out/main/migrations/     the numbered SQL files, beside the bundle (the shell passes this folder)
//   out/preload/preload.cjs  the sandboxed preload: one CommonJS file, only `electron` is required
// Usage: node scripts/build.mjs [--skip-renderer] [--out DIR]
//   --out DIR  put main/ and preload/ in DIR instead of out/ (the bundle tests build into a scratch
//              folder; DIR should sit inside the project so the bundle still finds node_modules)
import { builtinModules } from 'node:module';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'out');
const skipRenderer = process.argv.includes('--skip-renderer');

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const npmDeps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** electron, node builtins and every npm package (and its subpaths) stay `import`/`require` calls. */
function isExternal(id) {
  if (id === 'electron' || id.startsWith('electron/')) return true;
  if (builtins.has(id) || id.startsWith('node:')) return true;
  return npmDeps.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

const common = {
  configFile: false,
  root,
  logLevel: 'warn',
  // Nothing from the renderer's public/ folder belongs in a Node bundle.
  publicDir: false,
  envPrefix: 'RECTIFY_BUILD_',
};

async function buildMain() {
  await build({
    ...common,
    build: {
      ssr: path.join(root, 'electron/main/main.ts'),
      outDir: path.join(out, 'main'),
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      rolldownOptions: {
        external: isExternal,
        output: {
          format: 'es',
          entryFileNames: 'main.js',
          // One file: the services resolve their folders from import.meta.url, which must be out/main/.
          codeSplitting: false,
        },
      },
    },
    ssr: { target: 'node', noExternal: [] },
  });
  const from = path.join(root, 'electron/services/store/migrations');
  const to = path.join(out, 'main', 'migrations');
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((f) => f.endsWith('.sql'))) copyFileSync(path.join(from, file), path.join(to, file));
}

async function buildPreload() {
  await build({
    ...common,
    build: {
      ssr: path.join(root, 'electron/preload/preload.ts'),
      outDir: path.join(out, 'preload'),
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      rolldownOptions: {
        // A sandboxed preload can require only `electron`: everything else is bundled in.
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
      },
    },
    ssr: { target: 'node', noExternal: true },
  });
}

async function buildRenderer() {
  // The lead's vite.config.ts owns the renderer build (root renderer/, output out/renderer/).
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const started = Date.now();
rmSync(path.join(out, 'main'), { recursive: true, force: true });
rmSync(path.join(out, 'preload'), { recursive: true, force: true });
await buildMain();
await buildPreload();
if (!skipRenderer) await buildRenderer();
const shown = path.relative(root, out) || '.';
console.log(`构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：${shown}/main/main.js、${shown}/preload/preload.cjs${skipRenderer ? '' : '、out/renderer/'}`);
