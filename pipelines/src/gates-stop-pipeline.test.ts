import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './release/release-helpers.ts';
import { copyWorkspace, edit, source } from './workspace-copy.ts';

// `npm run pipeline` on a copy of the workspace, broken one way at a time: each failing gate
// stops the pipeline before package, and the runner names the stage and the reason.
let ws: string;
let ports: Record<string, string>;

async function pipeline(): Promise<{ code: number; out: string; err: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_')));
  const tsx = join(source, 'node_modules/.bin/tsx');
  return promisify(execFile)(tsx, [join(ws, 'libs/cd4ml/pipeline/src/runner/cli.ts'), 'run'], {
    cwd: ws,
    env: { ...env, ...ports, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_CACHE_DIRECTORY: join(ws, '.nx-cache') },
    maxBuffer: 1 << 26,
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
}

/** Runs the pipeline with one edit in place, then restores the file. */
async function broken(file: string, from: string, to: string): Promise<{ code: number; out: string; err: string }> {
  const restore = await edit(ws, file, from, to);
  try {
    return await pipeline();
  } finally {
    await restore();
  }
}

const expectStoppedBeforePackage = async (r: { code: number; out: string; err: string }, stage: string) => {
  expect(r.code, r.out.slice(-3000)).toBe(1);
  expect(r.err).toMatch(new RegExp(`error: pipeline stopped at ${stage}; not run: [^.]*sales-web:package`));
  expect(r.out).toMatch(/sales-web:package +(not run|skipped)/);
  expect(existsSync(join(ws, 'releases')) && (await readdir(join(ws, 'releases'))).some((n) => /^[0-9a-f]{16}$/.test(n))).toBe(false);
};

beforeAll(async () => {
  ws = await copyWorkspace();
  // Should a case not fail, its deploy must not reach the real ports.
  ports = { CD4ML_STAGING_PORT: String(await freePort()), CD4ML_PRODUCTION_PORT: String(await freePort()) };
}, 60_000);
afterAll(async () => {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ws, 'libs/cd4ml/deploy/src/cli.ts'), 'stop'], { cwd: ws });
});

describe('a failing gate stops the pipeline before package, with the reason', { timeout: 240_000 }, () => {
  it('threshold: the model error over its absolute bar, with the figure and the bar', async () => {
    const r = await broken('libs/sales/model/gates.yaml', 'maxError: 0.65', 'maxError: 0.1');
    await expectStoppedBeforePackage(r, 'sales-model:gate');
    expect(r.err).toMatch(/Reason:\n {2}error: 1 gate failed:\n {4}threshold: 0\.3\d+ \(bar <= 0\.1\): NWRMSLE/);
  });

  it('fairness: a slice too far from the overall error, naming the slice', async () => {
    const r = await broken('libs/sales/model/gates.yaml', 'maxErrorRatio: 1.6', 'maxErrorRatio: 1.01');
    await expectStoppedBeforePackage(r, 'sales-model:gate');
    expect(r.err).toMatch(/ {4}slice-error: 1\.\d+ \(bar <= 1\.01\): worst slice \w+=/);
  });

  it('data: a stale snapshot fails the data tests, naming the check', async () => {
    const r = await broken('libs/sales/data/cd4ml.json', '--baseline {baseline} --out {out}', '--baseline {baseline} --out {out} --as-of 2017-12-31');
    await expectStoppedBeforePackage(r, 'sales-data:validate');
    expect(r.err).toMatch(/Reason:\n {2}error: data validation failed: freshness/);
  });

  it('contract: a provider that renames a response field fails the consumers’ pacts, naming the field', async () => {
    const r = await broken('apps/sales-web/src/forecast-routes.ts', 'res.json({ forecasts, count: forecasts.length,', 'res.json({ predictions: forecasts, count: forecasts.length,');
    await expectStoppedBeforePackage(r, 'sales-web:contract');
    expect(r.err).toMatch(/pact failures|missing the following keys: forecasts/);
  });
});
