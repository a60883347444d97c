import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadWorkspaceProjects, projectConfigSchema, renderStage } from '@cd4ml/pipeline';
import { describe, expect, it } from 'vitest';
import { plopIn, toyWorkspace } from '../test-support/toy-workspace.ts';
import { runGenerator } from '../test-support/run-generator.ts';

const filesUnder = async (dir: string): Promise<string[]> => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(dir.length + 1)).sort();

/** Generates into a fresh toy workspace; returns its root and what the generator reported. */
async function generate(name: string, flags: Record<string, string | boolean>, files?: Record<string, string | undefined>) {
  const root = await toyWorkspace(files);
  return { root, ...(await runGenerator(await plopIn(root), name, flags)) };
}

/** No placeholder survives rendering, in any file's name or content. */
async function expectRendered(dir: string): Promise<void> {
  for (const file of await filesUnder(dir)) {
    expect(file).not.toMatch(/\{\{|\.handlebars$/);
    expect(await readFile(join(dir, file), 'utf8'), file).not.toMatch(/\{\{|\}\}/);
  }
}

describe('data-lib', () => {
  it('writes libs/<domain>/<kind> in the workspace scope, wired into Nx through cd4ml.json, and says what to run next', async () => {
    const { root, failures, comments } = await generate('data-lib', { name: 'weather-data' });
    expect(failures).toEqual([]);
    const dir = join(root, 'libs/weather/data');
    expect(await filesUnder(dir)).toEqual(expect.arrayContaining(['cd4ml.json', 'package.json', 'src/generate/cli.ts', 'src/validate/cli.ts', 'src/weather-table.ts', 'src/contracts/weather.v1.json', 'tsconfig.json', 'vitest.config.ts']));
    await expectRendered(dir);
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: '@shop/weather-data', nx: { name: 'weather-data' }, dependencies: { zod: '^4.6.7', '@cd4ml/data': '*' } });
    const projects = loadWorkspaceProjects(root);
    const project = projects.get('weather-data')!;
    expect(project.config?.stages['validate']?.out).toBe('data/processed/weather-data');
    expect(renderStage(project, 'validate', projects).command).toBe('tsx libs/weather/data/src/validate/cli.ts --raw data/raw/weather-data --out data/processed/weather-data');
    expect(comments.join('\n')).toMatch(/npm install\n.*\n {2}npx nx run weather-data:validate/);
  });
});

describe('model-lib', () => {
  it('trains on the data stage it names: its cd4ml.json placeholders resolve in the workspace', async () => {
    const { root, failures } = await generate('model-lib', { name: 'weather-model', data: 'shop-data:ingest' });
    expect(failures).toEqual([]);
    await expectRendered(join(root, 'libs/weather/model'));
    const projects = loadWorkspaceProjects(root);
    const project = projects.get('weather-model')!;
    expect(project.config?.model).toBe('weather-model');
    const train = renderStage(project, 'train', projects);
    expect(train.command).toBe('tsx libs/weather/model/src/train/cli.ts --data data/shop --params libs/weather/model/params.yaml --out dist/models/weather-model --runs registry/runs');
    expect(renderStage(project, 'gate', projects).reads.map((r) => `${r.project}:${r.stage}`)).toEqual(['weather-model:train', 'shop-data:ingest']);
    // Train hashes the params only; the bars are gate's alone, so a new bar never retrains.
    expect(renderStage(project, 'train', projects).files).toEqual(['libs/weather/model/params.yaml']);
    expect(renderStage(project, 'gate', projects).files).toEqual(['libs/weather/model/params.yaml', 'libs/weather/model/gates.yaml', 'registry/weather-model.json']);
    expect(await readFile(join(root, 'libs/weather/model/params.yaml'), 'utf8')).not.toMatch(/^gates:/m);
    expect(await readFile(join(root, 'libs/weather/model/gates.yaml'), 'utf8')).toMatch(/^maxError: 10$/m);
  });
});

describe('web-app', () => {
  it('serves the model stage it names, as a continuous serve stage', async () => {
    const { root, failures } = await generate('web-app', { name: 'weather-web', model: 'shop-model:gate' });
    expect(failures).toEqual([]);
    await expectRendered(join(root, 'apps/weather-web'));
    const projects = loadWorkspaceProjects(root);
    const serve = projectConfigSchema.parse(JSON.parse(await readFile(join(root, 'apps/weather-web/cd4ml.json'), 'utf8'))).stages['serve'];
    expect(serve).toMatchObject({ continuous: true, cache: false });
    expect(renderStage(projects.get('weather-web')!, 'serve', projects).command).toBe('tsx apps/weather-web/src/main.ts --model dist/shop');
    expect(JSON.parse(await readFile(join(root, 'apps/weather-web/tsconfig.json'), 'utf8'))).toMatchObject({ extends: '../../tsconfig.base.json' });
  });
});

describe('every generator refuses what it cannot do, says why, and writes nothing', () => {
  it.each([
    ['data-lib', {}, /^missing name$/],
    ['data-lib', { name: 'Weather Data' }, /"Weather Data" is not a valid lib name: use lower-case words joined by dashes, e.g. weather-data/],
    ['data-lib', { name: 'weather' }, /"weather" needs a domain and a kind, e.g. weather-data \(it becomes libs\/weather\/data\)/],
    ['data-lib', { name: 'shop-data' }, /a project named shop-data already exists \(libs\/shop\/data\)/],
    ['data-lib', { name: 'left-over' }, /libs\/left\/over already exists: choose another name or remove it/],
    ['model-lib', { name: 'weather-model' }, /^missing data$/],
    ['model-lib', { name: 'weather-model', data: 'shop-data' }, /name a stage as project:stage, e.g. weather-data:validate/],
    ['model-lib', { name: 'weather-model', data: 'shop-data:check' }, /stage shop-data:check writes no output folder/],
    ['web-app', { name: 'shop-web', model: 'shop-model:gate' }, /a project named shop-web already exists \(apps\/shop-web\)/],
    ['web-app', { name: 'weather-web', model: 'shop-data:ingest' }, /shop-data:ingest is not a model's stage .*; models' gate stages: shop-model:gate/],
    ['stage', { project: 'shoe-data', stage: 'enrich' }, /no project named "shoe-data" in this workspace; its projects: pipelines, shop-data, shop-model, shop-web/],
    ['stage', { project: 'shop-data', stage: 'ingest' }, /shop-data already has a stage "ingest" \(libs\/shop\/data\/cd4ml.json\)/],
    ['stage', { project: 'shop-data', stage: 'lint' }, /"lint" is a target every project may have/],
    ['stage', { project: 'shop-data', stage: 'enrich', reads: 'check' }, /stage shop-data:check writes no output folder/],
  ])('%s %j', async (generator, flags, message) => {
    const root = await toyWorkspace({ 'libs/left/over/notes.txt': 'mine' });
    const before = await filesUnder(root);
    const result = await runGenerator(await plopIn(root), generator, flags);
    expect([...result.missing.map((m) => `missing ${m}`), ...result.problems].join('\n')).toMatch(message);
    expect(await filesUnder(root)).toEqual(before);
  });

  it('checks the answers again before any action, however they were collected', async () => {
    const root = await toyWorkspace();
    const plop = await plopIn(root);
    await expect(plop.getGenerator('data-lib').runActions({ name: 'shop-data' })).rejects.toThrow(/data-lib: a project named shop-data already exists/);
    expect(existsSync(join(root, 'libs/shop/data/src'))).toBe(false);
  });
});
