import { describe, expect, it } from 'vitest';
import { toyWorkspace } from './test-support/toy-workspace.ts';
import { checkStageRef, findStageOutput, readWorkspace, workspaceScope } from './workspace.ts';

const project = (packageName: string, root: string) => ({ packageName, root });

describe('the workspace as the generators see it', () => {
  it.each([
    ['@acme/monorepo', [], '@acme'],
    ['cd4ml', [project('@cd4ml/fs', 'libs/cd4ml/fs'), project('@cd4ml/sales-data', 'libs/sales/data'), project('@cd4ml/sales-web', 'apps/sales-web')], '@cd4ml'],
    ['demo', [project('@cd4ml/fs', 'libs/cd4ml/fs'), project('@cd4ml/plop-generators', 'generators/plop'), project('@demo/rentals-data', 'libs/rentals/data')], '@demo'],
    ['demo', [project('@cd4ml/fs', 'libs/cd4ml/fs')], '@demo'],
    ['demo', [project('@b/x', 'libs/x/a'), project('@a/y', 'libs/y/a'), project('@b/z', 'apps/z')], '@b'],
  ])('scope of root %j with %j is %j', (root, projects, scope) => {
    expect(workspaceScope(root, projects)).toBe(scope);
  });

  it('finds its projects, its scope and its pipeline from files alone', async () => {
    const ws = readWorkspace(await toyWorkspace());
    expect([...ws.projects.keys()].sort()).toEqual(['pipelines', 'shop-data', 'shop-model', 'shop-web']);
    expect(ws.scope).toBe('@shop');
    expect(ws.pipeline?.root).toBe('pipelines');
  });

  it.each([
    ['shop-data:ingest', { project: 'shop-data', stage: 'ingest', ref: 'shop-data:ingest', out: 'data/shop' }],
    ['shop-data:check', 'stage shop-data:check writes no output folder, so nothing of it can be read. Stages with an output: shop-data:ingest, shop-model:gate.'],
    ['shop-data:train', 'project shop-data has no stage "train". Stages with an output: shop-data:ingest, shop-model:gate.'],
    ['shoe-data:ingest', 'no project named "shoe-data" in this workspace. Stages with an output: shop-data:ingest, shop-model:gate.'],
  ])('resolves the stage reference %j', async (ref, expected) => {
    expect(findStageOutput(readWorkspace(await toyWorkspace()), ref)).toEqual(expected);
  });

  it('asks for project:stage when given a bare name, and refuses a folder that is not a workspace', async () => {
    const ws = readWorkspace(await toyWorkspace());
    expect(checkStageRef(ws, 'ingest', 'shop-data:ingest')).toBe('name a stage as project:stage, e.g. shop-data:ingest');
    const bare = await toyWorkspace({ 'nx.json': undefined });
    expect(() => readWorkspace(bare)).toThrow(/is not a cd4ml workspace \(no nx\.json\): run the generators from the workspace root/);
  });
});
