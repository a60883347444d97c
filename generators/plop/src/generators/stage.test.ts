import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadWorkspaceProjects, renderStage } from '@cd4ml/pipeline';
import { describe, expect, it } from 'vitest';
import { runGenerator } from '../test-support/run-generator.ts';
import { plopIn, TOY_FILES, toyWorkspace } from '../test-support/toy-workspace.ts';

const read = (root: string, file: string) => readFile(join(root, file), 'utf8');

describe('stage', () => {
  it('adds the stage to cd4ml.json, its entry point and test, and appends it to the pipeline, editing JSON as JSON', async () => {
    const root = await toyWorkspace();
    const { failures, comments } = await runGenerator(await plopIn(root), 'stage', { project: 'shop-data', stage: 'enrich', reads: 'ingest', pipeline: true });
    expect(failures).toEqual([]);
    const config = await read(root, 'libs/shop/data/cd4ml.json');
    const before = JSON.parse(TOY_FILES['libs/shop/data/cd4ml.json']!);
    // Everything else in place, in its order; the new stage last; 2-space indent and a trailing newline.
    expect(config).toBe(`${JSON.stringify({ ...before, stages: { ...before.stages, enrich: { description: 'the enrich stage of shop-data, reading ingest', command: 'tsx {projectRoot}/src/enrich/cli.ts --in {ingest} --out {out}', out: 'dist/shop-data/enrich' } } }, null, 2)}\n`);
    const projects = loadWorkspaceProjects(root);
    expect(renderStage(projects.get('shop-data')!, 'enrich', projects).command).toBe('tsx libs/shop/data/src/enrich/cli.ts --in data/shop --out dist/shop-data/enrich');
    expect(JSON.parse(await read(root, 'pipelines/pipeline.json'))).toEqual({ $schema: '../x.json', description: 'toy', stages: ['shop-data:ingest', 'shop-data:enrich'], serve: 'shop-data:ingest' });
    expect(await read(root, 'libs/shop/data/src/enrich/cli.ts')).toMatch(/import \{ runEnrich \} from '\.\/enrich\.ts';/);
    expect(JSON.parse(await read(root, 'libs/shop/data/package.json')).dependencies).toEqual({ '@cd4ml/cli': '*', '@cd4ml/data': '*', '@cd4ml/fs': '*', '@commander-js/extra-typings': '^14.0.0', commander: '^14.0.3', zod: '^4.0.0' });
    expect(comments.join('\n')).toMatch(/appended to pipelines\/pipeline\.json[\s\S]*npx nx run shop-data:enrich/);
  });

  it('gives a project without cd4ml.json, tsconfig.json or vitest.config.ts what its stage and test need', async () => {
    const root = await toyWorkspace();
    const { failures } = await runGenerator(await plopIn(root), 'stage', { project: 'shop-web', stage: 'warm-up', reads: 'shop-model:gate', description: 'load the model once' });
    expect(failures).toEqual([]);
    expect(JSON.parse(await read(root, 'apps/shop-web/cd4ml.json'))).toEqual({
      $schema: '../../libs/cd4ml/pipeline/cd4ml.schema.json',
      stages: { 'warm-up': { description: 'load the model once', command: 'tsx {projectRoot}/src/warm-up/cli.ts --in {shop-model:gate} --out {out}', out: 'dist/shop-web/warm-up' } },
    });
    expect(JSON.parse(await read(root, 'apps/shop-web/tsconfig.json'))).toEqual({ extends: '../../tsconfig.base.json', include: ['src/**/*.ts', '*.ts'] });
    expect(await read(root, 'apps/shop-web/vitest.config.ts')).toMatch(/projectTestConfig\(\)/);
    expect(JSON.parse(await read(root, 'apps/shop-web/package.json'))).toMatchObject({ name: '@shop/shop-web', devDependencies: { '@cd4ml/testing': '*' } });
    expect(await read(root, 'apps/shop-web/src/warm-up/warm-up.ts')).toMatch(/export async function runWarmUp\(/);
    expect(await read(root, 'pipelines/pipeline.json')).toBe(TOY_FILES['pipelines/pipeline.json']);
  });

  it('says so when asked for a pipeline the workspace does not have, and changes none', async () => {
    const root = await toyWorkspace({ 'pipelines/pipeline.json': undefined });
    const { failures, comments, changes } = await runGenerator(await plopIn(root), 'stage', { project: 'shop-data', stage: 'enrich', pipeline: true });
    expect(failures).toEqual([]);
    expect(changes.map((c) => c.type)).not.toContain('cd4ml-append-pipeline');
    expect(comments[0]).toMatch(/this workspace has no pipeline\.json, so no pipeline was changed/);
    expect(JSON.parse(await read(root, 'libs/shop/data/cd4ml.json')).stages.enrich.command).toBe('tsx {projectRoot}/src/enrich/cli.ts --out {out}');
  });
});
