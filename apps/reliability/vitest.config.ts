import { projectTestConfig } from '@cd4ml/testing';

export default projectTestConfig({
  include: ['test/**/*.test.ts'],
  globalSetup: ['test/global-setup.ts'],
  // One file at a time: the load probes need the machine's two cores to themselves.
  fileParallelism: false,
  reporters: ['default', './test/probe-table-reporter.ts'],
});
