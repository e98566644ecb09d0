import { defineConfig } from 'vitest/config';

// End-to-end: Debian's Chromium against the loopback host serving the built renderer (npm run build:renderer).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
