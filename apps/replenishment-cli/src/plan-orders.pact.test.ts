import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MatchersV3, PactV3 } from '@pact-foundation/pact';
import { SalesClient } from '@cd4ml/sales-client';
import { assertPactTelemetryOff, pactDir, PROVIDER_NAME } from '@cd4ml/sales-client/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { planOrders } from './plan-orders.ts';

const { eachLike, regex, integer, number, string } = MatchersV3;
const CONSUMER = 'replenishment-cli';
const json = { 'Content-Type': regex(/application\/json.*/, 'application/json; charset=utf-8') };
const rows = ['2017-08-16', '2017-08-17'].map((date) => ({ date, item_nbr: 99197, onpromotion: false }));

/** The replenishment CLI's expectations of sales-web: batch forecasts over the lead time, and a clear 404. */
describe('the replenishment CLI as a consumer of sales-web', () => {
  const pact = new PactV3({ consumer: CONSUMER, provider: PROVIDER_NAME, dir: pactDir, logLevel: 'error' });

  beforeAll(async () => {
    assertPactTelemetryOff();
    await rm(join(pactDir, `${CONSUMER}-${PROVIDER_NAME}.json`), { force: true });
  });

  it('orders from a batch forecast over the lead time', async () => {
    pact
      .given('an item exists', { item_nbr: 99197 })
      .uponReceiving('a batch forecast over a two-day lead time')
      .withRequest({ method: 'POST', path: '/api/v1/forecast/batch', headers: { 'Content-Type': 'application/json' }, body: { rows } })
      .willRespondWith({
        status: 200,
        headers: json,
        body: {
          forecasts: eachLike({ date: regex(/^\d{4}-\d{2}-\d{2}$/, '2017-08-16'), item_nbr: 99197, store_nbr: integer(44), onpromotion: false, unit_sales: number(8.5) }, 2),
          count: integer(2),
          modelVersion: string('44198512c961'),
        },
      });
    await pact.executeTest(async (server) => {
      const plan = await planOrders(new SalesClient(server.url), [{ item_nbr: 99197, on_hand: 5, case_pack: 6 }], { orderDate: '2017-08-15', leadTimeDays: 2, safetyDays: 1 });
      // 2 days × 8.5 = 17 demand, + 8.5 safety − 5 on hand = 20.5 -> 4 cases of 6
      expect(plan).toEqual({ modelVersion: '44198512c961', lines: [expect.objectContaining({ item_nbr: 99197, leadTimeDemand: 17, safetyStock: 8.5, cases: 4, orderUnits: 24 })] });
    });
  });

  it('reports an item the model does not know', async () => {
    pact
      .given('an item is unknown', { item_nbr: 1 })
      .uponReceiving('a batch forecast with an unknown item')
      .withRequest({ method: 'POST', path: '/api/v1/forecast/batch', headers: { 'Content-Type': 'application/json' }, body: { rows: [{ date: '2017-08-16', item_nbr: 1, onpromotion: false }] } })
      .willRespondWith({ status: 404, headers: json, body: { error: { code: 'UNKNOWN_ITEM', message: regex(/.*unknown item_nbr 1:.*/, "rows[0]: unknown item_nbr 1: it is not in the model's catalogue") }, requestId: string('r-1') } });
    await pact.executeTest(async (server) => {
      const plan = planOrders(new SalesClient(server.url), [{ item_nbr: 1, on_hand: 0, case_pack: 1 }], { orderDate: '2017-08-15', leadTimeDays: 1, safetyDays: 0 });
      await expect(plan).rejects.toMatchObject({ status: 404, code: 'UNKNOWN_ITEM', message: expect.stringContaining('unknown item_nbr 1') });
    });
  });
});
