import { runCli, type CliLocations } from './main.ts';

/** Resolves once everything written so far to `stream` has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/**
 * One `rectify` run against this process's argv tail and terminal: what bin/rectify.mjs (through
 * the bundle's cli.js) and the installed app's `rectify-workbook --cli …` both do. Resolves with the
 * exit code once the output is flushed, so the caller may exit at once (Electron's app.exit does not
 * wait for pending writes).
 */
export async function runCliProcess(argv: string[], locations: CliLocations = {}): Promise<number> {
  // Output piped into `head` and closed early is not an error of ours: stop quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw err;
    });
  }
  const code = await runCli(
    argv,
    {
      // Braces, not an expression: write() returns a boolean that must never pass for a result.
      out: (text) => {
        process.stdout.write(text + '\n');
      },
      err: (text) => {
        process.stderr.write(text + '\n');
      },
    },
    locations,
  );
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  return code;
}
