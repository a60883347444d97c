import { projectTestConfig } from '@cd4ml/testing';

export default projectTestConfig({ globalSetup: ['test/global-setup.ts'] });
