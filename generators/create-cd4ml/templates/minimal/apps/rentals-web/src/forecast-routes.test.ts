import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOLDOUT_FILE, holdoutSchema } from '@cd4ml/model-artifact';
import { PredictionLog, predictionLineSchema } from '@cd4ml/serving';
import { listen } from '@cd4ml/serving/testing';
import { featureMatrix, featureNames } from '@minimal/rentals-model/features';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from './app.ts';
import { ForecastModel } from './forecast-model.ts';
import { predictionLine, type RentalsPredictionLog } from './forecast-routes.ts';

const fixture = inject('fixture');
let model: ForecastModel;
let app: Awaited<ReturnType<typeof listen>>;
let log: RentalsPredictionLog;
let logFile: string;

const row = (date: string, station: string, temperature = 10, precipitation = 0) => ({ date, station, temperature, precipitation });
const answerSchema = z.object({ forecasts: z.array(z.object({ rentals: z.number() }).loose()).optional(), modelVersion: z.string().optional(), error: z.object({ code: z.string(), message: z.string() }).optional() });
const batch = async (body: unknown, requestId = 'batch-1') => {
  const response = await fetch(`${app.base}/api/v1/forecast/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify(body) });
  return { status: response.status, body: answerSchema.parse(await response.json()) };
};

beforeAll(async () => {
  model = await ForecastModel.load(fixture.gated);
  logFile = join(await mkdtemp(join(tmpdir(), 'rentals-log-')), 'predictions.jsonl');
  log = PredictionLog.open(logFile, { service: 'rentals-web', shape: predictionLine });
  app = await listen(createApp({ model }, { predictionLog: log }));
});
afterAll(async () => {
  await app.close();
  await log.close();
  await model.close();
});

describe('POST /api/v1/forecast/batch', () => {
  it('answers every row in request order, each as its single forecast would be, with the model version', async () => {
    const [first, second] = model.card.spec.stations;
    const rows = [row('2025-01-06', first!, 20), row('2025-01-07', second!, -2, 8), row('2025-01-06', first!, 20)];
    const { status, body } = await batch({ rows });
    expect(status).toBe(200);
    expect(body.modelVersion).toBe(model.version);
    const singles = await Promise.all(rows.map(async (r) => z.object({ forecast: z.object({ rentals: z.number() }).loose() }).parse(await (await fetch(`${app.base}/api/v1/forecast?${new URLSearchParams({ ...r, temperature: String(r.temperature), precipitation: String(r.precipitation) }).toString()}`)).json()).forecast));
    expect(body.forecasts).toEqual(singles);
    expect(body.forecasts).toEqual(rows.map((r) => ({ ...r, rentals: expect.any(Number) })));
  });

  // What the platform's smoke test does with a release (@cd4ml/deploy smoke-test.ts, app.json's
  // smoke.replay: rows / forecasts / rentals / modelVersion): the model's holdout sample, replayed.
  it("replays the model's holdout sample as the smoke test does: each answer within half the rounding step of what training predicted", async () => {
    const holdout = holdoutSchema(z.record(z.string(), z.unknown())).parse(JSON.parse(await readFile(join(fixture.gated, HOLDOUT_FILE), 'utf8')));
    expect(holdout.length).toBeGreaterThanOrEqual(model.card.spec.stations.length);
    expect(new Set(holdout.map((h) => h.input['station']))).toEqual(new Set(model.card.spec.stations));
    const { status, body } = await batch({ rows: holdout.map((h) => h.input) }, 'smoke-test-0');
    expect([status, body.modelVersion, body.forecasts?.length]).toEqual([200, model.version, holdout.length]);
    body.forecasts!.forEach((f, i) => expect(Math.abs(f.rentals - holdout[i]!.expected)).toBeLessThanOrEqual(0.05 + 1e-4 * Math.max(1, holdout[i]!.expected)));
  });

  it.each([
    ['a row with a bad field', { rows: [row('2025-01-06', 'central'), { ...row('2025-01-06', 'central'), temperature: 'warm' }] }, 400, 'INVALID_REQUEST', /^rows\.1\.temperature: /],
    ['a row with an unknown field', { rows: [{ ...row('2025-01-06', 'central'), wind: 3 }] }, 400, 'INVALID_REQUEST', /wind/],
    ['no rows', { rows: [] }, 400, 'INVALID_REQUEST', /rows must hold at least one row/],
    ['a station the model does not know', { rows: [row('2025-01-06', 'central'), row('2025-01-06', 'airport')] }, 404, 'UNKNOWN_STATION', /^rows\[1\]: unknown station "airport": the model knows /],
    ['more than 1,000 rows', { rows: Array.from({ length: 1001 }, () => row('2025-01-06', 'central')) }, 413, 'BATCH_TOO_LARGE', /rows has 1001 rows; at most 1000/],
  ])('refuses %s, naming it', async (_, body, status, code, message) => {
    expect(await batch(body)).toEqual({ status, body: { error: { code, message: expect.stringMatching(message) } } });
  });
});

describe('the prediction log', () => {
  it('writes one line per forecast: the request id, the model version, the input, the feature row in featureNames order, and the rentals', async () => {
    const rows = [row('2025-03-01', 'central', 12.5, 0.4), row('2025-03-02', model.card.spec.stations.at(-1)!, 3, 11)];
    const { body } = await batch({ rows }, 'logged-batch');
    await fetch(`${app.base}/api/v1/forecast?date=2025-03-03&station=central&temperature=7&precipitation=0`, { headers: { 'x-request-id': 'logged-single' } });
    await log.flush();
    const lines = (await readFile(logFile, 'utf8')).trim().split('\n').map((l) => predictionLineSchema.parse(JSON.parse(l)));
    const mine = lines.filter((l) => l.requestId?.startsWith('logged-'));
    expect(mine.map((l) => [l.requestId, l['row']])).toEqual([['logged-batch', 0], ['logged-batch', 1], ['logged-single', undefined]]);
    const x = featureMatrix(model.card.spec, rows);
    mine.slice(0, 2).forEach((line, i) => {
      expect(line).toMatchObject({ service: 'rentals-web', logVersion: 1, modelVersion: model.version, input: rows[i], output: { rentals: body.forecasts![i]!.rentals } });
      expect(line.features).toEqual(Array.from(x.values.subarray(i * featureNames.length, (i + 1) * featureNames.length)));
    });
  });
});
