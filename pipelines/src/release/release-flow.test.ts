import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp, fixtureModel, json, scratchDelivery, tamperedModel } from './release-helpers.ts';

/** What this test reads of a line of the proxy's shadow log: the request and both answers (a forecast's carry its model version). */
const answered = z.object({ body: z.unknown() });
const shadowLine = z.object({ requestId: z.string(), live: answered, shadow: answered });
const modelVersion = (body: unknown) => z.object({ modelVersion: z.string() }).parse(body).modelVersion;

// The release flow of the sales app, through the real deploy CLI, with real sales-web processes on
// free loopback ports: two releases (two models trained on different data), staging, production
// behind its blue/green proxy, while a client polls production.
let d: Awaited<ReturnType<typeof scratchDelivery>>;
const ids: Record<'a' | 'b' | 'broken', string> = { a: '', b: '', broken: '' };
let production = '';

interface ModelInfo {
  modelVersion: string;
  rawDataVersion: string;
  processedDataVersion: string;
}
interface Manifest {
  id: string;
  model: { version: string };
  data: { raw: string; processed: string };
  files: Record<string, string>;
}
const manifest = async (id: string) => JSON.parse(await readFile(join(d.dir, 'releases', id, 'release.json'), 'utf8')) as Manifest;

/** Polls production's model info (several requests in flight) while `step` runs; returns what failed. */
async function polled(step: () => Promise<unknown>): Promise<{ requests: number; failures: string[]; versions: string[] }> {
  const seen = { requests: 0, failures: [] as string[], versions: [] as string[] };
  let running = true;
  const client = async () => {
    while (running) {
      seen.requests++;
      try {
        const res = await fetch(`${production}/api/v1/model`, { signal: AbortSignal.timeout(10_000) });
        const body = (await res.json()) as ModelInfo;
        if (res.status !== 200) seen.failures.push(`${res.status}`);
        else if (!seen.versions.includes(body.modelVersion)) seen.versions.push(body.modelVersion);
      } catch (error) {
        seen.failures.push((error as Error).message);
      }
    }
  };
  const clients = [client(), client(), client()];
  try {
    await step();
  } finally {
    running = false;
    await Promise.all(clients);
  }
  return seen;
}

beforeAll(async () => {
  d = await scratchDelivery();
  production = `http://127.0.0.1:${(JSON.parse(await readFile(join(d.dir, 'environments/production/environment.json'), 'utf8')) as { port: number }).port}`;
  const [app, modelA, modelB] = await Promise.all([buildApp(join(d.dir, 'build')), fixtureModel(1), fixtureModel(2)]);
  for (const [key, model] of [['a', modelA], ['b', modelB], ['broken', await tamperedModel(modelA)]] as const) {
    const r = await d.cli(['package', '--app', app, '--model', model, '--out', join(d.dir, 'pointers', key)]);
    expect(r.code, r.out).toBe(0);
    ids[key] = /release ([0-9a-f]{16})/.exec(r.out)![1]!;
  }
}, 120_000);
afterAll(async () => {
  const r = await d.cli(['stop']);
  expect(r.code, r.out).toBe(0);
}, 60_000);

