import { defineConfig } from 'vitest/config';

// End-to-end: Debian's Chromium against the loopback host serving the built renderer (npm run build:renderer).
// No retries: the one 30 s wait for the plan page's tabs (1 in 12 runs) was the router missing a hash
// change made between its first render and its subscription; renderer/router.ts now uses
// useSyncExternalStore, and test/e2e/routing.e2e.test.ts reproduces the race deterministically.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
