import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const workspaceRoot = resolve(import.meta.dirname, '../../..');
const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');

/** Runs one stage's CLI exactly as its Nx target does, and returns what it printed. */
export async function stage(script: string, args: string[]): Promise<string> {
  const { stdout } = await run(tsx, [join(workspaceRoot, script), ...args], { cwd: workspaceRoot, env: { ...process.env, CI: '1' } });
  return stdout;
}

/** The directories a fixture run wrote, and what each stage printed. */
export interface Fixture {
  root: string;
  raw: string;
  processed: string;
  model: string;
  log: string[];
}

/**
 * The whole slice on a small seeded data set, through the real CLIs: generate -> ingest -> train.
 * Returns the directories it wrote.
 */
export async function buildFixtureModel(): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'cd4ml-slice-'));
  const raw = join(root, 'raw');
  const processed = join(root, 'processed');
  const model = join(root, 'model');
  const log = [
    await stage('libs/sales/data/src/generate/cli.ts', ['--out', raw, '--items', '40', '--start', '2017-01-01', '--end', '2017-08-15']),
    await stage('libs/sales/data/src/ingest/cli.ts', ['--raw', raw, '--out', processed, '--validation-days', '28']),
    await stage('libs/sales/model/src/train/cli.ts', ['--data', processed, '--out', model]),
  ];
  const fixture = { root, raw, processed, model, log };
  await writeFile(join(root, 'fixture.json'), JSON.stringify(fixture));
  return fixture;
}
