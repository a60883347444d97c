import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The train stage's artifact (no gates.json) and the gate stage's output, made by the real CLIs. */
    fixture: { trained: string; gated: string };
  }
}

/** Runs the pipeline's stages once, on the default data, into the test run's temporary folder. */
export default async function setup(project: TestProject): Promise<void> {
  const root = findWorkspaceRoot(import.meta.dirname);
  const dir = await mkdtemp(join(tmpdir(), 'rentals-web-'));
  const at = (name: string) => join(dir, name);
  const run = (script: string, ...args: string[]) => promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [join(root, 'libs/rentals', script), ...args]);
  const model = (file: string) => join(root, 'libs/rentals/model', file);
  await run('data/src/generate/cli.ts', '--out', at('raw'));
  await run('data/src/validate/cli.ts', '--raw', at('raw'), '--out', at('processed'));
  await run('model/src/train/cli.ts', '--data', at('processed'), '--params', model('params.yaml'), '--out', at('trained'));
  await run('model/src/gate/cli.ts', '--model', at('trained'), '--data', at('processed'), '--gates', model('gates.yaml'), '--registry', at('registry.json'), '--store', at('store'), '--out', at('gated'));
  project.provide('fixture', { trained: at('trained'), gated: at('gated') });
}
