import type { TestProject } from 'vitest/node';
import { buildFixtureModel } from './build-fixture-model.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fixture: { root: string; raw: string; processed: string; model: string; log: string[] };
  }
}

/** Builds one real model for every test file of the app: the whole pipeline, run once. */
export default async function setup(project: TestProject) {
  project.provide('fixture', await buildFixtureModel());
}
