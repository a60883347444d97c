import { readFile } from 'node:fs/promises';
import pactum from 'pactum';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { batchResponseSchema, errorResponseSchema, forecastResponseSchema } from '../src/api-responses.ts';
import { forecastRequestSchema, MAX_BATCH_ROWS } from '../src/forecast-request.ts';
import { startApp, type RunningApp } from './start-app.ts';

/** Component tests with pactum against the running app: OpenAPI, batch forecasts, limits, content types, headers. */
describe('forecast API component tests (pactum, real port, real model)', () => {
  const fixture = inject('fixture');
  let app: RunningApp;
  const row = (i: number) => ({ date: `2017-08-${String(16 + (i % 14)).padStart(2, '0')}`, item_nbr: [99197, 105574, 1963838][i % 3]!, onpromotion: i % 2 === 0 });
  const batch = (rows: unknown[]) => pactum.spec().post('/api/v1/forecast/batch').withJson({ rows });

  beforeAll(async () => {
    app = await startApp(fixture.model);
    pactum.request.setBaseUrl(app.base);
  });
  afterAll(() => app.close());

  it('serves an OpenAPI 3.1 document generated from the validating zod schemas', async () => {
    const doc = z
      .object({ openapi: z.string(), paths: z.record(z.string(), z.record(z.string(), z.unknown())), components: z.object({ schemas: z.record(z.string(), z.unknown()) }) })
      .parse((await pactum.spec().get('/api/openapi.json').expectStatus(200).expectHeaderContains('content-type', 'application/json').toss()).json);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/actuals', '/api/v1/actuals/recent', '/api/v1/forecast', '/api/v1/forecast/batch', '/api/v1/model', '/api/v1/products']);
    const { $schema: _, ...generated } = z.toJSONSchema(forecastRequestSchema, { io: 'input' }) as Record<string, unknown>;
    expect(doc.components.schemas['ForecastRequest']).toEqual((generated['$defs'] as Record<string, unknown>)['ForecastRequest']);
    expect(doc.components.schemas['ForecastRequest']).toMatchObject({ required: ['date', 'item_nbr'], additionalProperties: false });
    expect(JSON.stringify(doc.paths['/api/v1/forecast/batch'])).toContain(`at most ${MAX_BATCH_ROWS} rows`);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Forecast', 'BatchForecastRequest', 'ModelInfo', 'Actual', 'Error']));
    // Model info names the two data versions apart, and nothing in the document is a bare dataVersion.
    expect(doc.components.schemas['ModelInfo']).toMatchObject({ required: expect.arrayContaining(['rawDataVersion', 'processedDataVersion']) });
    expect(JSON.stringify(doc)).not.toContain('"dataVersion"');
    // A gate with nothing to compare with has a null bar (the ratchet before any champion).
    expect(JSON.stringify(doc.components.schemas['ModelInfo'])).toContain('"bar":{"type":["number","null"]}');
  });

  it('answers a batch in request order, each row as its single forecast would be', async () => {
    const rows = [0, 1, 2, 3].map(row);
    const response = await batch(rows).expectStatus(200).expectHeaderContains('content-type', 'application/json').toss();
    expect(response.headers['server-timing']).toMatch(/^app;dur=\d+\.\d\d$/);
    const body = batchResponseSchema.parse(response.json);
    expect(body).toMatchObject({ count: 4, modelVersion: app.model.version });
    for (const [i, request] of rows.entries()) {
      const single = forecastResponseSchema.parse((await pactum.spec().post('/api/v1/forecast').withJson(request).expectStatus(200).toss()).json);
      expect(body.forecasts[i]).toEqual(single.forecast);
    }
  });

  it(`accepts exactly ${MAX_BATCH_ROWS} rows and refuses one more with 413`, async () => {
    const full = Array.from({ length: MAX_BATCH_ROWS }, (_, i) => row(i));
    expect(batchResponseSchema.parse((await batch(full).expectStatus(200).toss()).json).forecasts).toHaveLength(MAX_BATCH_ROWS);
    await batch([...full, row(0)])
      .expectStatus(413)
      .expectJsonLike({ error: { code: 'BATCH_TOO_LARGE', message: `rows has ${MAX_BATCH_ROWS + 1} rows; at most ${MAX_BATCH_ROWS} are allowed per request` } });
  });

  it.each([
    ['an empty batch', { rows: [] }, 400, 'INVALID_REQUEST', /rows must hold at least one row/],
    ['rows that are not a list', { rows: 'all' }, 400, 'INVALID_REQUEST', /rows must be an array/],
    ['a bad row', { rows: [row(0), { date: '2017-13-01', item_nbr: 99197 }] }, 400, 'INVALID_REQUEST', /rows\.1\.date: date "2017-13-01" is not a calendar date/],
    ['an unknown item in row 2', { rows: [row(0), row(1), { date: '2017-08-20', item_nbr: 7 }] }, 404, 'UNKNOWN_ITEM', /rows\[2\]: unknown item_nbr 7/],
    ['an unknown store in row 0', { rows: [{ date: '2017-08-20', item_nbr: 99197, store_nbr: 3 }] }, 404, 'UNKNOWN_STORE', /rows\[0\]: unknown store_nbr 3/],
    ['a row beyond the horizon', { rows: [row(0), { date: '2040-01-01', item_nbr: 99197 }] }, 422, 'BEYOND_HORIZON', /rows\[1\]: date 2040-01-01 is beyond the supported horizon/],
    ['an unknown top-level field', { rows: [row(0)], all: true }, 400, 'INVALID_REQUEST', /all/],
  ])('answers a batch with %s (%j): %i %s', async (_, body, status, code, message) => {
    const json = errorResponseSchema.parse((await pactum.spec().post('/api/v1/forecast/batch').withJson(body).expectStatus(status).toss()).json);
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(message);
  });

  it('labels an unknown query parameter as a query problem, and an unknown body field as a body problem', async () => {
    const query = errorResponseSchema.parse(
      (await pactum.spec().get('/api/v1/forecast').withQueryParams({ date: '2017-08-20', item_nbr: '99197', bogus: '1' }).expectStatus(400).toss()).json,
    );
    expect(query.error.message).toMatch(/^\(query\): Unrecognized key: "bogus"/);
    const body = errorResponseSchema.parse((await pactum.spec().post('/api/v1/forecast').withJson({ date: '2017-08-20', item_nbr: 99197, bogus: 1 }).expectStatus(400).toss()).json);
    expect(body.error.message).toMatch(/^\(body\): Unrecognized key: "bogus"/);
  });

  it.each([
    ['/api/v1/forecast', 64 * 1024],
    ['/api/v1/forecast/batch', 512 * 1024],
    ['/api/v1/actuals', 512 * 1024],
  ])('refuses a body over the limit of %s with 413, malformed JSON with 400, and other media types with 415', async (path, limit) => {
    await pactum.spec().post(path).withHeaders('content-type', 'application/json').withBody(`{"pad":"${'x'.repeat(limit)}"}`).expectStatus(413).expectJsonLike({ error: { code: 'BODY_TOO_LARGE' } });
    await pactum.spec().post(path).withHeaders('content-type', 'application/json').withBody('{"rows":[').expectStatus(400).expectJsonLike({ error: { code: 'MALFORMED_JSON' } });
    await pactum.spec().post(path).withHeaders('content-type', 'text/csv').withBody('date,item_nbr\n2017-08-20,99197').expectStatus(415).expectJsonLike({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('sets the REST security headers on API answers and echoes a caller request id', async () => {
    const response = await pactum.spec().get('/api/v1/products').withHeaders('x-request-id', 'trace-42').expectStatus(200).toss();
    expect(response.headers).toMatchObject({
      'x-request-id': 'trace-42',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    // Errors carry them too.
    const error = await pactum.spec().get('/api/v1/forecast').withQueryParams({ date: 'nope', item_nbr: 1 }).expectStatus(400).toss();
    expect(error.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'x-request-id': expect.any(String) });
  });

  it("sets helmet's full set on the UI's pages, with a CSP that allows only the app's own origin", async () => {
    const response = await pactum.spec().get('/').expectStatus(200).toss();
    expect(response.headers).toMatchObject({
      'x-request-id': expect.any(String),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('writes one prediction log line per forecast, with request id, model version, inputs, features and output', async () => {
    const response = await batch([row(0), row(1)]).withHeaders('x-request-id', 'log-check').expectStatus(200).toss();
    await app.predictionLog.flush();
    const logLine = z.object({ requestId: z.string(), features: z.array(z.number()) }).loose();
    const lines = (await readFile(app.predictionLogFile, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => logLine.parse(JSON.parse(l)))
      .filter((l) => l.requestId === 'log-check');
    const forecasts = batchResponseSchema.parse(response.json).forecasts;
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ modelVersion: app.model.version, row: 1, input: { ...row(1), store_nbr: 44 }, output: { unit_sales: forecasts[1]!.unit_sales } });
    // Exactly the row the model was fed, in card.featureNames order.
    expect(lines[1]!.features).toEqual(Array.from(app.model.features.matrix([{ ...row(1), store_nbr: 44 }])));
  });
});
