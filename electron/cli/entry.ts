import { runCli } from './main.ts';

// Process wrapper: all logic (and its tests) live in main.ts.
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
});
process.exitCode = code;
