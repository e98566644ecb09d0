#!/usr/bin/env node
// Builds everything `electron .`, electron-builder and the `rectify` command need, without the Electron binary:
//   out/renderer/             the React app (vite build -c vite.config.ts)
//   out/main/<entry>.js       the Node entries of scripts/bundles.mjs (main process, service process, CLI),
//                             ES modules split per command and per service domain, with their libraries
//                             bundled; only electron, Node's built-ins and native addons stay external
//   out/main/migrations/      the numbered SQL files, beside the bundles (the services read them from there)
//   out/preload/preload.cjs   the sandboxed preload: one CommonJS file, only `electron` is required
// Usage: node scripts/build.mjs [--skip-renderer] [--out DIR]
//   --skip-renderer  only the Node bundles and the preload (the root `prepare` script: ≈0.3 s)
//   --out DIR        put main/ and preload/ in DIR instead of out/ (the bundle tests build into a scratch
//                    folder; DIR should sit two levels inside the project so the bundles still find
//                    node_modules and resources/)
import { builtinModules } from 'node:module';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { NODE_ENTRIES, PRELOAD_ENTRY, RUNTIME_PACKAGES, SOURCES_MANIFEST } from './bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'out');
const skipRenderer = process.argv.includes('--skip-renderer');

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** electron, Node's built-ins and the native addons stay `import`/`require` calls; the rest is bundled. */
function isExternal(id) {
  if (id === 'electron' || id.startsWith('electron/')) return true;
  if (builtins.has(id) || id.startsWith('node:')) return true;
  return RUNTIME_PACKAGES.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

const common = {
  configFile: false,
  root,
  logLevel: 'warn',
  // Nothing from the renderer's public/ folder belongs in a Node bundle.
  publicDir: false,
  envPrefix: 'RECTIFY_BUILD_',
};

async function buildNode() {
  const outDir = path.join(out, 'main');
  const input = Object.fromEntries(Object.entries(NODE_ENTRIES).map(([name, source]) => [name, path.join(root, source)]));
  const result = await build({
    ...common,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      rolldownOptions: {
        input,
        external: isExternal,
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          // Same folder as the entries: see scripts/bundles.mjs.
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
    ssr: { target: 'node', noExternal: true },
  });
  const from = path.join(root, 'electron/services/store/migrations');
  const to = path.join(outDir, 'migrations');
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((f) => f.endsWith('.sql'))) copyFileSync(path.join(from, file), path.join(to, file));
  writeSourcesManifest(outDir, result);
}

/**
 * The project files the Node bundles were made from, so bin/rectify.mjs can tell a development
 * checkout whose sources changed after the build (it then runs the sources instead).
 */
function writeSourcesManifest(outDir, result) {
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output ?? []);
  const files = new Set();
  for (const chunk of outputs) {
    for (const id of chunk.moduleIds ?? Object.keys(chunk.modules ?? {})) {
      const file = id.split('?')[0];
      if (!path.isAbsolute(file)) continue;
      const relative = path.relative(root, file);
      if (!relative.startsWith('..') && !relative.startsWith('node_modules')) files.add(relative.split(path.sep).join('/'));
    }
  }
  files.add('electron/services/store/migrations');
  writeFileSync(path.join(outDir, SOURCES_MANIFEST), JSON.stringify({ builtAt: Date.now(), files: [...files].sort() }, null, 1));
}

async function buildPreload() {
  await build({
    ...common,
    build: {
      ssr: path.join(root, PRELOAD_ENTRY),
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
await buildNode();
await buildPreload();
if (!skipRenderer) await buildRenderer();
const shown = path.relative(root, out) || '.';
const entries = Object.keys(NODE_ENTRIES).map((name) => `${shown}/main/${name}.js`);
console.log(`构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：${[...entries, `${shown}/preload/preload.cjs`].join('、')}${skipRenderer ? '' : '、out/renderer/'}`);
