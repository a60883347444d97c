import type { TestProject } from 'vitest/node';
import { fixtureData } from './fixture-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Work folder with small processed data (made once per test run by the real CLIs). */
    fixtureWork: string;
  }
}

/** Generates and ingests the small fixture data once for every test file of this project. */
export default async function setup(project: TestProject): Promise<void> {
  const { work } = await fixtureData();
  project.provide('fixtureWork', work);
}
