// Where the import worker's code is. The one place that knows: from the sources Node runs the .ts file
// directly (type stripping); in the bundles (scripts/bundles.mjs, entry 'import-worker') every chunk sits
// in out/main beside the worker's own bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundled = import.meta.url.endsWith('.js');
let entry = new URL(bundled ? './import-worker.js' : './parse-worker.ts', import.meta.url);

/** The worker's entry, or null when this build has none (the parse then runs in the calling thread). */
export function parseWorkerEntry(): URL | null {
  return entry.protocol !== 'file:' || existsSync(fileURLToPath(entry)) ? entry : null;
}

/** For a host that keeps the worker elsewhere. */
export function setParseWorkerEntry(url: URL): void {
  entry = url;
}
