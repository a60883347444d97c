import { projectTestConfig } from '@cd4ml/testing';

// No telemetry: Pact sends anonymous usage events unless this is set (the Pact test checks it is).
export default projectTestConfig({ env: { PACT_DO_NOT_TRACK: 'true' } });
