import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import { GATES_FILE } from '@cd4ml/model-artifact';
import pactum from 'pactum';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actualsAcceptedSchema, errorResponseSchema, modelInfoSchema, recentActualsResponseSchema } from '../src/api-responses.ts';
import { ForecastModel } from '../src/forecast-model.ts';
import { MAX_BATCH_ROWS } from '../src/forecast-request.ts';
import { recentActualsSchema } from '../src/recent-actuals.ts';
import { copyArtifact } from './artifact-copy.ts';
import { startApp, type RunningApp } from './start-app.ts';

const manifestSchema = z.object({ dataVersion: z.string() });

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

/** Component tests with pactum: model info with gate verdicts, recent actuals for the chart, actuals posted back. */
describe('model, recent actuals and actuals routes (pactum, real port, real model)', () => {
  const fixture = inject('fixture');
  let app: RunningApp;
  let ungated: RunningApp;
  const errorOf = async (spec: ReturnType<typeof pactum.spec>, status: number) => errorResponseSchema.parse((await spec.expectStatus(status).toss()).json).error;

  beforeAll(async () => {
    [app, ungated] = await Promise.all([startApp(fixture.model), startApp(fixture.trained)]);
    pactum.request.setBaseUrl(app.base);
  });
  afterAll(() => Promise.all([app.close(), ungated.close()]));

  it("reports versions, metrics, horizon and the gate stage's verdicts from gates.json", async () => {
    const info = modelInfoSchema.parse((await pactum.spec().get('/api/v1/model').expectStatus(200).toss()).json);
    const gates = await readJsonFile(join(fixture.model, GATES_FILE), z.object({ passed: z.boolean(), results: z.array(z.object({ gate: z.string() })) }));
    expect(info).toMatchObject({ modelVersion: app.model.version, horizon: { lastDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) } });
    expect(info.metrics).toMatchObject({ primary: 'nwrmsle', label: 'NWRMSLE', validation: { nwrmsle: expect.any(Number) }, baselines: { seasonalNaive: expect.any(Object) } });
    expect(info.gates).toMatchObject({ passed: gates.passed, results: gates.results.map((g): unknown => expect.objectContaining(g)) });
    // The ratchet has no champion in a fresh registry: its bar is null, and it passes vacuously.
    expect(info.gates?.results.find((g) => g.gate === 'ratchet')).toMatchObject({ passed: true, bar: null });
  });

  it('names the raw and the processed data versions apart, each traceable to its manifest, with no ambiguous dataVersion', async () => {
    const json = (await pactum.spec().get('/api/v1/model').expectStatus(200).toss()).json;
    const info = modelInfoSchema.parse(json);
    const raw = await readJsonFile(join(fixture.raw, 'manifest.json'), manifestSchema, { what: 'raw snapshot manifest' });
    const processed = await readJsonFile(join(fixture.processed, 'manifest.json'), manifestSchema, { what: 'processed data manifest' });
    expect(info.rawDataVersion).toBe(raw.dataVersion);
    expect(info.processedDataVersion).toBe(processed.dataVersion);
    expect(info.rawDataVersion).not.toBe(info.processedDataVersion);
    // The gate results carry both, the same two.
    expect(info.gates).toMatchObject({ rawDataVersion: raw.dataVersion, processedDataVersion: processed.dataVersion });
    expect(keysOf(json)).not.toContain('dataVersion');
    const metrics = await (await fetch(`${app.base}/metrics`)).text();
    expect(metrics).toContain(`model_info{model_version="${app.model.version}",raw_data_version="${raw.dataVersion}",processed_data_version="${processed.dataVersion}",release_id=""} 1`);
  });

  it('reports no gates for a model the gate stage has not seen', async () => {
    const info = modelInfoSchema.parse((await pactum.spec().get(`${ungated.base}/api/v1/model`).expectStatus(200).toss()).json);
    expect(info).toMatchObject({ modelVersion: ungated.model.version, gates: null });
  });

  it('refuses to load a model whose gates.json is broken, naming the file and the field', async () => {
    const broken = await copyArtifact(fixture.model, (files) => files.set(GATES_FILE, JSON.stringify({ ...app.model.gates, results: [{ gate: 'threshold', figure: 1 }] })));
    await expect(ForecastModel.load(broken)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/gates\.json is not a valid [\s\S]*→ at results\[0\]\.passed/) });
  });

  it('refuses to load a model whose recent-actuals.json is broken, naming the file and the field', async () => {
    const broken = await copyArtifact(fixture.model, (files) => files.set('recent-actuals.json', JSON.stringify({ days: 28, lastDate: '2017-08-15', stores: { 44: { 99197: [['2017-08-15', 'x']] } } })));
    await expect(ForecastModel.load(broken)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/recent-actuals\.json is not a valid [\s\S]*→ at stores\.44\.99197\[0\]\[1\]/) });
  });

  it('serves the recent actuals of an item, oldest first, up to the training data end', async () => {
    const body = recentActualsResponseSchema.parse((await pactum.spec().get('/api/v1/actuals/recent').withQueryParams({ item_nbr: 99197 }).expectStatus(200).toss()).json);
    const recent = await readJsonFile(join(fixture.model, 'recent-actuals.json'), recentActualsSchema, { what: 'recent actuals' });
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
    const lines = (await readFile(app.actualsFile, 'utf8')).trim().split('\n').map((l): unknown => JSON.parse(l));
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
    const bare = await startApp(fixture.model, { withoutActuals: true });
    try {
      const error = await errorOf(pactum.spec().post(`${bare.base}/api/v1/actuals`).withJson({ actuals: [{ date: '2017-08-16', item_nbr: 99197, unit_sales: 1 }] }), 503);
      expect(error).toMatchObject({ code: 'ACTUALS_DISABLED', message: expect.stringContaining('ACTUALS_FILE') });
    } finally {
      await bare.close();
    }
  });
});
