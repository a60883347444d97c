import { projectTestConfig } from '@cd4ml/testing';

/** Provider verification only (the `contract` stage); the `test` target leaves these out. */
export default projectTestConfig({
  include: ['test/contract/**/*.contract.test.ts'],
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 180_000,
  // No telemetry: Pact sends anonymous usage events unless this is set (the provider test checks it is).
  env: { PACT_DO_NOT_TRACK: 'true' },
});
