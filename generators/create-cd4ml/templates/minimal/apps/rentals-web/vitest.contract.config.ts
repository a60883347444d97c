import { projectTestConfig } from '@cd4ml/testing';

/** Provider verification only (the `contract` stage, which passes the gated model); the `test` target leaves it out. */
export default projectTestConfig({
  include: ['test/contract/**/*.contract.test.ts'],
  // No telemetry: Pact sends anonymous usage events unless this is set (the test checks it is).
  env: { PACT_DO_NOT_TRACK: 'true' },
});
