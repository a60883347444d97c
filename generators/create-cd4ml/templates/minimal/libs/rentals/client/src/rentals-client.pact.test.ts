import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MatchersV3, PactV3, SpecificationVersion } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertPactTelemetryOff, CONSUMER_NAME, pactFile, PROVIDER_NAME } from './pact-config.ts';
import { RentalsClient } from './rentals-client.ts';

const { eachLike, like, number, regex, string } = MatchersV3;
const json = { 'Content-Type': regex(/application\/json.*/, 'application/json; charset=utf-8') };
const sha256 = regex(/^[0-9a-f]{64}$/, 'a'.repeat(64));
const request = { date: '2025-01-06', station: 'central', temperature: 4.5, precipitation: 0 };
const query = { date: '2025-01-06', temperature: '4.5', precipitation: '0' };

/** What this client expects of rentals-web: the provider verifies every interaction against the real app and model. */
describe('rentals-client as a consumer of rentals-web', () => {
  const pact = new PactV3({ consumer: CONSUMER_NAME, provider: PROVIDER_NAME, dir: dirname(pactFile), logLevel: 'warn', spec: SpecificationVersion.SPECIFICATION_VERSION_V4 });

  // Each run writes the contract from scratch, so a removed interaction leaves the pact too.
  beforeAll(async () => {
    assertPactTelemetryOff();
    await rm(pactFile, { force: true });
  });

  it('gets a forecast for a known station', async () => {
    pact
      .given('a station exists', { station: 'central' })
      .uponReceiving('a forecast request for a known station')
      .withRequest({ method: 'GET', path: '/api/v1/forecast', query: { ...query, station: 'central' } })
      .willRespondWith({ status: 200, headers: json, body: { forecast: { ...request, rentals: number(87.5) }, modelVersion: string('8eef2bed803b') } });
    await pact.executeTest(async (server) => {
      expect(await new RentalsClient(server.url).forecast(request)).toEqual({ forecast: { ...request, rentals: 87.5 }, modelVersion: '8eef2bed803b' });
    });
  });

  it('gets a 404 with the API code for an unknown station', async () => {
    pact
      .given('a station is unknown', { station: 'airport' })
      .uponReceiving('a forecast request for an unknown station')
      .withRequest({ method: 'GET', path: '/api/v1/forecast', query: { ...query, station: 'airport' } })
      .willRespondWith({ status: 404, headers: json, body: { error: { code: 'UNKNOWN_STATION', message: string('unknown station "airport"') } } });
    await pact.executeTest(async (server) => {
      await expect(new RentalsClient(server.url).forecast({ ...request, station: 'airport' })).rejects.toMatchObject({ status: 404, code: 'UNKNOWN_STATION' });
    });
  });

  it('gets a 400 naming the field of a bad request', async () => {
    pact
      .given('a station exists', { station: 'central' })
      .uponReceiving('a forecast request with a temperature out of range')
      .withRequest({ method: 'GET', path: '/api/v1/forecast', query: { ...query, station: 'central', temperature: '99' } })
      .willRespondWith({ status: 400, headers: json, body: { error: { code: 'INVALID_REQUEST', message: regex(/^temperature: .+/, 'temperature: Too big: expected number to be <=50') } } });
    await pact.executeTest(async (server) => {
      await expect(new RentalsClient(server.url).forecast({ ...request, temperature: 99 })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/temperature/) });
    });
  });

  it('reads the model version, both data versions and the stations', async () => {
    pact
      .given('the model is loaded')
      .uponReceiving('a request for model info')
      .withRequest({ method: 'GET', path: '/api/v1/model' })
      .willRespondWith({
        status: 200,
        headers: json,
        body: { name: string('rentals-forecast'), modelVersion: string('8eef2bed803b'), rawDataVersion: sha256, processedDataVersion: sha256, stations: eachLike('central'), metric: like({ name: 'rmsle', value: 0.21 }) },
      });
    await pact.executeTest(async (server) => {
      const info = await new RentalsClient(server.url).model();
      expect(info.stations).toEqual(['central']);
      expect(info.processedDataVersion).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
