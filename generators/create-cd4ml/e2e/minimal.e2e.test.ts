import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { failureReport, sh, start, stop } from './pack.ts';

// A new user's path, on the tarball `npm pack` made: scaffold `minimal` with --yes, run the
// generated README's two commands, then break the project three ways and watch its checks turn red.
let root: string;
let project: string;
let readme: string[];

/** Replaces one exact snippet of a generated file (it must be there), runs `check`, and puts the file back. */
async function withEdit<T>(file: string, from: string, to: string, check: () => Promise<T>): Promise<T> {
  const path = join(project, file);
  const before = await readFile(path, 'utf8');
  expect(before, `${file} no longer contains the snippet this test edits`).toContain(from);
  await writeFile(path, before.replace(from, to));
  try {
    return await check();
  } finally {
    await writeFile(path, before);
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cd4ml-e2e-minimal-'));
  const r = await sh(root, `npm exec --yes --package=${inject('tarball')} -- create-cd4ml demo --template minimal --yes --no-git --no-install`);
  expect(r.code, r.output).toBe(0);
  project = join(root, 'demo');
  const text = await readFile(join(project, 'README.md'), 'utf8');
  readme = /```bash\n([\s\S]*?)```/.exec(text)![1]!.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('npx create-cd4ml demo --template minimal --yes', () => {
  it("writes the project under the user's names, with no template token or marker left", async () => {
    expect(readme).toEqual(['npm ci && npm start', 'npm ci && npm test']);
    const pkg = JSON.parse(await readFile(join(project, 'libs/rentals/model/package.json'), 'utf8'));
    expect(pkg.name).toBe('@demo/rentals-model');
    // The in-workspace generators' own templates keep their placeholders (they run later, in this
    // project), and .cd4ml/answers.json lists those templates' file names.
    const leftovers = await sh(project, "grep -rlE '\\{\\{|__name__|@minimal/|cd4ml-minimal' --exclude-dir=node_modules --exclude-dir=templates --exclude-dir=.cd4ml . || true");
    expect(leftovers.output.trim()).toBe('');
  });

  it('README command 1 installs, runs the pipeline and serves forecasts over HTTP', async () => {
    const server = await start(project, readme[0]!, /curl '(http:\/\/localhost:\d+\/api\/v1\/forecast\?[^']+)'/, { PORT: '0' });
    try {
      expect(server.output()).toMatch(/pipeline summary .*\n(.*\n)*.*rentals-model:gate +ran/);
      const answer = await fetch(server.match[1]!);
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { forecast: { rentals: number }; modelVersion: string };
      expect(body.forecast.rentals).toBeGreaterThan(0);
      expect(body.modelVersion).toMatch(/^[0-9a-f]{12}$/);
    } finally {
      await stop(server.child);
    }
  });

  it('README command 2 installs again and every check passes: types, lint, tests, contract, dead code', async () => {
    const r = await sh(project, readme[1]!);
    expect(r.code, failureReport(r.output)).toBe(0);
    expect(r.output).toMatch(/Successfully ran targets typecheck, lint, test, contract/);
  });

  it('a model biased against one slice turns the gate red, naming the slice', async () => {
    // Train on a third of one station's rentals: the model under-forecasts that station.
    const r = await withEdit('libs/rentals/model/src/train/train-rentals-model.ts', '(r) => Math.log1p(r.rentals)', "(r) => Math.log1p(r.station === 'riverside' ? r.rentals / 3 : r.rentals)", () =>
      sh(project, 'npx nx run rentals-model:gate --outputStyle=stream'),
    );
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/FAIL +slice-bias .*station=riverside/);
  });

  it('a corrupted data file turns the data tests red, naming the file, the line, the column and the rule', async () => {
    const r = await withEdit('data/raw/rentals/rentals.csv', '\n2', '\nnot-a-date', () => sh(project, 'npx nx run rentals-data:validate --skipNxCache --excludeTaskDependencies --outputStyle=stream'));
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/rentals\.csv:\d+ column date: types: Invalid ISO date/);
  });

  it('a breaking change to an API response field turns the contract red, naming the field', async () => {
    const r = await withEdit('apps/rentals-web/src/app.ts', 'rentals: await m.forecast(parsed.data)', 'count: await m.forecast(parsed.data)', () =>
      sh(project, 'npx nx run rentals-web:contract --outputStyle=stream'),
    );
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/rentals/);
    expect(r.output).toMatch(/[Vv]erification|Pact/);
  });
});
