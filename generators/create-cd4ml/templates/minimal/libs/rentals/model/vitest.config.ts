import { projectTestConfig } from '@cd4ml/testing';

export default projectTestConfig({ globalSetup: ['src/test-support/global-setup.ts'] });
