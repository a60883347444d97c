import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';

/** The workspace root, for running the real CLIs from tests. */
export const workspaceRoot = findWorkspaceRoot(import.meta.dirname);
export const committedParams = join(workspaceRoot, 'libs/sales/model/params.yaml');
export const committedGates = join(workspaceRoot, 'libs/sales/model/gates.yaml');
export const committedMonitoring = join(workspaceRoot, 'libs/sales/model/monitoring.yaml');

/**
 * Small processed data made by the real generate and ingest CLIs (25 items, 28 validation days,
 * two backtest folds) in a fresh temporary folder, for tests.
 */
export async function fixtureData(): Promise<{ work: string; processed: string }> {
  const work = await mkdtemp(join(tmpdir(), 'cd4ml-sales-model-'));
  const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');
  const run = promisify(execFile);
  await run(tsx, ['libs/sales/data/src/generate/cli.ts', '--out', join(work, 'raw'), '--items', '25', '--start', '2017-02-01', '--end', '2017-08-15'], { cwd: workspaceRoot });
  const ingest = ['--raw', join(work, 'raw'), '--out', join(work, 'processed'), '--validation-days', '28', '--folds', '2', '--fold-days', '28', '--fold-step', '28'];
  await run(tsx, ['libs/sales/data/src/ingest/cli.ts', ...ingest], { cwd: workspaceRoot });
  return { work, processed: join(work, 'processed') };
}

/**
 * A fresh work folder for one test file, holding a copy of the fixture data made once by the
 * global setup (tests may damage their copy).
 */
export async function fixtureCopy(fixtureWork: string): Promise<{ work: string; processed: string }> {
  const work = await mkdtemp(join(tmpdir(), 'cd4ml-sales-model-'));
  await cp(join(fixtureWork, 'processed'), join(work, 'processed'), { recursive: true });
  return { work, processed: join(work, 'processed') };
}

/**
 * A copy of a committed settings file with some YAML lines replaced (test-sized bars, say).
 *
 * @example await settingsWith(committedGates, join(work, 'gates.yaml'), [['minRows: 200', 'minRows: 40']])
 */
export async function settingsWith(committed: string, path: string, replacements: [string, string][]): Promise<string> {
  let text = await readFile(committed, 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`${committed} has no "${from}"`);
    text = text.replace(from, to);
  }
  await writeFile(path, text);
  return path;
}
