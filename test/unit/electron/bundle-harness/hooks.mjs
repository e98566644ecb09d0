// Loaded with `node --import` before the built out/main/main.js: resolves `electron` (which plain
// Node cannot load) to the stub beside this file. Everything else resolves normally.
import { registerHooks } from 'node:module';

const stub = new URL('./electron-stub.mjs', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: stub, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
