import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { pactDir, PROVIDER_NAME } from '@cd4ml/sales-client';
import type { ForecastModel } from '../../src/forecast-model.ts';

/** Every consumer of sales-web, with the Nx target that writes its pact. */
export const consumers = [
  { name: 'sales-web-ui', target: 'sales-client:test' },
  { name: 'replenishment-cli', target: 'replenishment-cli:test' },
] as const;

/** The pact files of every consumer; a missing one is an error that says which target writes it. */
export function pactFiles(): string[] {
  return consumers.map(({ name, target }) => {
    const file = join(pactDir, `${name}-${PROVIDER_NAME}.json`);
    if (!existsSync(file)) throw new Error(`no pact from ${name} at ${file}: run \`npx nx run ${target}\` (\`npx nx contract sales-web\` runs it first)`);
    return file;
  });
}

/**
 * Verifies every consumer pact against the app at `base`. Provider states are checked against the
 * real model, never faked: a state the model does not satisfy fails the verification.
 */
export async function verifyPacts(base: string, model: ForecastModel): Promise<string> {
  const item = (params: unknown) => Number((params as { item_nbr?: unknown } | undefined)?.item_nbr);
  return new Verifier({
    provider: PROVIDER_NAME,
    providerBaseUrl: base,
    pactUrls: pactFiles(),
    logLevel: 'error',
    stateHandlers: {
      'the model is loaded': async () => {
        if (!model.version) throw new Error('provider state "the model is loaded": no model');
        return undefined;
      },
      'an item exists': async (params: unknown) => {
        if (!model.features.item(item(params))) throw new Error(`provider state "an item exists": item ${item(params)} is not in the model's catalogue`);
        return undefined;
      },
      'an item is unknown': async (params: unknown) => {
        if (model.features.item(item(params))) throw new Error(`provider state "an item is unknown": item ${item(params)} is in the catalogue`);
        return undefined;
      },
    },
  }).verifyProvider();
}
