import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRentals, RAW_FILE } from '../generate/generate-rentals.ts';
import { DataValidationError } from '../read-rental-table.ts';
import { readProcessedRentals } from './processed-rentals.ts';
import { validateRentals } from './validate-rentals.ts';

let work: string;
let raw: string;

/** A copy of the raw snapshot with line 10 of rentals.csv edited by `corrupt` (given its fields and line 9's). */
async function corrupted(corrupt: (fields: string[], previous: string[]) => string[]): Promise<string> {
  const dir = await mkdtemp(join(work, 'corrupt-'));
  await cp(raw, dir, { recursive: true });
  const lines = (await readFile(join(dir, RAW_FILE), 'utf8')).split('\n');
  lines[9] = corrupt(lines[9]!.split(','), lines[8]!.split(',')).join(',');
  await writeFile(join(dir, RAW_FILE), lines.join('\n'));
  return dir;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rentals-validate-'));
  raw = join(work, 'raw');
  await generateRentals({ outDir: raw, seed: 1, start: '2024-01-01', days: 120 });
});

describe('the validate stage', () => {
  it('splits by time into train.csv and valid.csv, recording the raw data version in the manifest', async () => {
    const out = join(work, 'processed');
    const report = await validateRentals({ rawDir: raw, outDir: out, validDays: 28 });
    const data = await readProcessedRentals(out);
    expect(report).toMatchObject({ passed: true, rows: 600, split: { validFrom: '2024-04-02', last: '2024-04-29', trainRows: 460, validRows: 140 } });
    expect(data.train.every((r) => r.date < '2024-04-02') && data.valid.every((r) => r.date >= '2024-04-02')).toBe(true);
    expect(data.rawDataVersion).toBe(JSON.parse(await readFile(join(raw, 'manifest.json'), 'utf8')).dataVersion);
    expect(data.processedDataVersion).toBe(report['processedDataVersion']);
  });

  it('keeps a window of the data when asked (a sliding window), and says so when the window is empty', async () => {
    const out = join(work, 'window');
    const report = await validateRentals({ rawDir: raw, outDir: out, validDays: 14, from: '2024-03-01', to: '2024-03-31' });
    expect(report).toMatchObject({ rows: 155, window: { from: '2024-03-01', to: '2024-03-31', rawRows: 600 }, split: { validFrom: '2024-03-18', last: '2024-03-31', trainRows: 85, validRows: 70 } });
    await expect(validateRentals({ rawDir: raw, outDir: out, validDays: 14, from: '2025-01-01' })).rejects.toThrow(/no row of .*rentals\.csv is between 2025-01-01 and the end \(it holds 2024-01-01\.\.2024-04-29\)/);
  });

  it.each([
    ['a negative count', (f: string[]) => [...f.slice(0, 4), '-3'], 'rentals', 'ranges'],
    ['a word for a number', (f: string[]) => [f[0]!, f[1]!, 'warm', ...f.slice(3)], 'temperature', 'types'],
    ['an impossible date', (f: string[]) => ['2024-02-30', ...f.slice(1)], 'date', 'types'],
    ['a blank', (f: string[]) => [...f.slice(0, 3), '', ...f.slice(4)], 'precipitation', 'nulls'],
    ['a lost field', (f: string[]) => f.slice(0, 4), '\\(row\\)', 'schema'],
    ['a repeated row', (_: string[], previous: string[]) => previous, 'date\\+station', 'keys'],
  ])('fails on %s, naming the file, the line, the column and the rule', async (_, corrupt, column, rule) => {
    const dir = await corrupted(corrupt);
    const error = await validateRentals({ rawDir: dir, outDir: join(dir, 'out'), validDays: 28 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as Error).message).toMatch(new RegExp(`${join(dir, RAW_FILE)}:10 column ${column}: ${rule}: `));
  });

  it('the CLI exits 1 with that message and no stack trace', async () => {
    const dir = await corrupted((f) => [...f.slice(0, 4), '-3']);
    const root = findWorkspaceRoot(import.meta.dirname);
    const args = [join(root, 'libs/rentals/data/src/validate/cli.ts'), '--raw', dir, '--out', join(dir, 'out')];
    const failure = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), args).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/rentals\.csv:10 column rentals: ranges: /);
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });
});
