import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pactum from 'pactum';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actualsAcceptedSchema, errorResponseSchema, modelInfoSchema, recentActualsResponseSchema } from '../src/api-responses.ts';
import { ForecastModel } from '../src/forecast-model.ts';
import { MAX_BATCH_ROWS } from '../src/forecast-request.ts';
import { startApp, type RunningApp } from './start-app.ts';

const gates = {
  name: 'sales-forecast',
  modelVersion: 'abc123',
  modelSha256: 'a'.repeat(64),
  dataVersion: 'd1',
  passed: false,
  results: [
    { gate: 'threshold', passed: true, figure: 0.41, bar: 0.6, comparison: '<=', summary: 'NWRMSLE 0.41 against a bar of 0.6' },
    { gate: 'slice-error', passed: false, figure: 2.3, bar: 2, comparison: '<=', summary: 'family BREAD/BAKERY is 2.3x the overall error', details: { worst: 'BREAD/BAKERY' } },
  ],
};

/** Component tests with pactum: model info with gate verdicts, recent actuals for the chart, actuals posted back. */
describe('model, recent actuals and actuals routes (pactum, real port, real model)', () => {
  const fixture = inject('fixture');
  let app: RunningApp;
  let gated: RunningApp;
  const errorOf = async (spec: ReturnType<typeof pactum.spec>, status: number) => errorResponseSchema.parse((await spec.expectStatus(status).toss()).json).error;

  beforeAll(async () => {
    const copy = join(await mkdtemp(join(tmpdir(), 'sales-web-gated-')), 'model');
    await cp(fixture.model, copy, { recursive: true });
    await writeFile(join(copy, 'gates.json'), JSON.stringify(gates));
    [app, gated] = await Promise.all([startApp(fixture.model), startApp(copy)]);
    pactum.request.setBaseUrl(app.base);
  });
  afterAll(() => Promise.all([app.close(), gated.close()]));

  it('reports versions, metrics, horizon and no gates when gates.json is absent', async () => {
    const info = modelInfoSchema.parse((await pactum.spec().get('/api/v1/model').expectStatus(200).toss()).json);
    expect(info).toMatchObject({ modelVersion: app.model.version, dataVersion: app.model.card.dataVersion, gates: null, horizon: { lastDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) } });
    expect(Object.keys(info.metrics)).toEqual(expect.arrayContaining(['validation', 'seasonalNaive']));
  });

  it('reports the gate verdicts from gates.json beside the model', async () => {
    const info = modelInfoSchema.parse((await pactum.spec().get(`${gated.base}/api/v1/model`).expectStatus(200).toss()).json);
    expect(info.gates).toEqual(gates);
  });

  it('refuses to load a model whose gates.json is broken, naming the file', async () => {
    const copy = join(await mkdtemp(join(tmpdir(), 'sales-web-badgates-')), 'model');
    await cp(fixture.model, copy, { recursive: true });
    await writeFile(join(copy, 'gates.json'), JSON.stringify({ ...gates, results: [{ gate: 'threshold', figure: 1 }] }));
    await expect(ForecastModel.load(copy)).rejects.toMatchObject({ code: 'MODEL_CORRUPT', message: expect.stringMatching(/gates\.json is malformed: results\.0\.passed/) });
  });

  it('serves the recent actuals of an item, oldest first, up to the training data end', async () => {
    const body = recentActualsResponseSchema.parse((await pactum.spec().get('/api/v1/actuals/recent').withQueryParams({ item_nbr: 99197 }).expectStatus(200).toss()).json);
    const recent = JSON.parse(await readFile(join(fixture.model, 'recent-actuals.json'), 'utf8')) as { lastDate: string; stores: Record<string, Record<string, [string, number][]>> };
    expect(body).toMatchObject({ item_nbr: 99197, store_nbr: 44, lastDate: recent.lastDate, modelVersion: app.model.version });
    expect(body.actuals.map((a) => [a.date, a.unit_sales])).toEqual(recent.stores['44']!['99197']);
    expect(body.actuals.length).toBeGreaterThan(7);
  });

  it.each([
    ['an unknown item', { item_nbr: 5 }, 404, 'UNKNOWN_ITEM', /unknown item_nbr 5/],
    ['an unknown store', { item_nbr: 99197, store_nbr: 9 }, 404, 'UNKNOWN_STORE', /unknown store_nbr 9/],
    ['a missing item', { store_nbr: 44 }, 400, 'INVALID_REQUEST', /item_nbr is required/],
    ['a fractional item', { item_nbr: '1.5' }, 400, 'INVALID_REQUEST', /item_nbr must be a positive integer/],
    ['a non-numeric item', { item_nbr: 'milk' }, 400, 'INVALID_REQUEST', /item_nbr must be a positive integer/],
  ])('answers recent actuals for %s with %i', async (_, query, status, code, message) => {
    const error = await errorOf(pactum.spec().get('/api/v1/actuals/recent').withQueryParams(query), status);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('appends posted actuals to the JSON-lines file with request id and model version', async () => {
    const actuals = [{ date: '2017-08-16', item_nbr: 99197, unit_sales: 7 }, { date: '2017-08-16', item_nbr: 105574, store_nbr: 44, unit_sales: 2.5 }];
    const response = await pactum.spec().post('/api/v1/actuals').withHeaders('x-request-id', 'actuals-1').withJson({ actuals }).expectStatus(202).toss();
    expect(actualsAcceptedSchema.parse(response.json)).toEqual({ accepted: 2, modelVersion: app.model.version });
    const lines = (await readFile(app.actualsFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { ...actuals[0], store_nbr: 44, requestId: 'actuals-1', modelVersion: app.model.version, receivedAt: expect.any(String) },
      { ...actuals[1], requestId: 'actuals-1', modelVersion: app.model.version, receivedAt: expect.any(String) },
    ]);
  });

  it.each([
    ['an unknown item', { actuals: [{ date: '2017-08-16', item_nbr: 99197, unit_sales: 1 }, { date: '2017-08-16', item_nbr: 3, unit_sales: 1 }] }, 404, 'UNKNOWN_ITEM', /actuals\[1\]: unknown item_nbr 3/],
    ['a missing unit_sales', { actuals: [{ date: '2017-08-16', item_nbr: 99197 }] }, 400, 'INVALID_REQUEST', /actuals\.0\.unit_sales: unit_sales must be a number/],
    ['an impossible date', { actuals: [{ date: '2017-02-29', item_nbr: 99197, unit_sales: 1 }] }, 400, 'INVALID_REQUEST', /"2017-02-29" is not a calendar date/],
    ['no rows', { actuals: [] }, 400, 'INVALID_REQUEST', /at least one row/],
    ['too many rows', { actuals: Array.from({ length: MAX_BATCH_ROWS + 1 }, () => ({ date: '2017-08-16', item_nbr: 99197, unit_sales: 1 })) }, 413, 'BATCH_TOO_LARGE', /at most 1000/],
  ])('refuses actuals with %s (%i), and writes nothing', async (_, body, status, code, message) => {
    const before = await readFile(app.actualsFile, 'utf8').catch(() => '');
    const error = await errorOf(pactum.spec().post('/api/v1/actuals').withJson(body), status);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await readFile(app.actualsFile, 'utf8').catch(() => '')).toBe(before);
  });

  it('answers 503 for actuals when no file is configured', async () => {
    const bare = await startApp(fixture.model, { actualsFile: undefined });
    try {
      const error = await errorOf(pactum.spec().post(`${bare.base}/api/v1/actuals`).withJson({ actuals: [{ date: '2017-08-16', item_nbr: 99197, unit_sales: 1 }] }), 503);
      expect(error).toMatchObject({ code: 'ACTUALS_DISABLED', message: expect.stringContaining('ACTUALS_FILE') });
    } finally {
      await bare.close();
    }
  });
});
