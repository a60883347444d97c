import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectConfigSchema } from '../config/project-config.ts';
import type { WorkspaceProject } from '../config/workspace-projects.ts';
import { inferTargets, stageDependencies } from './infer-targets.ts';

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'cd4ml-infer-'));
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

const project = (name: string, config: unknown): WorkspaceProject => ({ name, root: `apps/${name}`, packageName: `@x/${name}`, exports: {}, config: projectConfigSchema.parse(config) });
const client = project('client', { testWrites: ['pacts/client-web.json'] });
const web = project('web', { stages: { contract: { description: 'verify pacts', command: 'vitest run --config {projectRoot}/contract.config.ts', after: ['client:test'] } } });
const all = new Map([client, web].map((p) => [p.name, p]));

describe('inferTargets', () => {
  it('makes the files an earlier test writes (pacts) inputs of a stage that runs after it, so a contract stage can be cached', () => {
    const contract = inferTargets(ws, web, all)['contract']!;
    expect(contract.inputs).toEqual(['default', '^code', 'sharedGlobals', { dependentTasksOutputFiles: 'pacts/client-web.json' }]);
    expect(contract.dependsOn).toEqual([{ projects: ['client'], target: 'test' }]);
    expect(contract.cache).toBe(true);
    expect(stageDependencies(web, all)).toEqual(['client']);
  });
});
