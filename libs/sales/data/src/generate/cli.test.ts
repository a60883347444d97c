import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../_run-cli.ts';
import { tempDirs } from '../_temp-dirs.ts';

const tempDir = tempDirs('cd4ml-generate-cli-');

describe('generate CLI', () => {
  it.each([
    ['--start', '<date>', '2017-02-30', 'expected a calendar date as YYYY-MM-DD.'],
    ['--end', '<date>', '1/2/2017', 'expected a calendar date as YYYY-MM-DD.'],
    ['--stores', '<n>', '11', 'expected a whole number from 1 to 10.'],
    ['--items', '<n>', '2', 'expected a whole number of at least 3.'],
  ])('rejects %s %s %s in the option parser, naming the option', async (option, arg, value, why) => {
    const r = await runCli('generate/cli.ts', ['--out', join(await tempDir(), 'raw'), option, value]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`option '${option} ${arg}' argument '${value}' is invalid. ${why}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('needs --out, and its help shows an example', async () => {
    expect((await runCli('generate/cli.ts', [])).stderr).toContain("required option '--out <dir>' not specified");
    expect((await runCli('generate/cli.ts', ['--help'])).stdout).toMatch(/Examples:\n {2}npx nx run sales-data:generate/);
  }, 30_000);
});
