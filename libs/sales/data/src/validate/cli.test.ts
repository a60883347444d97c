import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../_run-cli.ts';
import { tempDirs } from '../_temp-dirs.ts';
import { generateSnapshot } from '../generate/generate-snapshot.ts';
import { ingest } from '../ingest/ingest.ts';

const tempDir = tempDirs('cd4ml-validate-cli-');

describe('validate CLI', () => {
  it('skips the comparisons while no baseline file exists, then records one and compares against it', async () => {
    const root = await tempDir();
    const [raw, processed, baseline] = ['raw', 'processed', 'baseline.manifest.json'].map((name) => join(root, name)) as [string, string, string];
    await generateSnapshot(raw, { items: 12, start: '2017-05-01', end: '2017-07-31' });
    await ingest(raw, processed, { validationDays: 14 });
    const args = ['--raw', raw, '--processed', processed, '--baseline', baseline, '--out', join(root, 'report'), '--as-of', '2017-08-01'];
    const first = await runCli('validate/cli.ts', [...args, '--record-baseline']);
    expect(first.stdout).toMatch(/skip +volume +no baseline at .*baseline\.manifest\.json; record one with validate --record-baseline/);
    expect(first.stdout).toContain(`recorded ${baseline}`);
    const second = await runCli('validate/cli.ts', args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/pass +volume/);
    expect(await readFile(join(root, 'report', 'validation.html'), 'utf8')).toContain('All checks pass');
  }, 60_000);

  it('needs the paths the stage passes, and its help shows an example', async () => {
    const r = await runCli('validate/cli.ts', ['--raw', 'a', '--processed', 'b', '--out', 'c']);
    expect(r.stderr).toContain("required option '--baseline <file>' not specified");
    expect((await runCli('validate/cli.ts', ['--help'])).stdout).toMatch(/Examples:\n {2}npx nx run sales-data:validate/);
  }, 30_000);
});
