import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('data CLI', () => {
  it('records, reports changes, verifies, pushes and pulls, with clear exits', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cd4ml-cli-'));
    await writeFile(join(dir, 'a.csv'), 'x,y\n1,2\n');
    expect(cli('record', dir, '--source', 'origin=test')).toMatchObject({ code: 0, out: expect.stringMatching(/recorded 1 file\(s\)/) });
    await writeFile(join(dir, 'a.csv'), 'x,y,z\n1,2,3\n4,5,6\n');
    const status = cli('status', dir, '--exit-code');
    expect(status).toMatchObject({ code: 1, out: expect.stringMatching(/changed +a\.csv +\+1 rows {2}schema: \+z/) });
    const verify = cli('verify', dir);
    expect(verify.code).toBe(1);
    expect(verify.err).toMatch(/^error: Data in .* does not match its manifest:\n {2}a\.csv: content changed/);
    expect(verify.err).not.toMatch(/at .*\.ts:\d+/);
    const store = join(dir, 'store');
    expect(cli('record', dir).code).toBe(0);
    expect(cli('push', dir, '--store', store)).toMatchObject({ code: 0, out: expect.stringMatching(/1 uploaded, 0 already there/) });
    expect(cli('pull', join(dir, 'copy'), '--store', store, '--manifest', join(dir, 'manifest.json'))).toMatchObject({ code: 0, out: expect.stringMatching(/1 files verified/) });
  });

  it('documents every command in --help', () => {
    const help = cli('--help').out;
    for (const command of ['status', 'record', 'verify', 'push', 'pull']) expect(help).toContain(command);
  });
});
