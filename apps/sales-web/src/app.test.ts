import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorResponseSchema, forecastResponseSchema, productsResponseSchema } from './api-responses.ts';
import { createApp, type AppState } from './app.ts';
import { ForecastModel } from './forecast-model.ts';

const fixture = inject('fixture');

async function listen(state: AppState): Promise<{ base: string; server: Server }> {
  const server = createApp(state).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('forecast API on a real port with the real model', () => {
  let base: string;
  let server: Server;
  let model: ForecastModel;
  const post = (body: string, type = 'application/json') =>
    fetch(`${base}/api/v1/forecast`, { method: 'POST', headers: { 'content-type': type }, body });

  beforeAll(async () => {
    model = await ForecastModel.load(fixture.model);
    ({ base, server } = await listen({ model }));
  });
  afterAll(async () => {
    server.close();
    await model.close();
  });

  it('answers a forecast with the model version and a request id', async () => {
    const response = await post(JSON.stringify({ date: '2017-08-20', item_nbr: 105574, onpromotion: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = forecastResponseSchema.parse(await response.json());
    expect(body.modelVersion).toBe(model.version);
    expect(body.forecast).toMatchObject({ date: '2017-08-20', item_nbr: 105574, store_nbr: 44, onpromotion: true });
  });

  it('predicts what the training run recorded for its holdout rows', async () => {
    const holdout = await readJsonFile(join(fixture.model, 'holdout.json'), z.array(z.object({ input: z.record(z.string(), z.unknown()), expected: z.number() })).min(20), { what: 'holdout' });
    for (const row of holdout.slice(0, 20)) {
      const body = forecastResponseSchema.parse(await (await post(JSON.stringify(row.input))).json());
      expect(body.forecast.unit_sales).toBeCloseTo(row.expected, 1);
    }
  });

  it.each([
    ['malformed JSON', () => post('{"date":'), 400, 'MALFORMED_JSON', /not valid JSON/],
    ['a missing field', () => post('{"item_nbr":99197}'), 400, 'INVALID_REQUEST', /date is required/],
    ['an impossible date', () => post('{"date":"2017-02-30","item_nbr":99197}'), 400, 'INVALID_REQUEST', /"2017-02-30" is not a calendar date/],
    ['a wrong type', () => post('{"date":"2017-08-20","item_nbr":"milk"}'), 400, 'INVALID_REQUEST', /item_nbr must be a positive integer/],
    ['an unknown field', () => post('{"date":"2017-08-20","item_nbr":99197,"id":5}'), 400, 'INVALID_REQUEST', /id/],
    ['an unknown item', () => post('{"date":"2017-08-20","item_nbr":1}'), 404, 'UNKNOWN_ITEM', /unknown item_nbr 1/],
    ['an unknown store', () => post('{"date":"2017-08-20","item_nbr":99197,"store_nbr":2}'), 404, 'UNKNOWN_STORE', /unknown store_nbr 2/],
    ['a date beyond the horizon', () => post('{"date":"2031-01-01","item_nbr":99197}'), 422, 'BEYOND_HORIZON', /beyond the supported horizon/],
    ['a date before the calendar', () => post('{"date":"1900-01-01","item_nbr":99197}'), 422, 'BEFORE_CALENDAR', /before the supported range: the holiday calendar starts on/],
    ['an oversized body', () => post(JSON.stringify({ date: '2017-08-20', item_nbr: 99197, pad: 'x'.repeat(100_000) })), 413, 'BODY_TOO_LARGE', /exceeds/],
    ['a non-JSON content type', () => post('date=2017-08-20', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/],
    ['a bad query string', () => fetch(`${base}/api/v1/forecast?date=tomorrow&item_nbr=99197`), 400, 'INVALID_REQUEST', /"tomorrow" is not a calendar date/],
    ['an unknown route', () => fetch(`${base}/api/v1/nothing`), 404, 'NOT_FOUND', /no route GET/],
  ])('answers %s with a clear %i, never a stack trace', async (_, send, status, code, message) => {
    const response = await send();
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    const body = errorResponseSchema.parse(JSON.parse(text));
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(body.requestId).toBeTruthy();
  });

  it('serves the catalogue from the model, not a hard-coded list', async () => {
    const body = productsResponseSchema.parse(await (await fetch(`${base}/api/v1/products`)).json());
    // Exactly the model's own catalogue (written by ingest from items.csv), workshop items included.
    expect(body.products.map((p) => p.item_nbr)).toEqual(model.features.spec.items.map((i) => i.item_nbr));
    expect(body.products.length).toBeGreaterThan(3);
    expect(body.products.map((p) => p.item_nbr)).toEqual(expect.arrayContaining([99197, 105574, 1963838]));
  });

  it('serves the UI page, and its script bundled with the typed client', async () => {
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('<h1>Sales forecast</h1>');
    const script = await fetch(`${base}/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await script.text();
    // The client's own paths and error class, not hand-written calls: it is @cd4ml/sales-client, bundled.
    expect(code).toContain('/api/v1/forecast');
    expect(code).toContain('SalesApiError');
    expect(code).not.toMatch(/^import /m); // one self-contained bundle
  });
});

describe('a missing or bad model', () => {
  it.each([
    ['missing', (dir: string) => Promise.resolve(dir + '-nothing-here'), 'MODEL_MISSING'],
    ['corrupt', async (dir: string) => {
      await writeFile(join(dir, 'model.onnx'), 'not a model');
      return dir;
    }, 'MODEL_CORRUPT'],
  ])('refuses a %s model, and the app stays alive but not ready', async (_, damage, code) => {
    const copy = join(await mkdtemp(join(tmpdir(), 'cd4ml-bad-model-')), 'model');
    await cp(fixture.model, copy, { recursive: true });
    const error = await ForecastModel.load(await damage(copy)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    const { base, server } = await listen({ notReadyReason: (error as Error).message });
    try {
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
      expect(z.object({ reason: z.string() }).parse(await ready.json()).reason).toBe((error as Error).message);
      expect((await fetch(`${base}/api/v1/forecast?date=2017-08-20&item_nbr=99197`)).status).toBe(503);
    } finally {
      server.close();
    }
  });
});
