import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';
import { describe, expect, it } from 'vitest';

const root = findWorkspaceRoot(import.meta.dirname);
const cli = (...args: string[]) =>
  promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [join(import.meta.dirname, 'cli.ts'), ...args], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

/** The CLI as a user runs it: a real process, its exit code and what it prints. */
describe('replenish CLI', () => {
  it('explains itself with --help', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/demand over the lead time \+ safety stock - stock on hand, rounded up to whole case packs/);
    expect(stdout).toContain('--lead-time <days>');
    expect(stdout.replace(/\s+/g, ' ')).toContain('(default: "http://localhost:3000", env: SALES_API_URL)');
  });

  it.each([
    [['--date', '2017-08-15'], /required option '--stock <file>' not specified/],
    [['--stock', 's.csv', '--date', 'tomorrow'], /option '--date <YYYY-MM-DD>' argument 'tomorrow' is invalid\. expected a calendar date as YYYY-MM-DD/],
    [['--stock', 's.csv', '--date', '2017-02-30'], /argument '2017-02-30' is invalid\. expected a calendar date as YYYY-MM-DD/],
    [['--stock', 's.csv', '--date', '2017-13-01'], /argument '2017-13-01' is invalid/],
    [['--stock', 's.csv', '--date', '2017-08-15', '--lead-time', '0'], /option '--lead-time <days>' argument '0' is invalid\. expected a whole number of at least 1/],
    [['--stock', 's.csv', '--date', '2017-08-15', '--store', 'x'], /option '--store <store_nbr>' argument 'x' is invalid/],
    [['--stock', 's.csv', '--date', '2017-08-15', '--stocks', 's.csv'], /unknown option '--stocks'/],
  ])('refuses %j with a clear message and exit code 1', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('(run with --help for usage)');
  });

  it('lists every bad line of a stock file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'replenish-')), 'stock.csv');
    await writeFile(file, 'item_nbr,on_hand,case_pack\n99197,x,6\n0,1,6\n105574,2,0\n');
    const { code, stderr } = await cli('--stock', file, '--date', '2017-08-15');
    expect(code).toBe(1);
    expect(stderr).toContain('line 2: on_hand "x" is not a non-negative number');
    expect(stderr).toContain('line 3: item_nbr "0" is not a positive integer');
    expect(stderr).toContain('line 4: case_pack "0" is not a positive integer');
    expect(stderr).not.toMatch(/CD4ML_DEBUG|\n\s+at /); // a plain message, no stack trace
  });

  it('refuses a stock file that names an item twice, naming both lines, before asking the API', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'replenish-')), 'stock.csv');
    await writeFile(file, 'item_nbr,on_hand,case_pack\n99197,3,6\n105574,1,1\n99197,4,6\n');
    const { code, stdout, stderr } = await cli('--stock', file, '--date', '2017-08-15', '--api', 'http://127.0.0.1:9');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file} line 4: item_nbr 99197 is already on line 2: give each item one line (add up its stock on hand)`);
  });

  it('says how to start the API when it cannot reach it', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'replenish-')), 'stock.csv');
    await writeFile(file, 'item_nbr,on_hand,case_pack\n99197,1,6\n');
    const { code, stderr } = await cli('--stock', file, '--date', '2017-08-15', '--api', 'http://127.0.0.1:9');
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot reach the forecast API at http:\/\/127\.0\.0\.1:9: start it with `npx nx serve sales-web` or pass --api/);
  });
});
