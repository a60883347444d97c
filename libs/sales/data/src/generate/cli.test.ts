import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../..');
const cli = join(root, 'libs/sales/data/src/generate/cli.ts');

describe('generate CLI', () => {
  it.each([
    ['--start', '2017-02-30'],
    ['--end', '2017-13-01'],
    ['--start', '1/2/2017'],
  ])('rejects %s %s in the option parser, naming the option', async (option, value) => {
    const out = join(await mkdtemp(join(tmpdir(), 'generate-cli-')), 'raw');
    const error = await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [cli, '--out', out, option, value], { cwd: root }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).not.toBe(0);
    expect(error?.stderr).toContain(`${option} must be a calendar date as YYYY-MM-DD`);
    expect(error?.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
