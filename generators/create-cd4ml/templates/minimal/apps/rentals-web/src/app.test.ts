import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArtifactFiles, writeArtifactFiles } from '@cd4ml/model-artifact';
import { listen } from '@cd4ml/serving/testing';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type AppOptions, type AppState } from './app.ts';
import { ForecastModel } from './forecast-model.ts';

const fixture = inject('fixture');
const opened: { close(): Promise<void> }[] = [];
let base: string;
let model: ForecastModel;

/** The app on a real port around `state`. */
async function start(state: AppState, o: AppOptions = {}): Promise<string> {
  const server = await listen(createApp(state, o));
  opened.push(server, ...(state.model && state.model !== model ? [state.model] : []));
  return server.base;
}
const bodySchema = z.object({ forecast: z.object({ rentals: z.number() }).loose().optional(), error: z.object({ code: z.string(), message: z.string() }).optional() }).loose();
const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: bodySchema.parse(await response.json()) };
};
const query = (q: Record<string, string | undefined>) => {
  const fields = Object.entries({ date: '2025-01-06', station: 'central', temperature: '4.5', precipitation: '0', ...q }).filter((f): f is [string, string] => f[1] !== undefined);
  return `/api/v1/forecast?${new URLSearchParams(fields).toString()}`;
};

/** A copy of the gated model with its gates.json edited, re-checksummed so that only the edit is tested. */
async function withGates(edit: (gates: Record<string, unknown>) => void): Promise<string> {
  const { files } = await readArtifactFiles(fixture.gated);
  const gates = z.record(z.string(), z.unknown()).parse(JSON.parse(Buffer.from(files.get('gates.json')!).toString('utf8')));
  edit(gates);
  const dir = join(await mkdtemp(join(tmpdir(), 'rentals-web-')), 'model');
  await writeArtifactFiles(dir, { ...Object.fromEntries(files), 'gates.json': JSON.stringify(gates) });
  return dir;
}

beforeAll(async () => {
  model = await ForecastModel.load(fixture.gated);
  base = await start({ model });
});
afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
  await model.close();
});

describe('rentals-web on a real port', () => {
  it('forecasts rentals for a station and a day, more for a warm dry day than for a cold wet one', async () => {
    const mild = await get(`${base}${query({ temperature: '22', precipitation: '0' })}`);
    const wet = await get(`${base}${query({ temperature: '2', precipitation: '12' })}`);
    expect(mild).toMatchObject({ status: 200, body: { forecast: { date: '2025-01-06', station: 'central', temperature: 22, precipitation: 0 }, modelVersion: model.version } });
    expect(mild.body.forecast?.rentals).toBeGreaterThan(wet.body.forecast?.rentals ?? Infinity);
    expect(await get(`${base}/ready`)).toMatchObject({ status: 200, body: { status: 'ready', modelVersion: model.version } });
  });

  it.each([
    ['a missing temperature', { temperature: '' }, /^temperature: is blank$/],
    ['no station', { station: undefined }, /^station: is required$/],
    ['a word for a number', { precipitation: 'lots' }, /^precipitation: .*NaN/],
    ['an impossible date', { date: '2025-02-30' }, /^date: /],
    ['a temperature out of range', { temperature: '99' }, /^temperature: Too big/],
    ['an unknown parameter', { wind: '3' }, /Unrecognized key: "wind"/],
  ])('answers 400 naming the field for %s', async (_, q, message) => {
    const { status, body } = await get(`${base}${query(q)}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(message) });
  });

  it('answers 404 for an unknown station, naming the known ones, and a JSON 404 for an unknown or malformed route', async () => {
    expect(await get(`${base}${query({ station: 'airport' })}`)).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_STATION', message: expect.stringMatching(/airport.*central/) } } });
    for (const path of ['/api/v2/forecast', '/api/v1/%E0%A4%A']) expect(await get(`${base}${path}`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it.each([
    ['no model', () => Promise.resolve<AppState>({ notReadyReason: 'no model in /nowhere' }), /^no model in \/nowhere$/],
    ["the train stage's model", async () => ({ model: await ForecastModel.load(fixture.trained) }), /has no gates\.json: serve the gate stage's output \(npx nx run rentals-model:gate\)/],
    ['a model that failed its gates', async () => ({ model: await ForecastModel.load(await withGates((g) => (g['passed'] = false))) }), /failed its gates/],
    ["another model's gates.json", async () => ({ model: await ForecastModel.load(await withGates((g) => (g['modelSha256'] = 'f'.repeat(64)))) }), /belongs to another model/],
  ])('is alive but answers 503 on /ready with the reason, and app_ready 0, for %s', async (_, state, reason) => {
    const at = await start(await state());
    expect(await get(`${at}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(`${at}/ready`)).toMatchObject({ status: 503, body: { status: 'not ready', reason: expect.stringMatching(reason) } });
    expect(await (await fetch(`${at}/metrics`)).text()).toMatch(/^app_ready 0$/m);
  });

  it('answers 503 to a forecast without a model', async () => {
    const at = await start({ notReadyReason: 'no model in /nowhere' });
    expect(await get(`${at}${query({})}`)).toMatchObject({ status: 503, body: { error: { code: 'NOT_READY', message: 'no model loaded: no model in /nowhere' } } });
  });

  it('exports its metrics: requests by route, predictions and predicted_rentals, the model served with its release, readiness', async () => {
    const at = await start({ model }, { releaseId: 'r-rentals' });
    await fetch(`${at}${query({})}`);
    await fetch(`${at}${query({ station: 'airport' })}`);
    const text = await (await fetch(`${at}/metrics`)).text();
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/forecast",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/forecast",status="404"} 1');
    expect(text).toContain('predictions_total 1');
    expect(text).toContain('predicted_rentals_count 1');
    expect(text).toContain(`model_info{model_version="${model.version}",raw_data_version="${model.card.rawDataVersion}",processed_data_version="${model.card.processedDataVersion}",release_id="r-rentals"} 1`);
    expect(text).toMatch(/^app_ready 1$/m);
  });
});

