import { app } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appLayout } from './startup.ts';

/** The installed program's command line: everything after `--cli` (Chromium's own switches may come before it). */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at < 0 ? null : argv.slice(at + 1);
}

/**
 * `rectify-workbook --cli list` (what the `rectify` launcher beside the program runs): the same CLI as
 * `npx rectify` in a checkout, from the bundle inside app.asar, with no window, menu or single-instance
 * lock — so it also works while the desktop app has the same workbook open. Output goes to the
 * terminal the launcher was started from; the exit code is the CLI's. The RunAsNode fuse stays off:
 * this is the app running its own code, not a general-purpose Node.
 */
export function runInstalledCli(args: string[]): void {
  // Chromium's own state (Local State, caches) goes to a scratch folder of this run, never into the
  // workbook's folder, where the desktop app may be running with its own. The CLI finds the workbook
  // itself (--data, RECTIFY_DATA, the platform folder).
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'rectify-cli-'));
  app.setPath('userData', scratch);
  app.setPath('sessionData', scratch);
  // Nothing is drawn: no GPU process for a command line run.
  app.disableHardwareAcceleration();
  void (async () => {
    let code = 1;
    try {
      const layout = appLayout(app.getAppPath(), app.isPackaged, process.resourcesPath);
      const { runCliProcess } = await import('../cli/process.ts');
      code = await runCliProcess(args, { resourcesDir: layout.resourcesDir, migrationsDir: layout.migrationsDir });
    } catch (err) {
      process.stderr.write(`发生意外错误：${err instanceof Error ? err.message : String(err)}\n`);
    }
    try {
      rmSync(scratch, { recursive: true, force: true });
    } catch {
      // still held by Chromium (Windows): an empty folder left in the temp folder
    }
    app.exit(code);
  })();
}
