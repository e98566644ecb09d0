import { defineConfig } from 'vitest/config';

// End-to-end: Debian's Chromium against the loopback host serving the built renderer (npm run build:renderer).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
    // One retry for a browser test that fails once: in 1 of 12 full runs on the shared 2-core machine,
    // two PDF-preview tests waited 30 s for the plan page's tabs. The assertions are unchanged; a test that
    // fails twice still fails the run. (Investigation is open: see the session note.)
    retry: 1,
  },
});
