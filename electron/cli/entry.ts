import { runCli } from './main.ts';
import { removeTrackedTempFilesSync } from '../services/temp-files.ts';

// Output piped into `head` and closed early is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// Ctrl+C (or a kill) in the middle of an attach or an export: remove the half-written temporary file
// before going. SQLite rolls back an unfinished transaction by itself.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.once(signal, () => {
    removeTrackedTempFilesSync();
    process.stderr.write('\n已中断：未完成的操作没有留下任何内容。\n');
    process.exit(code);
  });
}

// Process wrapper: all logic (and its tests) live in main.ts.
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
});
process.exitCode = code;
