import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspaceProjects } from './workspace-projects.ts';

let ws: string;
const write = async (file: string, value: unknown) => {
  await mkdir(dirname(join(ws, file)), { recursive: true });
  await writeFile(join(ws, file), JSON.stringify(value));
};
const release = { model: 'x-model:gate', after: ['contract'], smoke: { replay: { path: '/api/v1/forecast/batch', requestField: 'rows', answersField: 'forecasts', valueField: 'y', versionField: 'modelVersion' } } };

/** A workspace with the platform's deploy, operations and monitoring packages, a model and an app that declares its release. */
beforeEach(async () => {
  ws = await mkdtemp(join(tmpdir(), 'cd4ml-refs-'));
  await write('package.json', { name: 'x', workspaces: ['libs/*/*', 'apps/*', 'pipelines'] });
  for (const lib of ['deploy', 'operations', 'monitoring']) await write(`libs/cd4ml/${lib}/package.json`, { name: `@cd4ml/${lib}` });
  await write('libs/x/model/package.json', { name: '@x/model', nx: { name: 'x-model' } });
  await write('libs/x/model/cd4ml.json', { model: 'x-forecast', stages: { gate: { description: 'g', command: 'gate --out {out}', out: 'dist/gated' } } });
  await write('apps/web/package.json', { name: '@x/web', nx: { name: 'x-web' } });
  await write('pipelines/package.json', { name: '@x/pipelines' });
  await write('pipelines/pipeline.json', { stages: ['x-model:gate', 'x-web:contract', 'x-web:package', 'x-web:promote'], serve: 'x-web:attach' });
});
afterEach(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('references are checked when the workspace is loaded', () => {
  it('accepts a release whose stages are inferred, and names no platform path in the declaration', async () => {
    await write('apps/web/cd4ml.json', { release, stages: { contract: { description: 'c', command: 'vitest run' } } });
    const web = loadWorkspaceProjects(ws).get('x-web')!;
    expect(Object.keys(web.config!.stages).sort()).toEqual(['attach', 'build', 'contract', 'deploy', 'package', 'promote', 'rollback', 'serve', 'shadow', 'smoke']);
    expect(web.config!.stages['package']).toMatchObject({ command: 'node --import tsx libs/cd4ml/deploy/src/cli.ts package --app {build} --model {x-model:gate} --out {out}', after: ['contract'] });
    expect(web.config!.stages['promote']?.command).toMatch(/ promote --registry registry\/x-forecast\.json --out \{out\}$/);
  });

  it.each([
    ['an unknown stage in pipeline.json', () => write('pipelines/pipeline.json', { stages: ['x-model:gate', 'x-web:deploi'] }), /pipelines\/pipeline\.json: stages: no stage x-web:deploi is declared or inferred in any cd4ml\.json \(known: x-model:gate, x-web:build/],
    ['an unknown project in pipeline.json', () => write('pipelines/pipeline.json', { stages: ['y-model:gate'] }), /pipelines\/pipeline\.json: stages: no stage y-model:gate/],
    ['an unknown serve stage', () => write('pipelines/pipeline.json', { stages: ['x-model:gate'], serve: 'x-web:sevre' }), /pipelines\/pipeline\.json: serve: no stage x-web:sevre/],
    ['a release of a model that is not a stage', () => write('apps/web/cd4ml.json', { release: { ...release, model: 'x-model:train', after: [] } }), /apps\/web\/cd4ml\.json: release\.model: x-model:train is not a stage with an output folder/],
    ['an after naming an unknown project', () => write('apps/web/cd4ml.json', { release: { ...release, after: ['nobody:test'] } }), /apps\/web\/cd4ml\.json: stages\.package\.after: no stage nobody:test/],
    ['a monitor without a release', () => write('apps/web/cd4ml.json', { monitor: { module: '@x/model/monitor', settings: 'libs/x/model/monitoring.yaml' } }), /apps\/web\/cd4ml\.json: monitor needs a "release" declaration in the same file/],
    ['a simulation without feedback', () => write('apps/web/cd4ml.json', { release: { ...release, after: [] }, monitor: { module: '@x/model/monitor', settings: 'm.yaml' }, simulate: { module: '@x/simulate' } }), /simulate needs a "feedback" declaration/],
  ])('refuses %s, naming the file, the field and the reference', async (_, breakIt, message) => {
    await write('apps/web/cd4ml.json', { release, stages: { contract: { description: 'c', command: 'vitest run' } } });
    await breakIt();
    expect(() => loadWorkspaceProjects(ws)).toThrow(message);
  });

  it.each([['../../libs/cd4ml/monitoring/src/cli.ts'], ['@x/model/src/monitor.ts']])('refuses the module %s: a declaration names a package export, never a path', async (module) => {
    await write('apps/web/cd4ml.json', { release: { ...release, after: [] }, monitor: { module, settings: 'm.yaml' } });
    expect(() => loadWorkspaceProjects(ws)).toThrow(/apps\/web\/cd4ml\.json is not a valid cd4ml project file:[\s\S]*a package module[\s\S]*monitor\.module/);
  });
});
