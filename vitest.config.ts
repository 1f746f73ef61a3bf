import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One forked worker per core (vitest's default leaves one core out): most end-to-end tests wait
    // on the okr processes they spawn, so a file per core keeps both cores of a small machine busy.
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism()),
    // Test files share a worker's module registry instead of importing okr's sources afresh each:
    // the suite is CPU-bound on a small machine, and the re-imports (and re-compiling them) cost a
    // third of its time. Tests restore what they change (timers, spies), so no file depends on another.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
