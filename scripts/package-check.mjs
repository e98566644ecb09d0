#!/usr/bin/env node
// npm run package:check — the installer layout, checked without the Electron binary (which cannot be
// downloaded here). Builds the app (scripts/build.mjs), then the unpacked Linux app with
// electron-builder against a stand-in Electron distribution (an `electron` script and a locales/
// folder), and checks what the installers will contain:
//   - app.asar holds every Node bundle (scripts/bundles.mjs), the migrations, the preload and the renderer;
//   - no sources, tests, tsx, esbuild, mammoth or devDependencies; node_modules is better-sqlite3 only;
//   - the better-sqlite3 addon for the target is unpacked (and no other platform's);
//   - templates and phrases are outside the asar; the `rectify` launcher is beside the program;
//   - only the zh-CN and en-US locales remain; app.asar stays under ASAR_BUDGET_MB;
//   - the CLI bundle taken out of app.asar runs under plain Node with only what the app ships
//     (list, new, import, parse, convert, ledger), so no library was left out of the bundle.
// The fuses (RunAsNode off, asar integrity …) are flipped by electron-builder in the real build only:
// the stand-in has no fuse sentinel, so `electronFuses` is switched off for this check alone.
// Usage: node scripts/package-check.mjs [--skip-build] [--keep]
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BUNDLE_DIR, NODE_ENTRIES, PRELOAD_BUNDLE, RUNTIME_PACKAGES, SOURCES_MANIFEST } from './bundles.mjs';

