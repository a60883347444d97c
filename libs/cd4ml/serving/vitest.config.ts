import { projectTestConfig } from '@cd4ml/testing';

export default projectTestConfig();
