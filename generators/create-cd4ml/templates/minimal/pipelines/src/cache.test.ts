import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot, readJsonFile } from '@cd4ml/fs';
import { runSummarySchema } from '@cd4ml/pipeline';
import { beforeAll, describe, expect, it } from 'vitest';

const source = findWorkspaceRoot(import.meta.dirname);
const SKIP = /(^|\/)(node_modules|\.nx|\.git)(\/|$)|^(dist|data|registry\/store|registry\/runs)(\/|$)|^pacts\/.*\.json$/;
const stages = ['rentals-data:generate', 'rentals-data:validate', 'rentals-model:train', 'rentals-model:gate', 'rentals-web:contract'];
let ws: string;

/**
 * Runs the pipeline's stages up to the contract in the copy (the release stages after it deploy to
 * environments, which a cache test has no business doing) and returns the tasks that ran (not
 * replayed from the cache), from Nx's own task results.
 */
async function ran(): Promise<string[]> {
  const summary = join(ws, 'run-summary.json');
  // The outer Nx's NX_* variables must not leak into the inner one, nor this run's sandbox into the
  // inner test runs: their teardown would remove it, and the copy with it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NX_') && k !== 'CD4ML_TEST_TMPDIR'));
  await promisify(execFile)(join(ws, 'node_modules/.bin/nx'), ['run', 'rentals-web:contract'], { cwd: ws, env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', CD4ML_RUN_SUMMARY: summary }, maxBuffer: 1 << 26 });
  const { tasks } = await readJsonFile(summary, runSummarySchema);
  return tasks.filter((t) => !t.cached).map((t) => t.id).sort();
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(join(ws, file), 'utf8');
  expect(text).toContain(from);
  await writeFile(join(ws, file), text.replace(from, to));
}

/** Nx reruns exactly what a change touches: data files are gitignored, so each stage's manifest carries their identity. */
describe('Nx caching of the pipeline, in a copy of this workspace', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    ws = await mkdtemp(join(tmpdir(), 'rentals-cache-'));
    await cp(source, ws, { recursive: true, filter: (path) => !SKIP.test(relative(source, path)) });
    await symlink(join(source, 'node_modules'), join(ws, 'node_modules'));
  }, 60_000);

  it('runs every stage once, then replays all of them from the cache', async () => {
    expect(await ran()).toEqual([...stages, 'rentals-client:test'].sort());
    expect(await ran()).toEqual([]);
  });

  it('reruns nothing when only a test changes, train, gate and contract when params change, and gate and contract when a gate bar does', async () => {
    await edit('libs/rentals/model/src/features.test.ts', 'the feature module', 'the one feature module');
    expect(await ran()).toEqual([]);
    await edit('libs/rentals/model/params.yaml', 'learningRate: 0.05', 'learningRate: 0.06');
    expect(await ran()).toEqual(['rentals-model:gate', 'rentals-model:train', 'rentals-web:contract']);
    await edit('libs/rentals/model/gates.yaml', 'maxError: 0.3', 'maxError: 0.35');
    expect(await ran()).toEqual(['rentals-model:gate', 'rentals-web:contract']);
  });

  it('reruns the consumer test and the contract, only, when the pact changes', async () => {
    await edit('libs/rentals/client/src/rentals-client.pact.test.ts', 'number(87.5)', 'number(90.5)');
    await edit('libs/rentals/client/src/rentals-client.pact.test.ts', 'rentals: 87.5 }', 'rentals: 90.5 }');
    expect(await ran()).toEqual(['rentals-client:test', 'rentals-web:contract']);
  });

  it('reruns every stage when the data changes', async () => {
    await edit('libs/rentals/data/cd4ml.json', '/src/generate/cli.ts --out {out}', '/src/generate/cli.ts --out {out} --seed 7');
    expect(await ran()).toEqual([...stages].sort());
  });
});
