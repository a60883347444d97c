import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readHistory, readState } from '../env/environment-state.ts';
import { isAlive } from '../env/instances.ts';
import { RELEASE_HEADER, shadowRecordSchema } from '../proxy/route.ts';
import type { Release } from '../release/release-manifest.ts';
import { poll } from '../test-support/poller.ts';
import { toyDeploySetup } from '../test-support/toy-deploy.ts';
import { deployRelease } from './deploy-release.ts';
import { promoteRelease } from './promote.ts';
import { rollbackRelease } from './rollback.ts';
import { compareShadow } from './shadow-report.ts';
import { startShadow, stopShadow } from './shadow.ts';
import { stopEnvironment } from './stop.ts';

let t: Awaited<ReturnType<typeof toyDeploySetup>>;
let a: Release;
let b: Release;
beforeAll(async () => {
  t = await toyDeploySetup();
  a = await t.release('model-a');
  b = await t.release('model-b');
});
afterAll(async () => {
  await t.stopAll();
});
const prod = () => `http://127.0.0.1:${t.port('production')}`;
const info = async (url: string) => (await (await fetch(`${url}/info`)).json()) as { version: string; data: { raw: string } };
const production = () => join(t.ws.environmentsDir, 'production');
/** Runs `step` while a client polls production, and returns what the client saw; the client stops even when the step throws. */
async function polled(step: () => Promise<unknown>): Promise<Awaited<ReturnType<ReturnType<typeof poll>['stop']>>> {
  const client = poll(`${prod()}/info`, { header: RELEASE_HEADER });
  try {
    await step();
  } finally {
    await client.stop().then((seen) => (last = seen));
  }
  return last!;
}
let last: Awaited<ReturnType<ReturnType<typeof poll>['stop']>> | undefined;

