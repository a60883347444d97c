import { existsSync } from 'node:fs';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { failureReport, sh, start, stop } from './pack.ts';

// A new user's path, on the tarball `npm pack` made: scaffold `minimal` with --yes, run the
// generated README's two commands, take the release through production, its monitor, the feedback
// loop and the simulation, then break the project three ways and watch its checks turn red.
let root: string;
let project: string;
let readme: string[];
/** Production's and staging's ports, as a user with 3000 taken gives them (the README's variables). */
let ports: { CD4ML_PRODUCTION_PORT: string; CD4ML_STAGING_PORT: string };

const freePort = () =>
  new Promise<string>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(String(a.port)) : reject(new Error('no port'))));
    });
  });

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
  ports = { CD4ML_PRODUCTION_PORT: await freePort(), CD4ML_STAGING_PORT: await freePort() };
  const text = await readFile(join(project, 'README.md'), 'utf8');
  readme = /```bash\n([\s\S]*?)```/.exec(text)![1]!.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
});
afterAll(async () => {
  await sh(project, 'npm run stop');
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

  it("README command 1 installs and runs the whole chain to production on the user's port; the platform's stages watch it and feed its outcomes back", async () => {
    const server = await start(project, readme[0]!, /production: (http:\/\/127\.0\.0\.1:(\d+)) serves release ([0-9a-f]{16}) \(model ([0-9a-f]{12})\)/, ports);
    try {
      const [, url, port, release, model] = server.match;
      expect(server.output()).toMatch(/pipeline summary .*\n(.*\n)*.*rentals-web:promote +ran/);
      expect(port).toBe(ports.CD4ML_PRODUCTION_PORT);
      const answer = await fetch(`${url!}/api/v1/forecast?date=2025-01-06&station=central&temperature=4.5&precipitation=0`);
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { forecast: { rentals: number }; modelVersion: string };
      expect(body.forecast.rentals).toBeGreaterThan(0);
      expect(body.modelVersion).toBe(model);
      expect(await (await fetch(`${url!}/metrics`)).text()).toContain(`release_id="${release!}"`);
      const posted = await fetch(`${url!}/api/v1/actuals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ actuals: [{ date: '2025-01-06', station: 'central', rentals: 66 }] }) });
      expect(posted.status).toBe(202);
      // Every release and operations stage is inferred from the app's declarations.
      for (const target of ['promote', 'monitor', 'feedback', 'simulate']) expect((await sh(project, `npx nx show projects --with-target ${target}`)).output).toMatch(/^rentals-web$/m);
      const monitored = await sh(project, 'npx nx run rentals-web:monitor');
      expect(monitored.code, monitored.output).toBe(0);
      expect(monitored.output).toMatch(/monitor: model [0-9a-f]{12}, window .*\n.*drift: 1 forecasts[\s\S]*1 actuals, 1 joined/);
      const report = JSON.parse(await readFile(join(project, 'dist/monitoring/production/monitor-report.json'), 'utf8')) as { model: { version: string }; inputs: { joined: number } };
      expect(report).toMatchObject({ model: { version: model }, inputs: { joined: 1 } });
      expect(existsSync(join(project, 'dist/monitoring/production/monitor-report.html'))).toBe(true);
      const fed = await sh(project, 'npx nx run rentals-web:feedback');
      expect(fed.output).toMatch(/1 new, 0 replaced[\s\S]*wrote data\/feedback\/rentals\.manifest\.json/);
    } finally {
      await stop(server.child);
    }
    // Ctrl+C stopped staging and production with it.
    await expect(fetch(`http://127.0.0.1:${ports.CD4ML_PRODUCTION_PORT}/health`)).rejects.toThrow();
  });

  it('npm run pipeline folds the fed-back outcome into the data, retrains and releases again; npm run stop stops it all', async () => {
    const r = await sh(project, 'npm run pipeline', ports);
    expect(r.code, failureReport(r.output)).toBe(0);
    expect(r.output).toMatch(/with 1 outcomes fed back \(data\/feedback\/rentals\.manifest\.json/);
    expect(r.output).toMatch(new RegExp(`production: http://127\\.0\\.0\\.1:${ports.CD4ML_PRODUCTION_PORT} \\(release [0-9a-f]{16}\\)`));
    expect((await fetch(`http://127.0.0.1:${ports.CD4ML_PRODUCTION_PORT}/ready`)).status).toBe(200);
    expect((await sh(project, 'npm run stop')).output).toMatch(/production: stopped release/);
  });

  it('npm run simulate replays weeks of rentals against the real app: quiet before the heat wave, then detection, retraining, a release and recovery', async () => {
    // The user's production port is taken (their production may serve there): the simulation runs its own, elsewhere.
    const busy = createServer().listen(Number(ports.CD4ML_PRODUCTION_PORT), '127.0.0.1');
    const r = await sh(project, 'npm run simulate', ports).finally(() => busy.close());
    expect(r.code, r.output.slice(-6000)).toBe(0);
    const summary = /detected on day (\d+); recovered on day (\d+);/.exec(r.output);
    expect(summary, r.output.slice(-3000)).not.toBeNull();
    const [detected, recovered] = [Number(summary![1]), Number(summary![2])];
    expect(detected).toBeGreaterThanOrEqual(14); // the heat wave starts on day 14: nothing before it
    expect(recovered).toBeGreaterThan(detected);
    expect(r.output).toMatch(/pipeline \(retrain on day \d+; .*\): release [0-9a-f]{16} serves model/);
    expect(r.output).toMatch(/production on http:\/\/127\.0\.0\.1:\d+/);
    expect(r.output).not.toContain(`127.0.0.1:${ports.CD4ML_PRODUCTION_PORT}`);
    expect(existsSync(join(project, 'dist/simulate/rentals-web/simulation.html'))).toBe(true);
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
    const r = await withEdit('apps/rentals-web/src/forecast-routes.ts', 'res.json({ forecast: answer, modelVersion: model.version });', 'res.json({ prediction: answer, modelVersion: model.version });', () =>
      sh(project, 'npx nx run rentals-web:contract --outputStyle=stream'),
    );
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/forecast/);
    expect(r.output).toMatch(/[Vv]erification|Pact/);
  });
});
