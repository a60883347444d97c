import { existsSync } from 'node:fs';
import { z } from 'zod';
import { at, readJson } from './_workspace.ts';
import type { Scenario } from './guide.ts';

export const markerFile = (scenario: Scenario) => `dist/workshop/scenario-${scenario}.json`;

const markerSchema = z.object({
  at: z.number(),
  release: z.string().nullable(),
  model: z.string().nullable(),
  featureNames: z.array(z.string()),
  featureSchemaVersion: z.number(),
});
export type Marker = z.infer<typeof markerSchema>;

/** Where the scenario started, as --reset recorded it; undefined before a reset. */
export async function readMarker(scenario: Scenario): Promise<Marker | undefined> {
  const file = markerFile(scenario);
  return existsSync(at(file)) ? readJson(file, markerSchema) : undefined;
}
