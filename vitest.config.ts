import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the CLI; two cores are shared with them.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
