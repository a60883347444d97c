import { projectTestConfig } from '@cd4ml/testing';

/** The end-to-end suite (the `e2e` stage): pack, scaffold from the tarball, install, run the new project's README commands. */
export default projectTestConfig({
  include: ['e2e/**/*.e2e.test.ts'],
  globalSetup: ['e2e/pack.ts'],
  // One project at a time: each installs and runs a whole pipeline on a 2-core machine.
  fileParallelism: false,
  testTimeout: 900_000,
  hookTimeout: 900_000,
});
