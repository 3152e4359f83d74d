import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One PostgreSQL per test run, for the store suite that runs against both backends.
    globalSetup: ['tests/helpers/postgres-global-setup.ts'],
    // The suite must pass on a shared machine (a load of 6 on 2 cores): a test's time limit is there to catch a hang,
    // not to measure speed (the benchmarks do that). Tests that do heavy work state a longer limit of their own.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
