import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { z } from 'zod';

const run = promisify(execFile);
export const workspaceRoot = findWorkspaceRoot(import.meta.dirname);
const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');
const params = join(workspaceRoot, 'libs/sales/model/params.yaml');
const gates = join(workspaceRoot, 'libs/sales/model/gates.yaml');

/** Runs one stage's CLI exactly as its Nx target does, and returns what it printed. */
export async function stage(script: string, args: string[]): Promise<string> {
  const { stdout } = await run(tsx, [join(workspaceRoot, script), ...args], { cwd: workspaceRoot, env: { ...process.env, CI: '1' } });
  return stdout;
}

/** The directories a fixture run wrote, and what each stage printed (`fixture.json` holds it). */
export const fixtureSchema = z.object({
  root: z.string(),
  /** The raw snapshot (generate), with its manifest.json. */
  raw: z.string(),
  /** The processed tables (ingest), with their manifest.json. */
  processed: z.string(),
  /** The train stage's artifact: not gated. */
  trained: z.string(),
  /** The gate stage's output, what the app serves: the same files plus gates.json and model-card.html. */
  model: z.string(),
  /** What generate, ingest, train and gate printed, in that order. */
  log: z.array(z.string()),
});
export type Fixture = z.infer<typeof fixtureSchema>;

/**
 * The whole slice on a small seeded data set, through the real CLIs: generate -> ingest -> train
 * -> gate, into a fresh temporary folder (inside the test run's sandbox, removed after the run).
 * @param o.stores how many stores the generated data has @default 1
 */
export async function buildFixtureModel(o: { stores?: number } = {}): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'cd4ml-slice-'));
  const dir = (name: string) => join(root, name);
  const log = [
    await stage('libs/sales/data/src/generate/cli.ts', ['--out', dir('raw'), '--items', '40', '--stores', String(o.stores ?? 1), '--start', '2017-01-01', '--end', '2017-08-15']),
    await stage('libs/sales/data/src/ingest/cli.ts', ['--raw', dir('raw'), '--out', dir('processed'), '--validation-days', '28']),
    await stage('libs/sales/model/src/train/cli.ts', ['--data', dir('processed'), '--params', params, '--out', dir('trained')]),
    await stage('libs/sales/model/src/gate/cli.ts', ['--model', dir('trained'), '--data', dir('processed'), '--gates', gates, '--registry', dir('registry.json'), '--store', dir('store'), '--out', dir('gated')]),
  ];
  const fixture: Fixture = { root, raw: dir('raw'), processed: dir('processed'), trained: dir('trained'), model: dir('gated'), log };
  await writeFile(join(root, 'fixture.json'), JSON.stringify(fixture));
  return fixture;
}

// `npx tsx apps/sales-web/test/build-fixture-model.ts [stores]` builds a fixture outside any test
// run's sandbox and prints its folder, for SALES_WEB_FIXTURE.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log((await buildFixtureModel({ stores: Number(process.argv[2] ?? 1) })).root);
}
