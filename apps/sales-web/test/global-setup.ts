import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import type { TestProject } from 'vitest/node';
import { buildFixtureModel, fixtureSchema, type Fixture } from './build-fixture-model.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fixture: Fixture;
  }
}

/**
 * Builds one real, gated model for every test file of the app: the whole pipeline, run once.
 * `SALES_WEB_FIXTURE=<dir>` reuses a fixture an earlier run built (its `fixture.json`), to iterate
 * on app code without retraining.
 */
export default async function setup(project: TestProject) {
  const reuse = process.env['SALES_WEB_FIXTURE'];
  if (reuse && existsSync(join(reuse, 'fixture.json'))) {
    project.provide('fixture', await readJsonFile(join(reuse, 'fixture.json'), fixtureSchema, { what: 'test fixture' }));
    return;
  }
  project.provide('fixture', await buildFixtureModel());
}
