// The one list of what scripts/build.mjs bundles for Node and Electron. Adding a Node entry is one
// line in NODE_ENTRIES: it is then built into out/main/<name>.js, packaged (electron-builder ships
// out/main/**) and required by `npm run package:check`.

/** Where every Node bundle, its shared chunks and the migrations/ copy go. */
export const NODE_BUNDLE_DIR = 'out/main';

/**
 * Node entry points (ES modules), name → source. All of them are built together with code splitting:
 * each CLI command and each service domain is a chunk loaded only when used. Chunks sit in the same
 * folder as the entries, so a module's paths relative to import.meta.url (./migrations/,
 * ../../resources/) resolve the same whichever file it lands in — and the same as from its source,
 * which is also two folders below the project root.
 */
export const NODE_ENTRIES = {
  // The Electron main process: window, menu, dialogs, app:// protocol, IPC relay; `--cli` runs the CLI.
  main: 'electron/main/main.ts',
  // The services (SQLite, import, export, evidence) in their own process: utilityProcess or plain Node.
  'service-host': 'electron/services/host/service-process.ts',
  // The `rectify` command line (bin/rectify.mjs runs it).
  cli: 'electron/cli/entry.ts',
  // The import worker: reads and recognises one file with memory and time limits (see import/isolated.ts).
  'import-worker': 'electron/services/import/parse-worker.ts',
};

/**
 * npm packages the Node bundles load from node_modules at run time: native addons only. Every other
 * library (zod, docx, exceljs, the readers) is bundled and tree-shaken, so the installed app ships
 * these and nothing else from node_modules, and a command loads only the library code it uses.
 */
export const RUNTIME_PACKAGES = ['better-sqlite3'];

/** The sandboxed preload: one CommonJS file that requires only `electron`. */
export const PRELOAD_ENTRY = 'electron/preload/preload.ts';
export const PRELOAD_BUNDLE = 'out/preload/preload.cjs';

/** Written beside the bundles: the sources they were built from (bin/rectify.mjs checks freshness). */
export const SOURCES_MANIFEST = 'bundle-sources.json';
