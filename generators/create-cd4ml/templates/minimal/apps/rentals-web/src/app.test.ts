import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArtifactFiles, writeArtifactFiles } from '@cd4ml/model-artifact';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve } from '../test/serve.ts';
import { createApp, type AppState } from './app.ts';
import { ForecastModel } from './forecast-model.ts';

const fixture = inject('fixture');
const opened: { close(): Promise<void> }[] = [];
let base: string;

/** The app on a real port around `state`. */
async function start(state: AppState): Promise<string> {
  const server = await serve(createApp(state));
  opened.push(server, ...(state.model ? [state.model] : []));
  return server.base;
}
const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as { forecast?: { rentals: number }; error?: unknown } };
};
const query = (q: Record<string, string | undefined>) => {
  const fields = Object.entries({ date: '2025-01-06', station: 'central', temperature: '4.5', precipitation: '0', ...q }).filter((f): f is [string, string] => f[1] !== undefined);
  return `/api/v1/forecast?${new URLSearchParams(fields).toString()}`;
};

/** A copy of the gated model with its gates.json edited, re-checksummed so that only the edit is tested. */
async function withGates(edit: (gates: Record<string, unknown>) => void): Promise<string> {
  const { files } = await readArtifactFiles(fixture.gated);
  const gates = JSON.parse(Buffer.from(files.get('gates.json')!).toString('utf8'));
  edit(gates);
  const dir = join(await mkdtemp(join(tmpdir(), 'rentals-web-')), 'model');
  await writeArtifactFiles(dir, { ...Object.fromEntries(files), 'gates.json': JSON.stringify(gates) });
  return dir;
}

beforeAll(async () => {
  base = await start({ model: await ForecastModel.load(fixture.gated) });
});
afterAll(() => Promise.all(opened.map((o) => o.close())));

describe('rentals-web on a real port', () => {
  it('forecasts rentals for a station and a day, more for a warm dry day than for a cold wet one', async () => {
    const mild = await get(`${base}${query({ temperature: '22', precipitation: '0' })}`);
    const wet = await get(`${base}${query({ temperature: '2', precipitation: '12' })}`);
    expect(mild).toMatchObject({ status: 200, body: { forecast: { date: '2025-01-06', station: 'central', temperature: 22, precipitation: 0 }, modelVersion: expect.any(String) } });
    expect(mild.body.forecast?.rentals).toBeGreaterThan(wet.body.forecast?.rentals ?? Infinity);
    expect(await get(`${base}/ready`)).toMatchObject({ status: 200, body: { status: 'ready' } });
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
    ['no model', () => Promise.resolve<AppState>({ notReadyReason: 'no model in /nowhere' }), /no model in \/nowhere/],
    ["the train stage's model", async () => ({ model: await ForecastModel.load(fixture.trained) }), /has no gates\.json/],
    ['a model that failed its gates', async () => ({ model: await ForecastModel.load(await withGates((g) => (g['passed'] = false))) }), /failed its gates/],
    ["another model's gates.json", async () => ({ model: await ForecastModel.load(await withGates((g) => (g['modelSha256'] = 'f'.repeat(64)))) }), /another model\.onnx/],
  ])('is alive but answers 503 on /ready with the reason for %s', async (_, state, reason) => {
    const at = await start(await state());
    expect(await get(`${at}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(`${at}/ready`)).toMatchObject({ status: 503, body: { status: 'not ready', reason: expect.stringMatching(reason) } });
  });

  it('answers 503 to a forecast without a model', async () => {
    const at = await start({ notReadyReason: 'no model in /nowhere' });
    expect(await get(`${at}${query({})}`)).toMatchObject({ status: 503, body: { error: { code: 'NOT_READY', message: 'no model in /nowhere' } } });
  });
});
