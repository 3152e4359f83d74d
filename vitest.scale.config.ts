import { defineConfig } from 'vitest/config';

// `npm run test:scale`: the multi-process tests (tests/*.scale.ts), minutes long, kept out of `npm test`.
export default defineConfig({
  test: {
    include: ['tests/**/*.scale.ts'],
    globalSetup: ['tests/helpers/postgres-global-setup.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
