import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The unit and integration suites again on Node's built-in node:sqlite (the driver 统信UOS 20 / 麒麟V10
// fall back to): RECTIFY_SQLITE=node reaches the services in the test workers and every `rectify` they spawn.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      env: { RECTIFY_SQLITE: 'node' },
    },
  }),
);