describe('deploying toy releases to real processes on loopback ports', { timeout: 60_000 }, () => {
  it('staging: replaces the process on its port, smoke-tests it, tells it its release id (CD4ML_RELEASE), and leaves a healthy release alone', async () => {
    const first = await deployRelease(t.ctx, 'staging', a.manifest.id);
    expect(first).toMatchObject({ changed: true, smoke: { rows: 7, maxAbsDiff: 0 } });
    expect((await info(`http://127.0.0.1:${t.port('staging')}`)).version).toBe('model-a');
    expect(await (await fetch(`http://127.0.0.1:${t.port('staging')}/release`)).json()).toEqual({ release: a.manifest.id });
    expect((await deployRelease(t.ctx, 'staging', a.manifest.id)).changed).toBe(false);
    expect(t.said.at(-1)).toMatch(/already serves release/);
  });

  it('promotes staging to production (approved by the policy) and moves the champion alias of the registry', async () => {
    const registry = join(t.ws.root, 'registry.json');
    const outcome = await promoteRelease(t.ctx, { registryFile: registry });
    expect(outcome.release.manifest.id).toBe(a.manifest.id);
    expect(t.said.join('\n')).toMatch(/approved by environments\/production\/promotion.json: tests/);
    expect(JSON.parse(await readFile(registry, 'utf8'))).toMatchObject({ aliases: { champion: { modelVersion: 'model-a', key: a.manifest.model.sha256 } } });
  });

  it('production: a blue/green deploy switches with no failed request for a client polling throughout', async () => {
    const seen = await polled(() => deployRelease(t.ctx, 'production', b.manifest.id));
    expect(seen.failures).toEqual([]);
    expect(seen.answeredBy).toEqual([a.manifest.id, b.manifest.id]);
    const state = await readState(production());
    expect(state?.live?.release).toBe(b.manifest.id);
  });

  it('refuses a release that fails its smoke test before any traffic reaches it: production keeps serving', async () => {
    const wrong = await t.release('model-c', 'wrong');
    const seen = await polled(() => expect(deployRelease(t.ctx, 'production', wrong.manifest.id)).rejects.toMatchObject({
      code: 'SMOKE_FAILED',
      message: expect.stringMatching(/failed at \/predict: holdout row 0 answered 2\.5, expected 2 \(difference 0\.500, bar 0\.000200: the parity gate's 0\.0001 relative[\s\S]*still serves release/),
    }));
    expect(seen.failures).toEqual([]);
    expect(seen.answeredBy).toEqual([b.manifest.id]);
    expect((await readHistory(production())).at(-1)).toMatchObject({ action: 'refused', release: wrong.manifest.id });
  });

  it('rolls back by itself when the new release dies after the switch; the polling client sees no failed request', async () => {
    const c = await t.release('model-c');
    process.env['CD4ML_FAULT'] = 'crash-after-switch';
    let seen;
    try {
      seen = await polled(() => expect(deployRelease(t.ctx, 'production', c.manifest.id)).rejects.toMatchObject({ message: expect.stringMatching(/post-deploy check: release \w+ (exited after the switch|did not answer)[\s\S]*rolled back automatically: production serves release \w+ again/) }));
    } finally {
      delete process.env['CD4ML_FAULT'];
    }
    expect(seen.failures).toEqual([]);
    expect((await info(prod())).version).toBe('model-b');
    expect((await readHistory(production())).at(-1)).toMatchObject({ action: 'auto-rollback', release: c.manifest.id });
  });

  it('rolls back to an earlier release on request: its model and data versions come back together', async () => {
    const registry = join(t.ws.root, 'registry.json');
    await rollbackRelease(t.ctx, 'production', { to: a.manifest.id.slice(0, 6), registryFile: registry });
    const now = await info(prod());
    expect(now).toEqual({ version: 'model-a', data: { raw: a.manifest.data.raw, processed: a.manifest.data.processed } });
    expect(JSON.parse(await readFile(registry, 'utf8'))).toMatchObject({ aliases: { champion: { modelVersion: 'model-a' } } });
    // Without --to: the release that served before this one.
    await rollbackRelease(t.ctx, 'production', {});
    expect((await info(prod())).version).toBe('model-b');
  });

  it("shadows a challenger: a copy of each request, logged beside the champion's answer, never returned", async () => {
    const challenger = await t.release('model-d');
    await startShadow(t.ctx, challenger.manifest.id);
    const body = JSON.stringify({ rows: [{ x: 1 }, { x: 2 }] });
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${prod()}/predict`, { method: 'POST', headers: { 'x-request-id': `shadow-${i}` }, body });
      expect(await res.json()).toMatchObject({ version: 'model-b' });
    }
    await stopShadow(t.ctx);
    const log = (await readFile(join(production(), 'shadow.jsonl'), 'utf8')).trim().split('\n').map((l) => shadowRecordSchema.parse(JSON.parse(l)));
    const version = (body: unknown) => z.object({ version: z.string() }).parse(body).version;
    expect(log.filter((l) => l.requestId.startsWith('shadow-')).map((l) => [l.requestId, version(l.live.body), version(l.shadow.body)])).toContainEqual(['shadow-3', 'model-b', 'model-d']);
    const report = await compareShadow(join(production(), 'shadow.jsonl'));
    // The five forecasts, and the deploy CLI's own look at /health through the proxy.
    expect(report).toMatchObject({ releases: { live: [b.manifest.id], shadow: [challenger.manifest.id] }, shadowErrors: 0, numbersCompared: 10, maxAbsDiff: 0 });
    expect(report.sameStatus).toBe(report.requests);
    expect(report.requests).toBeGreaterThanOrEqual(5);
  });

  it('stops every process of an environment and clears its state', async () => {
    const state = await readState(production());
    await stopEnvironment(t.ctx, 'production');
    expect(await readState(production())).toBeUndefined();
    for (const pid of [state?.live?.pid, state?.proxy?.pid]) expect(isAlive(pid!)).toBe(false);
  });
});