describe('POST /api/v1/actuals', () => {
  let file: string;
  let at: string;
  const post = async (actuals: unknown[], url = at) => {
    const response = await fetch(`${url}/api/v1/actuals`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'actuals-1' }, body: JSON.stringify({ actuals }) });
    return { status: response.status, body: z.record(z.string(), z.unknown()).parse(await response.json()) };
  };
  const lines = async () => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
  beforeAll(async () => {
    file = join(await mkdtemp(join(tmpdir(), 'rentals-actuals-')), 'actuals.jsonl');
    at = await start({ model }, { actuals: { file } });
  });

  it('appends each actual as a JSON line with receivedAt, the request id and the model version, and answers 202', async () => {
    expect(await post([{ date: '2025-01-06', station: 'central', rentals: 70 }, { date: '2025-01-06', station: model.card.spec.stations.at(-1)!, rentals: 12 }])).toEqual({ status: 202, body: { accepted: 2, modelVersion: model.version } });
    expect((await lines()).map((l): unknown => JSON.parse(l))).toEqual([
      { date: '2025-01-06', station: 'central', rentals: 70, receivedAt: expect.any(String), requestId: 'actuals-1', modelVersion: model.version },
      expect.objectContaining({ rentals: 12, requestId: 'actuals-1' }),
    ]);
  });

  it.each([
    ['a station the model does not know', [{ date: '2025-01-06', station: 'central', rentals: 1 }, { date: '2025-01-06', station: 'airport', rentals: 1 }], 404, 'UNKNOWN_STATION', /^actuals\[1\]: unknown station "airport": the model knows /],
    ['one station and day twice', [{ date: '2025-01-07', station: 'central', rentals: 1 }, { date: '2025-01-07', station: 'central', rentals: 2 }], 400, 'DUPLICATE_ACTUAL', /^actuals\[1\]: date 2025-01-07, station central is already in actuals\[0\]/],
    ['negative rentals', [{ date: '2025-01-07', station: 'central', rentals: -1 }], 400, 'INVALID_REQUEST', /^actuals\.0\.rentals: /],
    ['a field that is not an actual', [{ date: '2025-01-07', station: 'central', rentals: 1, temperature: 3 }], 400, 'INVALID_REQUEST', /temperature/],
  ])('refuses %s, and writes nothing', async (_, actuals, status, code, message) => {
    const before = await lines();
    expect(await post(actuals)).toMatchObject({ status, body: { error: { code, message: expect.stringMatching(message) } } });
    expect(await lines()).toEqual(before);
  });

  it('answers 503 ACTUALS_DISABLED when the app was started without an actuals file', async () => {
    expect(await post([{ date: '2025-01-06', station: 'central', rentals: 1 }], base)).toMatchObject({ status: 503, body: { error: { code: 'ACTUALS_DISABLED' } } });
  });
});
