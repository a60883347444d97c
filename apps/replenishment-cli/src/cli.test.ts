import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
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
    expect(stdout).toContain('--lead-time');
  });

  it.each([
    [['--date', '2017-08-15'], /--stock is required/],
    [['--stock', 's.csv', '--date', 'tomorrow'], /--date must be a date as YYYY-MM-DD/],
    [['--stock', 's.csv', '--date', '2017-02-30'], /--date must be a date as YYYY-MM-DD, not "2017-02-30"/],
    [['--stock', 's.csv', '--date', '2017-13-01'], /--date must be a date as YYYY-MM-DD/],
    [['--stock', 's.csv', '--date', '2017-08-15', '--lead-time', '0'], /--lead-time must be a whole number of at least 1/],
    [['--stocks', 's.csv'], /Unknown option '--stocks'/],
  ])('refuses %j with a clear message and exit code 1', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('--help');
  });

  it('lists every bad line of a stock file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'replenish-')), 'stock.csv');
    await writeFile(file, 'item_nbr,on_hand,case_pack\n99197,x,6\n0,1,6\n105574,2,0\n');
    const { code, stderr } = await cli('--stock', file, '--date', '2017-08-15');
    expect(code).toBe(1);
    expect(stderr).toContain('line 2: on_hand "x" is not a non-negative number');
    expect(stderr).toContain('line 3: item_nbr "0" is not a positive integer');
    expect(stderr).toContain('line 4: case_pack "0" is not a positive integer');
  });

  it('says how to start the API when it cannot reach it', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'replenish-')), 'stock.csv');
    await writeFile(file, 'item_nbr,on_hand,case_pack\n99197,1,6\n');
    const { code, stderr } = await cli('--stock', file, '--date', '2017-08-15', '--api', 'http://127.0.0.1:9');
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot reach the forecast API/);
  });
});