/** The size budget of app.asar: ≈10 MB today (renderer 5.7 MB, Node bundles 4.3 MB); was 46 MB with node_modules. */
export const ASAR_BUDGET_MB = 15;

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const skipBuild = process.argv.includes('--skip-build');
const keep = process.argv.includes('--keep');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const failures = [];
function check(ok, message) {
  if (ok) console.log(`  ✓ ${message}`);
  else {
    console.log(`  ✗ ${message}`);
    failures.push(message);
  }
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} 失败（${r.status}）：\n${r.stderr || r.stdout}`);
  return r;
}

/** A stand-in for Electron's Linux zip, unpacked: what electron-builder copies and renames. */
function standInElectron(dir) {
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron: not runnable" >&2\nexit 1\n');
  chmodSync(path.join(dir, 'electron'), 0o755);
  for (const locale of ['en-US', 'zh-CN', 'zh-TW', 'de', 'fr', 'ja']) writeFileSync(path.join(dir, 'locales', `${locale}.pak`), 'pak');
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  return dir;
}

async function packageApp(outDir, electronDist) {
  const yaml = require('js-yaml');
  const { build, Platform, Arch } = require('electron-builder');
  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  config.electronDist = electronDist;
  // Stand-in only: it has no fuse sentinel. The real build (npm run dist) flips them.
  config.electronFuses = null;
  config.directories = { ...config.directories, output: outDir };
  await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir', Arch.x64), config, publish: 'never' });
  return path.join(outDir, 'linux-unpacked');
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true }).map((f) => f.split(path.sep).join('/'));
}

function checkLayout(app) {
  const asar = require('@electron/asar');
  const asarFile = path.join(app, 'resources', 'app.asar');
  const unpacked = path.join(app, 'resources', 'app.asar.unpacked');
  check(existsSync(asarFile), 'resources/app.asar 存在');
  const inAsar = asar.listPackage(asarFile).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
  const has = (file) => inAsar.includes(file);

  console.log('app.asar 的内容');
  for (const name of Object.keys(NODE_ENTRIES)) check(has(`${NODE_BUNDLE_DIR}/${name}.js`), `${NODE_BUNDLE_DIR}/${name}.js（${name} 包）`);
  check(has(PRELOAD_BUNDLE), PRELOAD_BUNDLE);
  check(has('out/renderer/index.html') && inAsar.some((f) => /^out\/renderer\/assets\/.+\.js$/.test(f)), 'out/renderer（界面）');
  const migrations = readdirSync(path.join(root, 'electron/services/store/migrations')).filter((f) => f.endsWith('.sql'));
  check(migrations.every((m) => has(`${NODE_BUNDLE_DIR}/migrations/${m}`)), `全部 ${migrations.length} 个数据库迁移文件`);
  check(!has(`${NODE_BUNDLE_DIR}/${SOURCES_MANIFEST}`), `不含开发用的 ${SOURCES_MANIFEST}`);

  console.log('不该有的东西');
  const sources = inAsar.filter((f) => /\.(ts|tsx|mts|cts|map)$/.test(f) || /^(electron|shared|renderer|test|bench|scripts|docs|tools|resources)\//.test(f));
  check(sources.length === 0, `没有源码、测试、脚本和文档${sources.length ? `：${sources.slice(0, 5).join('、')}` : ''}`);
  const modules = new Set(inAsar.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(1, f.startsWith('node_modules/@') ? 3 : 2).join('/')).filter(Boolean));
  const devDeps = Object.keys(pkg.devDependencies ?? {}).filter((d) => modules.has(d));
  check(devDeps.length === 0, `没有开发依赖${devDeps.length ? `：${devDeps.join('、')}` : ''}`);
  for (const name of ['tsx', 'esbuild', 'mammoth']) check(!modules.has(name), `没有 ${name}`);
  const extra = [...modules].filter((m) => !RUNTIME_PACKAGES.includes(m));
  check(extra.length === 0, `node_modules 中只有 ${RUNTIME_PACKAGES.join('、')}${extra.length ? `（多出：${extra.join('、')}）` : ''}`);

  console.log('原生模块与资源');
  const addon = 'node_modules/better-sqlite3/prebuilds/linux-x64.node';
  check(existsSync(path.join(unpacked, addon)), `${addon} 在 app.asar.unpacked 中（可以加载）`);
  const addons = [...inAsar, ...(existsSync(unpacked) ? listFiles(unpacked) : [])].filter((f) => f.endsWith('.node'));
  check(addons.every((f) => f.endsWith('linux-x64.node')), `只有目标平台的原生模块${addons.length ? `（${[...new Set(addons.map((f) => path.basename(f)))].join('、')}）` : ''}`);
  const resources = path.join(app, 'resources', 'resources');
  for (const folder of ['templates', 'phrases']) {
    const expected = readdirSync(path.join(root, 'resources', folder)).sort();
    const actual = existsSync(path.join(resources, folder)) ? readdirSync(path.join(resources, folder)).sort() : [];
    check(JSON.stringify(actual) === JSON.stringify(expected), `resources/resources/${folder}/ 在 asar 之外（${actual.length} 个文件）`);
  }

  console.log('程序文件夹');
  const launcher = path.join(app, 'rectify');
  check(existsSync(launcher) && (statSync(launcher).mode & 0o111) !== 0 && readFileSync(launcher, 'utf8').includes('--cli'), 'rectify 命令行启动脚本在程序旁边，可执行');
  check(existsSync(path.join(app, 'rectify-workbook')), 'rectify-workbook（程序本身）');
  const locales = readdirSync(path.join(app, 'locales')).sort();
  check(JSON.stringify(locales) === JSON.stringify(['en-US.pak', 'zh-CN.pak']), `只保留中文与英文语言包（${locales.join('、')}）`);
  const size = statSync(asarFile).size / 1024 / 1024;
  check(size <= ASAR_BUDGET_MB, `app.asar ${size.toFixed(1)} MB，不超过预算 ${ASAR_BUDGET_MB} MB`);
  return { asarFile, unpacked };
}

/** The CLI exactly as shipped: app.asar extracted, the unpacked addon on top, plain Node, nothing else. */
function checkShippedCli({ asarFile, unpacked }, work) {
  console.log('安装包中的命令行（取出 app.asar，用 Node 运行）');
  const asar = require('@electron/asar');
  const app = path.join(work, 'app');
  asar.extractAll(asarFile, app);
  cpSync(unpacked, app, { recursive: true });
  const data = path.join(work, 'data');
  const fixture = path.join(root, 'test/fixtures/synthetic-01-minzhu-shenghuohui-renda.txt');
  const migrationsDir = path.join(app, NODE_BUNDLE_DIR, 'migrations');
  const cli = (args) =>
    spawnSync(process.execPath, [path.join(app, NODE_BUNDLE_DIR, 'cli.js'), ...args, '--data', data], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, RECTIFY_DATA: '', NODE_OPTIONS: '', NODE_PATH: '' },
    });
  const list = cli(['list']);
  check(list.status === 0 && list.stdout.includes('还没有方案'), `rectify list（空工作台）${list.status === 0 ? '' : `：${list.stderr}`}`);
  const imported = cli(['import', fixture, '--json']);
  const planId = imported.status === 0 ? JSON.parse(imported.stdout).planId : null;
  check(planId !== null, `rectify import（识别器与数据库）${planId ? '' : `：${imported.stderr}`}`);
  const parsed = cli(['parse', fixture, '--json']);
  check(parsed.status === 0 && JSON.parse(parsed.stdout).sections.length > 0, 'rectify parse --json');
  const docx = path.join(work, '转换.docx');
  const converted = cli(['convert', fixture, '-o', docx, '--ledger']);
  check(converted.status === 0 && existsSync(docx), `rectify convert --ledger（公文导出）${converted.status === 0 ? '' : `：${converted.stderr}`}`);
  const xlsx = path.join(work, '台账.xlsx');
  const ledger = planId ? cli(['ledger', planId, '-o', xlsx]) : { status: 1, stderr: '没有方案' };
  check(ledger.status === 0 && existsSync(xlsx), `rectify ledger（Excel 台账）${ledger.status === 0 ? '' : `：${ledger.stderr}`}`);
  check(existsSync(migrationsDir), '迁移文件在包内的 out/main/migrations');
}

const started = Date.now();
if (!skipBuild) {
  console.log('构建（scripts/build.mjs）…');
  run(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}
const work = mkdtempSync(path.join(os.tmpdir(), 'rectify-package-check-'));
try {
  console.log('electron-builder --linux dir（替身 Electron）…');
  const app = await packageApp(path.join(work, 'release'), standInElectron(path.join(work, 'electron-dist')));
  const layout = checkLayout(app);
  checkShippedCli(layout, work);
} catch (err) {
  failures.push(err instanceof Error ? err.message : String(err));
  console.error(err);
} finally {
  if (keep) console.log(`保留了检查目录：${work}`);
  else rmSync(work, { recursive: true, force: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failures.length > 0) {
  console.error(`\n安装包布局检查未通过（${failures.length} 项，${seconds} 秒）`);
  process.exit(1);
}
console.log(`\n安装包布局检查通过（${seconds} 秒）`);
