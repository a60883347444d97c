import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { listen } from '@cd4ml/serving/testing';
import { assertPactTelemetryOff, pactFile, PROVIDER_NAME } from '@minimal/rentals-client/pact';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ForecastModel } from '../../src/forecast-model.ts';

let model: ForecastModel;
let app: Awaited<ReturnType<typeof listen>>;
let broken: Awaited<ReturnType<typeof listen>>;

/** Verifies the client's pact against the app at `base`; provider states are checked against the real model, never faked. */
function verify(base: string): Promise<string> {
  const station = (expected: boolean) => (params: unknown) => {
    const name = (params as { station?: unknown } | undefined)?.station;
    if (model.card.spec.stations.includes(String(name)) !== expected) return Promise.reject(new Error(`provider state: station ${String(name)} is ${expected ? 'not ' : ''}in the model`));
    return Promise.resolve(undefined);
  };
  return new Verifier({
    provider: PROVIDER_NAME,
    providerBaseUrl: base,
    pactUrls: [pactFile],
    logLevel: 'error',
    stateHandlers: { 'the model is loaded': () => Promise.resolve(undefined), 'a station exists': station(true), 'a station is unknown': station(false) },
  }).verifyProvider();
}

/** A candidate build with a breaking change: `rentals` renamed in every JSON response. */
function renameRentals(inner: express.Express): express.Express {
  const outer = express();
  outer.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(JSON.parse(JSON.stringify(body).replaceAll('"rentals":', '"predicted_rentals":')));
    next();
  });
  return outer.use(inner);
}

/** The `contract` stage: the client's pact against the real app serving the pipeline's gated model (MODEL_DIR). */
describe('rentals-web honours the pact of rentals-client', () => {
  beforeAll(async () => {
    assertPactTelemetryOff();
    const dir = process.env['MODEL_DIR'];
    if (!dir) throw new Error('MODEL_DIR is not set: run this through Nx, which passes the gated model: npx nx run rentals-web:contract');
    if (!existsSync(pactFile)) throw new Error(`no pact at ${pactFile}: run the consumer test first: npx nx run rentals-client:test`);
    model = await ForecastModel.load(resolve(findWorkspaceRoot(import.meta.dirname), dir));
    [app, broken] = await Promise.all([listen(createApp({ model })), listen(renameRentals(createApp({ model })))]);
  });
  afterAll(() => Promise.all([app.close(), broken.close(), model.close()]));

  it('verifies every interaction against the real app and model', async () => {
    await verify(app.base);
  });

  it('fails verification when a candidate renames `rentals` in its responses', async () => {
    const failure = await verify(broken.base).then(() => 'verification passed', (error: unknown) => String(error));
    expect(failure).toMatch(/a forecast request for a known station/);
  });
});
