import { describe, expect, it } from 'vitest';
import { projectConfigSchema } from './project-config.ts';
import { renderStage } from './render-stage.ts';
import type { WorkspaceProject } from './workspace-projects.ts';

const project = (name: string, root: string, config: unknown): WorkspaceProject => ({ name, root, packageName: `@x/${name}`, exports: {}, config: projectConfigSchema.parse(config) });
const data = project('d', 'libs/x/data', { stages: { make: { description: 'm', command: 'make {out}', out: 'data/x' }, check: { description: 'c', command: 'check' } } });
const model = project('m', 'libs/x/model', {
  model: 'x-model',
  files: { params: '{projectRoot}/params.yaml' },
  stages: {
    fit: { description: 'f', command: 'tsx {projectRoot}/src/fit.ts --data {d:make} --params {params} --out {out} --runs {runs} --registry {registry}', after: ['d:check', 'd:test'], out: 'dist/x' },
    score: { description: 's', command: 'score {fit} {d:make}' },
    bad: { description: 'b', command: 'bad {nothing}' },
    reads: { description: 'r', command: 'read {d:check}' },
  },
});
const all = new Map([data, model].map((p) => [p.name, p]));

describe('renderStage', () => {
  it('resolves every kind of placeholder and records what the stage reads, follows and hashes', () => {
    expect(renderStage(model, 'fit', all)).toEqual({
      project: 'm',
      stage: 'fit',
      command: 'tsx libs/x/model/src/fit.ts --data data/x --params libs/x/model/params.yaml --out dist/x --runs registry/runs --registry registry/x-model.json',
      reads: [{ project: 'd', stage: 'make', out: 'data/x' }],
      after: [
        { project: 'd', stage: 'check' },
        { project: 'd', stage: 'test' },
      ],
      files: ['libs/x/model/params.yaml', 'registry/x-model.json'],
      script: 'libs/x/model/src/fit.ts',
    });
    expect(renderStage(model, 'score', all).reads.map((r) => `${r.project}:${r.stage}`)).toEqual(['m:fit', 'd:make']);
  });

  it.each([
    ['bad', /stages\.bad\.command: unknown placeholder \{nothing\}; known here: \{projectRoot\} \{out\} \{params\} \{registry\} \{store\} \{runs\} \{fit\}/],
    ['reads', /stage d:check writes no output folder/],
  ])('names the file and the field of a broken stage %s', (stage, message) => {
    expect(() => renderStage(model, stage, all)).toThrow(message);
  });

  it('refuses a reference to a stage that does not exist', () => {
    const broken = project('b', 'libs/x/b', { stages: { s: { description: 's', command: 'x {d:nope}' }, t: { description: 't', command: 'y', after: ['d:nope'] } } });
    const withBroken = new Map([...all, ['b', broken]]);
    expect(() => renderStage(broken, 's', withBroken)).toThrow(/libs\/x\/b\/cd4ml\.json: stages\.s\.command: no stage d:nope \(known: d:make, d:check/);
    expect(() => renderStage(broken, 't', withBroken)).toThrow(/stages\.t\.after: no stage d:nope/);
  });
});

describe('renderStage with a path map', () => {
  it('moves every output, file and registry path the command names, and nothing else', () => {
    const into = (path: string, kind: string) => `/sim/${kind}/${path}`;
    expect(renderStage(model, 'fit', all, into).command).toBe(
      'tsx libs/x/model/src/fit.ts --data /sim/out/data/x --params /sim/file/libs/x/model/params.yaml --out /sim/out/dist/x --runs /sim/registry/registry/runs --registry /sim/registry/registry/x-model.json',
    );
  });
});
