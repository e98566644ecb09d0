// Loaded with `node --import` before a built bundle: records every module file Node loads and
// writes the list (one file: URL a line) to $RECORD_LOADS when the process exits. The bundle tests
// use it to check that a command loads only what it uses.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = [];
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:')) loaded.push(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  if (process.env.RECORD_LOADS) writeFileSync(process.env.RECORD_LOADS, loaded.join('\n'));
});
