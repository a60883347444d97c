import { join } from 'node:path';
import { findWorkspaceRoot } from '@cd4ml/fs';

/** The provider name in the pact, which the app's verification looks for. */
export const PROVIDER_NAME = 'rentals-web';
/** This client's name as a consumer. */
export const CONSUMER_NAME = 'rentals-client';

/** Where the consumer test writes the pact and the provider reads it: `<workspace>/pacts`. */
export const pactFile = join(findWorkspaceRoot(import.meta.dirname), 'pacts', `${CONSUMER_NAME}-${PROVIDER_NAME}.json`);

/** Throws unless Pact's usage events are off (the vitest configs set PACT_DO_NOT_TRACK=true): the project promises no telemetry. */
export function assertPactTelemetryOff(): void {
  if (process.env['PACT_DO_NOT_TRACK'] !== 'true') throw new Error('PACT_DO_NOT_TRACK is not "true": Pact would send usage events. Set it in the vitest config.');
}
