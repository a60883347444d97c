import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backtestFoldsSchema } from '@cd4ml/sales-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../_run-cli.ts';
import { tempDirs } from '../_temp-dirs.ts';
import { generateSnapshot } from '../generate/generate-snapshot.ts';

const tempDir = tempDirs('cd4ml-ingest-cli-');
let raw: string;

beforeAll(async () => {
  raw = join(await tempDir(), 'raw');
  await generateSnapshot(raw, { items: 12, start: '2017-01-01', end: '2017-07-31' });
});

describe('ingest CLI', () => {
  it('reports lines and rows, and writes the default backtest folds for the model to read', async () => {
    const out = join(await tempDir(), 'processed');
    const r = await runCli('ingest/cli.ts', ['--raw', raw, '--out', out, '--fold-days', '28']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.stdout).toMatch(/: (\d+) lines, \1 rows in = \d+ train \+ \d+ valid \+ 0 quarantined \+ 0 outside the filter \+ \d+ returns excluded/);
    expect(r.stdout).toContain(`3 backtest fold(s) in ${join(out, 'folds.json')}`);
    const folds = backtestFoldsSchema.parse(JSON.parse(await readFile(join(out, 'folds.json'), 'utf8')));
    expect(folds.map((f) => f.validEnd)).toEqual(['2017-06-05', '2017-07-03', '2017-07-31']);
  }, 60_000);

  it.each([
    [['--folds', '-1'], "option '--folds <n>' argument '-1' is invalid. expected a whole number of at least 0."],
    [['--stores', '44;45'], "option '--stores <list>' argument '44;45' is invalid. expected comma-separated whole numbers, e.g. 44,45."],
    [['--from', '2017-02-30'], "option '--from <date>' argument '2017-02-30' is invalid. expected a calendar date as YYYY-MM-DD."],
  ])('rejects %j in the option parser', async (args, message) => {
    const r = await runCli('ingest/cli.ts', ['--raw', raw, '--out', join(await tempDir(), 'x'), ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  }, 30_000);

  it('needs --raw and --out, and its help shows an example', async () => {
    expect((await runCli('ingest/cli.ts', ['--out', 'x'])).stderr).toContain("required option '--raw <dir>' not specified");
    expect((await runCli('ingest/cli.ts', ['--help'])).stdout).toMatch(/Examples:\n {2}npx nx run sales-data:ingest/);
  }, 30_000);
});
