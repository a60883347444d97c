import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MatchersV3, PactV3 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertPactTelemetryOff, pactDir, PROVIDER_NAME } from './pact-config.ts';
import { SalesApiError } from './sales-api-error.ts';
import { SalesClient } from './sales-client.ts';

const { like, eachLike, regex, integer, number, boolean, string } = MatchersV3;
const CONSUMER = 'sales-web-ui';
const json = { 'Content-Type': regex(/application\/json.*/, 'application/json; charset=utf-8') };
const isoDay = (example: string) => regex(/^\d{4}-\d{2}-\d{2}$/, example);
const sha256 = (prefix: string) => regex(/^[0-9a-f]{64}$/, prefix.padEnd(64, '0'));
const errorBody = (code: string, example: string) => ({ error: { code, message: string(example) }, requestId: string('5b2f7c1e-0000-4000-8000-000000000000') });

/**
 * The web UI's expectations of the API, as a Pact consumer: what the "Sales forecast" screen
 * (apps/sales-web/src/ui/main.ts) calls through this client, made the way it makes them: the
 * catalogue with its stores, model info, a forecast that always names its store, the recent actuals
 * of that item in that store for its chart, and the errors it shows.
 */
describe('the web UI as a consumer of sales-web', () => {
  const pact = new PactV3({ consumer: CONSUMER, provider: PROVIDER_NAME, dir: pactDir, logLevel: 'warn' });

  // Each run writes the contract from scratch, so a removed interaction leaves the pact too.
  beforeAll(async () => {
    assertPactTelemetryOff();
    await rm(join(pactDir, `${CONSUMER}-${PROVIDER_NAME}.json`), { force: true });
  });

  it('fills the product drop-down and the store picker from the catalogue', async () => {
    pact
      .given('the model is loaded')
      .uponReceiving('a request for the product catalogue')
      .withRequest({ method: 'GET', path: '/api/v1/products' })
      .willRespondWith({
        status: 200,
        headers: json,
        body: {
          products: eachLike({ item_nbr: integer(99197), family: string('GROCERY I'), class: integer(1045), perishable: boolean(false) }),
          stores: eachLike({ store_nbr: integer(44), city: string('Quito'), state: string('Pichincha'), type: string('A'), cluster: integer(5) }),
          modelVersion: string('44198512c961'),
        },
      });
    await pact.executeTest(async (server) => {
      const { products, stores } = await new SalesClient(server.url).products();
      expect(products[0]).toEqual({ item_nbr: 99197, family: 'GROCERY I', class: 1045, perishable: false });
      expect(stores[0]).toEqual({ store_nbr: 44, city: 'Quito', state: 'Pichincha', type: 'A', cluster: 5 });
    });
  });

  it('shows the model and both data versions, and limits the date picker to the horizon', async () => {
    pact
      .given('the model is loaded')
      .uponReceiving('a request for model info')
      .withRequest({ method: 'GET', path: '/api/v1/model' })
      .willRespondWith({
        status: 200,
        headers: json,
        body: { modelVersion: string('44198512c961'), rawDataVersion: sha256('92293b73'), processedDataVersion: sha256('3dfb6e46'), metrics: like({}), horizon: { lastDate: isoDay('2017-12-31') } },
      });
    await pact.executeTest(async (server) => {
      const info = await new SalesClient(server.url).model();
      expect(info.horizon.lastDate).toBe('2017-12-31');
      expect(info.rawDataVersion.slice(0, 8)).toBe('92293b73');
      expect(info.processedDataVersion.slice(0, 8)).toBe('3dfb6e46');
    });
  });

  it('gets a forecast for an item in the picked store on a date', async () => {
    pact
      .given('an item exists', { item_nbr: 99197, store_nbr: 44 })
      .uponReceiving('a forecast request for a known item')
      .withRequest({ method: 'POST', path: '/api/v1/forecast', headers: { 'Content-Type': 'application/json' }, body: { date: '2017-08-16', item_nbr: 99197, store_nbr: 44, onpromotion: false } })
      .willRespondWith({
        status: 200,
        headers: json,
        body: { forecast: { date: '2017-08-16', item_nbr: 99197, store_nbr: 44, onpromotion: false, unit_sales: number(8.53) }, modelVersion: string('44198512c961') },
      });
    await pact.executeTest(async (server) => {
      const { forecast, modelVersion } = await new SalesClient(server.url).forecast({ date: '2017-08-16', item_nbr: 99197, store_nbr: 44, onpromotion: false });
      expect(forecast.unit_sales).toBe(8.53);
      expect(modelVersion).toBe('44198512c961');
    });
  });

  it('draws the chart from the recent actuals of the item in the store of the forecast', async () => {
    pact
      .given('an item exists', { item_nbr: 99197, store_nbr: 44 })
      .uponReceiving('a request for the recent actuals of a known item')
      .withRequest({ method: 'GET', path: '/api/v1/actuals/recent', query: { item_nbr: '99197', store_nbr: '44' } })
      .willRespondWith({
        status: 200,
        headers: json,
        body: { item_nbr: 99197, store_nbr: 44, lastDate: isoDay('2017-08-15'), actuals: eachLike({ date: isoDay('2017-08-15'), unit_sales: number(9.5) }), modelVersion: string('44198512c961') },
      });
    await pact.executeTest(async (server) => {
      const recent = await new SalesClient(server.url).recentActuals(99197, 44);
      expect(recent.actuals[0]).toEqual({ date: '2017-08-15', unit_sales: 9.5 });
    });
  });

  it('shows the API message for an unknown item', async () => {
    pact
      .given('an item is unknown', { item_nbr: 1, store_nbr: 44 })
      .uponReceiving('a forecast request for an unknown item')
      .withRequest({ method: 'POST', path: '/api/v1/forecast', headers: { 'Content-Type': 'application/json' }, body: { date: '2017-08-16', item_nbr: 1, store_nbr: 44, onpromotion: false } })
      .willRespondWith({ status: 404, headers: json, body: errorBody('UNKNOWN_ITEM', "unknown item_nbr 1: it is not in the model's catalogue") });
    await pact.executeTest(async (server) => {
      const error = await new SalesClient(server.url).forecast({ date: '2017-08-16', item_nbr: 1, store_nbr: 44, onpromotion: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SalesApiError);
      expect(error).toMatchObject({ status: 404, code: 'UNKNOWN_ITEM', message: "unknown item_nbr 1: it is not in the model's catalogue" });
    });
  });

  it('shows the API message for a date beyond the horizon', async () => {
    pact
      .given('an item exists', { item_nbr: 99197, store_nbr: 44 })
      .uponReceiving('a forecast request beyond the horizon')
      .withRequest({ method: 'POST', path: '/api/v1/forecast', headers: { 'Content-Type': 'application/json' }, body: { date: '2031-01-01', item_nbr: 99197, store_nbr: 44, onpromotion: false } })
      .willRespondWith({ status: 422, headers: json, body: errorBody('BEYOND_HORIZON', 'date 2031-01-01 is beyond the supported horizon: the holiday calendar ends on 2017-12-31') });
    await pact.executeTest(async (server) => {
      await expect(new SalesClient(server.url).forecast({ date: '2031-01-01', item_nbr: 99197, store_nbr: 44, onpromotion: false })).rejects.toMatchObject({ status: 422, code: 'BEYOND_HORIZON' });
    });
  });
});
