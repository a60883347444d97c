import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { pactDir, PROVIDER_NAME } from '@cd4ml/sales-client/pact';
import { z } from 'zod';
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

/** The parameters a consumer gives a provider state: an item, and the store when it names one. */
const stateParams = z.object({ item_nbr: z.number().int(), store_nbr: z.number().int().optional() });

/** A state handler that checks the real model: it rejects, failing the verification, when `check` throws. */
function stateHandler(state: string, check: (params: z.infer<typeof stateParams>) => void): (params: unknown) => Promise<undefined> {
  return (params) =>
    new Promise((resolve) => {
      const parsed = stateParams.safeParse(params);
      if (!parsed.success) throw new Error(`provider state "${state}": bad parameters ${JSON.stringify(params)}: ${z.prettifyError(parsed.error)}`);
      check(parsed.data);
      resolve(undefined);
    });
}

/**
 * Verifies every consumer pact against the app at `base`. Provider states are checked against the
 * real model, never faked: a state the model does not satisfy fails the verification.
 */
export async function verifyPacts(base: string, model: ForecastModel): Promise<string> {
  return new Verifier({
    provider: PROVIDER_NAME,
    providerBaseUrl: base,
    pactUrls: pactFiles(),
    logLevel: 'error',
    stateHandlers: {
      'the model is loaded': () =>
        new Promise<undefined>((resolve) => {
          if (!model.version) throw new Error('provider state "the model is loaded": no model');
          resolve(undefined);
        }),
      'an item exists': stateHandler('an item exists', ({ item_nbr, store_nbr }) => {
        if (!model.features.item(item_nbr)) throw new Error(`provider state "an item exists": item ${item_nbr} is not in the model's catalogue`);
        if (store_nbr !== undefined && !model.features.store(store_nbr)) throw new Error(`provider state "an item exists": the model does not cover store ${store_nbr}`);
      }),
      'an item is unknown': stateHandler('an item is unknown', ({ item_nbr, store_nbr }) => {
        if (model.features.item(item_nbr)) throw new Error(`provider state "an item is unknown": item ${item_nbr} is in the catalogue`);
        if (store_nbr !== undefined && !model.features.store(store_nbr)) throw new Error(`provider state "an item is unknown": the model does not cover store ${store_nbr}`);
      }),
    },
  }).verifyProvider();
}
