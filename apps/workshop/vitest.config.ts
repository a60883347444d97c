import { projectTestConfig } from '@cd4ml/testing';

export default projectTestConfig({ include: ['src/**/*.test.ts', 'test/**/*.test.ts'] });
