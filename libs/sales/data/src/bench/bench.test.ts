import { describe, expect, it } from 'vitest';
import { runCli } from '../_run-cli.ts';

describe('bench CLI', () => {
  it('names the sizes it knows when given another, and needs its paths', async () => {
    const r = await runCli('bench/bench.ts', ['--sizes', 'default,huge', '--work', 'w', '--out', 'o']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("option '--sizes <list>' argument 'default,huge' is invalid. unknown size(s) huge; use default, 10m.");
    expect((await runCli('bench/bench.ts', ['--out', 'o'])).stderr).toContain("required option '--work <dir>' not specified");
    expect((await runCli('bench/bench.ts', ['--help'])).stdout).toMatch(/Examples:\n {2}npx nx run sales-data:bench/);
  }, 30_000);
});
