// Entry of the Electron main process (bundled to out/main/main.js by scripts/build.mjs).
import { cliArguments, runInstalledCli } from './cli-mode.ts';
import { startApp } from './startup.ts';

const cli = cliArguments(process.argv);
if (cli) runInstalledCli(cli);
else startApp();
