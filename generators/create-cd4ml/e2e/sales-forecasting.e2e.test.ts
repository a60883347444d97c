import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sh } from './pack.ts';

// The reference template, from the tarball: generation, install and the project graph. Its pipeline
// and tests are this repository's own, which `npm test` already runs.
let root: string;
let project: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cd4ml-e2e-sales-'));
  const r = await sh(root, `npm exec --yes --package=${inject('tarball')} -- create-cd4ml shop --name @acme/shop --template sales-forecasting --no-git --no-install --json`);
  expect(r.code, r.output).toBe(0);
  project = join(root, 'shop');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('npx create-cd4ml shop --name @acme/shop --template sales-forecasting', () => {
  it('installs with npm ci from the lockfile it ships, and Nx finds every project of the reference', async () => {
    const install = await sh(project, 'npm ci --no-fund --no-audit');
    expect(install.code, install.output.slice(-4000)).toBe(0);
    const projects = await sh(project, 'npx nx show projects');
    expect(projects.code, projects.output).toBe(0);
    for (const p of ['sales-data', 'sales-model', 'sales-web', 'replenishment-cli', 'pipelines', 'cd4ml-pipeline', 'cd4ml-trees']) expect(projects.output).toContain(p);
    const shown = (await sh(project, 'npx nx show project sales-model --json')).output;
    const stages = JSON.parse(shown.slice(shown.indexOf('{'))) as { targets: Record<string, unknown> };
    expect(Object.keys(stages.targets)).toEqual(expect.arrayContaining(['train', 'evaluate', 'gate', 'registry', 'runs', 'typecheck', 'lint', 'test']));
    expect(JSON.parse(await readFile(join(project, 'libs/sales/model/package.json'), 'utf8')).name).toBe('@acme/sales-model');
    expect(JSON.parse(await readFile(join(project, 'package.json'), 'utf8')).name).toBe('@acme/shop');
  });
});
