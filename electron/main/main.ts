// Entry of the Electron main process (bundled to out/main/main.js by scripts/build.mjs).
import { startApp } from './startup.ts';

startApp();
