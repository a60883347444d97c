import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import { HOLDOUT_FILE } from '@cd4ml/model-artifact';
import { SMOKE_REQUEST_PREFIX } from '@cd4ml/serving';
import { z } from 'zod';
import { DeployError } from '../deploy-error.ts';
import type { Release } from '../release/release-manifest.ts';

/** Largest relative difference of a replayed answer when the release's gates name no parity bar (float32 noise). */
const DEFAULT_PARITY = 1e-4;

/** What a smoke test found. */
export interface SmokeResult {
  url: string;
  rows: number;
  /** Largest |served - expected| over the holdout sample, in the model's units. */
  maxAbsDiff: number;
  tolerance: { relative: number; rounding: number };
  seconds: number;
}

const holdoutSchema = z.array(z.object({ input: z.unknown(), expected: z.number() })).min(1);

async function get(url: string, timeoutMs: number): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

const fail = (url: string, check: string, what: string) => new DeployError('SMOKE_FAILED', `smoke test of ${url} failed at ${check}: ${what}`);

/**
 * The smoke test of a release at `url`: liveness, readiness, the model version it serves (it must
 * be the release's), then the model's holdout sample replayed through HTTP. Every answer must match
 * what training predicted within the parity gate's bar (relative, in the release's gate report),
 * plus half the API's rounding step. Throws a DeployError `SMOKE_FAILED` naming the check, the
 * figure and the bar.
 */
export async function smokeTest(url: string, release: Release, o: { timeoutMs?: number } = {}): Promise<SmokeResult> {
  const started = performance.now();
  const timeoutMs = o.timeoutMs ?? 10_000;
  const { smoke } = release.manifest.app;
  const expectedVersion = release.manifest.model.version;
  const call = (path: string) =>
    get(`${url}${path}`, timeoutMs).catch((error: Error) => {
      throw fail(url, path, `no answer (${error.message})`);
    });

  const health = await call(smoke.health);
  if (health.status !== 200) throw fail(url, smoke.health, `status ${health.status}, expected 200: ${health.text.slice(0, 300)}`);
  const ready = await call(smoke.ready);
  if (ready.status !== 200) throw fail(url, smoke.ready, `status ${ready.status}, expected 200: ${ready.text.slice(0, 300)}`);
  const info = await call(smoke.model.path);
  const served = (info.body as Record<string, unknown> | undefined)?.[smoke.model.versionField];
  if (info.status !== 200 || served !== expectedVersion) throw fail(url, smoke.model.path, `serves model ${String(served)}, but release ${release.manifest.id} holds model ${expectedVersion}`);

  const holdout = await readJsonFile(join(release.dir, release.manifest.model.dir, HOLDOUT_FILE), holdoutSchema, { what: 'holdout sample' });
  const parity = release.manifest.gates.results.find((r) => r.gate === 'parity')?.bar ?? DEFAULT_PARITY;
  const tolerance = { relative: parity, rounding: smoke.replay.rounding };
  const { replay } = smoke;
  let maxAbsDiff = 0;
  for (let from = 0; from < holdout.length; from += replay.maxRows) {
    const rows = holdout.slice(from, from + replay.maxRows);
    const res = await fetch(`${url}${replay.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `${SMOKE_REQUEST_PREFIX}${release.manifest.id}-${from}` },
      body: JSON.stringify({ [replay.requestField]: rows.map((r) => r.input) }),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: Error) => {
      throw fail(url, replay.path, `no answer (${error.message})`);
    });
    const text = await res.text();
    if (res.status !== 200) throw fail(url, replay.path, `status ${res.status} for holdout rows ${from}-${from + rows.length - 1}: ${text.slice(0, 300)}`);
    const body = z.record(z.string(), z.unknown()).parse(JSON.parse(text));
    if (body[replay.versionField] !== expectedVersion) throw fail(url, replay.path, `answered with model ${String(body[replay.versionField])}, expected ${expectedVersion}`);
    const answers = z.array(z.record(z.string(), z.unknown())).parse(body[replay.answersField]);
    if (answers.length !== rows.length) throw fail(url, replay.path, `${answers.length} answers for ${rows.length} rows`);
    rows.forEach((row, i) => {
      const got = answers[i]![replay.valueField];
      const diff = typeof got === 'number' ? Math.abs(got - row.expected) : Number.POSITIVE_INFINITY;
      const bar = tolerance.rounding / 2 + tolerance.relative * Math.max(1, Math.abs(row.expected));
      if (!(diff <= bar)) throw fail(url, replay.path, `holdout row ${from + i} answered ${String(got)}, expected ${row.expected} (difference ${diff.toPrecision(3)}, bar ${bar.toPrecision(3)}: the parity gate's ${tolerance.relative} relative, plus half the rounding step ${tolerance.rounding})`);
      if (diff > maxAbsDiff) maxAbsDiff = diff;
    });
  }
  return { url, rows: holdout.length, maxAbsDiff, tolerance, seconds: (performance.now() - started) / 1000 };
}
