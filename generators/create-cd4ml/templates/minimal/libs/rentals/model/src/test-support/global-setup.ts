import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@cd4ml/fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Processed rentals made once per test run by the real generate and validate CLIs. */
    processedRentals: string;
  }
}

/** Generates and validates the default data set once, in the test run's temporary folder, for every test file. */
export default async function setup(project: TestProject): Promise<void> {
  const root = findWorkspaceRoot(import.meta.dirname);
  const work = await mkdtemp(join(tmpdir(), 'rentals-model-'));
  const tsx = (script: string, ...args: string[]) => promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [join(root, 'libs/rentals/data/src', script), ...args]);
  await tsx('generate/cli.ts', '--out', join(work, 'raw'));
  await tsx('validate/cli.ts', '--raw', join(work, 'raw'), '--out', join(work, 'processed'));
  project.provide('processedRentals', join(work, 'processed'));
}
