import { defineConfig } from 'vitest/config';

/** Provider verification only (`nx contract sales-web`); the `test` target leaves these out. */
export default defineConfig({
  test: {
    include: ['test/contract/**/*.contract.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
