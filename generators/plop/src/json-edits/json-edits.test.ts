import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toyWorkspace } from '../test-support/toy-workspace.ts';
import { addDependencies } from './add-dependencies.ts';
import { addStage } from './add-stage.ts';
import { appendToPipeline } from './append-pipeline.ts';

describe('JSON edits', () => {
  it('refuse a cd4ml.json that is already broken, naming the file and the field, and leave it alone', async () => {
    const root = await toyWorkspace();
    const file = join(root, 'libs/shop/data/cd4ml.json');
    const broken = '{ "stages": { "x": { "command": "run" } } }\n';
    await writeFile(file, broken);
    await expect(addStage(file, 'enrich', { description: 'd', command: 'c' })).rejects.toThrow(/libs\/shop\/data\/cd4ml\.json is not a valid cd4ml project file:[\s\S]*stages\.x\.description/);
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it('refuse a stage that is already declared, and a declaration the schema would not accept', async () => {
    const file = join(await toyWorkspace(), 'libs/shop/data/cd4ml.json');
    await expect(addStage(file, 'ingest', { description: 'd', command: 'c' })).rejects.toThrow(/already declares a stage "ingest"/);
    await expect(addStage(file, 'Enrich', { description: 'd', command: 'c' })).rejects.toThrow(/would make .*cd4ml\.json invalid/);
  });

  it('append a stage to the pipeline once, and keep the versions a package.json already pins', async () => {
    const root = await toyWorkspace();
    await appendToPipeline(join(root, 'pipelines/pipeline.json'), 'shop-model:gate');
    expect(await appendToPipeline(join(root, 'pipelines/pipeline.json'), 'shop-model:gate')).toBe('shop-model:gate is already in the pipeline');
    expect(JSON.parse(await readFile(join(root, 'pipelines/pipeline.json'), 'utf8')).stages).toEqual(['shop-data:ingest', 'shop-model:gate']);
    const pkg = join(root, 'libs/shop/data/package.json');
    expect(await addDependencies(pkg, { dependencies: ['zod', 'commander'], devDependencies: [] })).toBe('added commander');
    expect(JSON.parse(await readFile(pkg, 'utf8')).dependencies).toEqual({ commander: '^14.0.3', zod: '^4.0.0' });
    await expect(addDependencies(pkg, { dependencies: ['left-pad'], devDependencies: [] })).rejects.toThrow(/no pinned version for "left-pad"/);
  });
});
