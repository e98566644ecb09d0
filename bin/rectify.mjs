#!/usr/bin/env node
// The `rectify` command. Runs the bundle (out/main/cli.js, built by `npm install`/`npm ci` through the
// root `prepare` script, or by `npm run build`). Only in a development checkout whose bundle is missing
// or older than its sources does it run the TypeScript sources instead: with Node's own type stripping
// where it is on (Node ≥ 22.18), else through tsx's loader (a devDependency, present in a checkout).
import { existsSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(`整改方案工作台需要 Node.js 22.14 或更高版本（推荐 24 LTS），当前为 ${process.versions.node}。\n`);
  process.exit(2);
}

const root = new URL('../', import.meta.url);
const bundle = new URL('out/main/cli.js', root);
const sources = new URL('electron/cli/entry.ts', root);

/** The bundle, unless this is a checkout whose sources changed after it was built (see scripts/build.mjs). */
function bundleIsCurrent() {
  if (!existsSync(bundle)) return false;
  if (!existsSync(sources)) return true;
  try {
    const { builtAt, files } = JSON.parse(readFileSync(new URL('out/main/bundle-sources.json', root), 'utf8'));
    return files.every((file) => statSync(new URL(file, root)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

// Compiled code is cached on disk (Node ≥ 22.1): later runs skip most of the parsing.
module.enableCompileCache?.();

if (bundleIsCurrent()) {
  await import(bundle.href);
} else {
  if (!process.features.typescript) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  await import(sources.href);
}
