import { runCliProcess } from './process.ts';

// The `rectify` process under Node (bin/rectify.mjs runs the bundle of this file): all logic and its
// tests live in main.ts.
process.exitCode = await runCliProcess(process.argv.slice(2));