describe('the release flow of sales-web, on real processes', { timeout: 120_000 }, () => {
  it('packages immutable releases that carry the bundled app (no tsx), the gated model and their versions', async () => {
    const a = await manifest(ids.a);
    const b = await manifest(ids.b);
    expect(a.data.raw).not.toBe(b.data.raw);
    expect(a.model.version).not.toBe(b.model.version);
    expect(Object.keys(a.files)).toEqual(expect.arrayContaining(['app/main.js', 'app/prediction-log-worker.js', 'model/model.onnx', 'model/gates.json']));
    expect(Object.keys(a.files).filter((f) => /(^|\/)(tsx|esbuild|typescript)\/|^app\/.*\.ts$/.test(f))).toEqual([]);
  });

  it('deploys to staging, smoke-tests it, and promotes it to production behind the proxy', async () => {
    const registry = join(d.dir, 'registry.json');
    expect((await d.cli(['deploy', '--env', 'staging', '--release-from', join(d.dir, 'pointers', 'a')])).code).toBe(0);
    const smoke = await d.cli(['smoke', '--env', 'staging']);
    expect(smoke.out).toMatch(/smoke test of release \w+ passed .* 500 holdout rows|smoke test of release \w+ passed .* \d+ holdout rows/);
    const promoted = await d.cli(['promote', '--registry', registry]);
    expect(promoted.code, promoted.out).toBe(0);
    expect((await json<ModelInfo>(`${production}/api/v1/model`)).modelVersion).toBe((await manifest(ids.a)).model.version);
    expect(JSON.parse(await readFile(registry, 'utf8'))).toMatchObject({ aliases: { champion: { modelVersion: (await manifest(ids.a)).model.version } } });
  });

  it('switches production to another release blue/green: a client polling throughout sees no failed request', async () => {
    let out = '';
    const started = performance.now();
    const seen = await polled(async () => (out = (await d.cli(['deploy', '--env', 'production', '--release', ids.b])).out));
    const seconds = (performance.now() - started) / 1000;
    expect(out).toMatch(/switched .* to release/);
    expect(seen.failures).toEqual([]);
    expect(seen.versions).toEqual([(await manifest(ids.a)).model.version, (await manifest(ids.b)).model.version]);
    console.log(`blue/green deploy of sales-web: ${seconds.toFixed(1)} s, ${seen.requests} requests during it, ${seen.failures.length} failed`);
  });

  it('refuses a release whose smoke test fails (its model is refused at start-up) before any traffic reaches it', async () => {
    let r = { code: 0, out: '' };
    const seen = await polled(async () => (r = await d.cli(['deploy', '--env', 'production', '--release', ids.broken])));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/answered "not ready" for 5 s at .*\/ready: 503 [\s\S]*predict other values than training recorded/);
    expect(r.out).toMatch(/production still serves release/);
    expect(seen.failures).toEqual([]);
    expect(seen.versions).toEqual([(await manifest(ids.b)).model.version]);
  });

  it('rolls back by itself when the new release fails after the switch; production keeps serving every request', async () => {
    let r = { code: 0, out: '' };
    const seen = await polled(async () => (r = await d.cli(['deploy', '--env', 'production', '--release', ids.a], { CD4ML_FAULT: 'crash-after-switch' })));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/rolled back automatically: production serves release \w+ again/);
    expect(seen.failures).toEqual([]);
    expect((await json<ModelInfo>(`${production}/api/v1/model`)).modelVersion).toBe((await manifest(ids.b)).model.version);
  });

  it('rolls back to an earlier release on request: its model and data versions come back at GET /api/v1/model', async () => {
    const r = await d.cli(['rollback', '--to', ids.a.slice(0, 8)]);
    expect(r.code, r.out).toBe(0);
    const a = await manifest(ids.a);
    expect(await json<ModelInfo>(`${production}/api/v1/model`)).toMatchObject({ modelVersion: a.model.version, rawDataVersion: a.data.raw, processedDataVersion: a.data.processed });
    expect((await d.cli(['releases'])).out).toMatch(new RegExp(`${ids.a} .* <- (staging, )?production`));
  });

  it("sends a copy of production's traffic to a shadow release: its answers are logged with the request id, never returned", async () => {
    expect((await d.cli(['shadow', 'start', '--release', ids.b])).code).toBe(0);
    const a = await manifest(ids.a);
    const b = await manifest(ids.b);
    const holdout = JSON.parse(await readFile(join(d.dir, 'releases', ids.a, 'model/holdout.json'), 'utf8')) as { input: unknown }[];
    for (let i = 0; i < 5; i++) {
      const answer = await json<{ modelVersion: string }>(`${production}/api/v1/forecast/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': `shadowed-${i}` }, body: JSON.stringify({ rows: holdout.slice(i * 10, i * 10 + 10).map((h) => h.input) }) });
      expect(answer.modelVersion).toBe(a.model.version);
    }
    // The proxy writes a line once both answers are in: the shadow's may come after the caller's.
    const shadowed = async () =>
      (await readFile(join(d.dir, 'environments/production/shadow.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => shadowLine.parse(JSON.parse(l)))
        .filter((l) => l.requestId.startsWith('shadowed-'));
    for (let i = 0; i < 40 && (await shadowed()).length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    const mine = (await shadowed()).sort((x, y) => x.requestId.localeCompare(y.requestId));
    expect(mine.map((l) => [l.requestId, modelVersion(l.live.body), modelVersion(l.shadow.body)])).toEqual([0, 1, 2, 3, 4].map((i) => [`shadowed-${i}`, a.model.version, b.model.version]));
    const report = await d.cli(['shadow', 'report', '--out', join(d.dir, 'shadow.html')]);
    expect(report.out).toMatch(/requests shadowed \(challenger \w+ against \w+\): same status \d+, shadow errors 0, \d+ numbers compared/);
    expect((await d.cli(['shadow', 'stop'])).code).toBe(0);
  });
});
