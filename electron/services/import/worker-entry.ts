// Where the import worker's code is. The one place that knows: from the sources Node runs the .ts file
// directly (type stripping); a bundled app points this at its bundled worker file at start-up.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let entry = new URL('./parse-worker.ts', import.meta.url);

/** The worker's entry, or null when this build has none (the parse then runs in the calling thread). */
export function parseWorkerEntry(): URL | null {
  return entry.protocol !== 'file:' || existsSync(fileURLToPath(entry)) ? entry : null;
}

/** For the desktop shell once it is bundled: the bundled worker file. */
export function setParseWorkerEntry(url: URL): void {
  entry = url;
}
