import { defineConfig } from 'vitest/config';

// Browser tests: one file at a time (each starts the product and Chromium).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // What a page shows once its data has loaded is read until it does, for up to 10 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
