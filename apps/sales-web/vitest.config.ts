import { projectTestConfig } from '@cd4ml/testing';
import { configDefaults } from 'vitest/config';

export default projectTestConfig({
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  // Provider verification needs the consumers' pact files: it is the `contract` stage.
  exclude: [...configDefaults.exclude, 'test/contract/**'],
  globalSetup: ['test/global-setup.ts'],
  // No telemetry: Pact sends anonymous usage events unless this is set (the Pact tests check it is).
  env: { PACT_DO_NOT_TRACK: 'true' },
});
