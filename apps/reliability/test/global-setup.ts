import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import { buildFixtureModel, fixtureSchema, type Fixture } from '@cd4ml/sales-web/fixture-model';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    fixture: Fixture;
  }
}

/**
 * One real pipeline run for every probe: generate -> ingest -> train -> gate on small data, through
 * the real CLIs, the same fixture the app's tests build. `SALES_WEB_FIXTURE=<dir>` reuses one.
 */
export default async function setup(project: TestProject) {
  const reuse = process.env['SALES_WEB_FIXTURE'];
  if (reuse && existsSync(join(reuse, 'fixture.json'))) {
    project.provide('fixture', await readJsonFile(join(reuse, 'fixture.json'), fixtureSchema, { what: 'test fixture' }));
    return;
  }
  project.provide('fixture', await buildFixtureModel());
}
