import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';

// Node-only, for Pact tests: imported as `@cd4ml/sales-client/pact`, so the client itself stays
// free of Node modules and bundles for the browser.

/** The provider name every consumer's pact names, and the app's verification looks for. */
export const PROVIDER_NAME = 'sales-web';

/** Where consumer tests write pact files and the provider reads them: `<workspace>/pacts`. */
export const pactDir = join(findWorkspaceRoot(import.meta.dirname), 'pacts');

/**
 * Throws unless Pact's usage events are off (`PACT_DO_NOT_TRACK=true`, set by each project's
 * vitest config): Pact's native core reads it from the environment of the process it runs in.
 * Call it before the first Pact call of a test file; the project promises no telemetry.
 */
export function assertPactTelemetryOff(): void {
  if (process.env['PACT_DO_NOT_TRACK'] !== 'true') {
    throw new Error('PACT_DO_NOT_TRACK is not "true": Pact would send usage events. Set it in the vitest config: projectTestConfig({ env: { PACT_DO_NOT_TRACK: "true" } })');
  }
}
