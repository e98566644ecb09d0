#!/usr/bin/env node
// The `rectify` command. Runs the TypeScript sources directly: with Node's own type stripping where
// it is on (Node ≥ 22.18), else through tsx's loader — so `npx rectify` works right after `npm install`.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(`整改方案工作台需要 Node.js 22.14 或更高版本（推荐 24 LTS），当前为 ${process.versions.node}。\n`);
  process.exit(2);
}
const entry = new URL('../electron/cli/entry.ts', import.meta.url);
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry.href);
