import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspaceProjects } from './workspace-projects.ts';

let ws: string;
const write = async (file: string, value: unknown) => {
  await mkdir(dirname(join(ws, file)), { recursive: true });
  await writeFile(join(ws, file), typeof value === 'string' ? value : JSON.stringify(value));
};
beforeEach(async () => {
  ws = await mkdtemp(join(tmpdir(), 'cd4ml-ws-'));
});
afterEach(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('loadWorkspaceProjects', () => {
  it('finds the packages of every workspaces pattern, named as Nx names them, with their declarations', async () => {
    await write('package.json', { name: 'x', workspaces: ['libs/*/*', 'apps/*', 'pipelines'] });
    await write('libs/p/a/package.json', { name: '@x/a', nx: { name: 'x-a' }, exports: { '.': './src/index.ts' } });
    await write('libs/p/a/cd4ml.json', { stages: { make: { description: 'm', command: 'm' } } });
    await write('libs/q/b/package.json', { name: '@x/b' });
    await write('apps/web/package.json', { name: '@x/web' });
    await write('apps/notes/README.md', 'not a package');
    await write('pipelines/package.json', { name: '@x/pipelines' });
    await write('pipelines/pipeline.json', { stages: ['x-a:make'] });
    const projects = loadWorkspaceProjects(ws);
    expect([...projects.keys()].sort()).toEqual(['@x/b', '@x/pipelines', '@x/web', 'x-a']);
    expect(projects.get('x-a')).toMatchObject({ root: 'libs/p/a', packageName: '@x/a', exports: { '.': './src/index.ts' }, config: { stages: { make: { cache: true } } } });
    expect(projects.get('@x/pipelines')?.pipeline?.stages).toEqual(['x-a:make']);
  });

  it('names the file and the field of a broken declaration', async () => {
    await write('package.json', { name: 'x', workspaces: ['libs/*/*'] });
    await write('libs/p/a/package.json', { name: '@x/a' });
    await write('libs/p/a/cd4ml.json', { stages: { Make: { command: 'm' } } });
    expect(() => loadWorkspaceProjects(ws)).toThrow(/libs\/p\/a\/cd4ml\.json is not a valid cd4ml project file:[\s\S]*→ at stages/);
  });
});
