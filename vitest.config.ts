import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One PostgreSQL per test run, for the store suite that runs against both backends.
    globalSetup: ['tests/helpers/postgres-global-setup.ts'],
  },
});
