import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '@cd4ml/fs';
import { z } from 'zod';
import { releaseIdSchema, type Release } from '../release/release-manifest.ts';

/**
 * `release.json` in the package stage's output folder: which release the pipeline made, for the
 * stages after it and the pipeline report (the release itself is in `releases/<id>/`).
 */
export const releasePointerSchema = z.strictObject({
  id: releaseIdSchema,
  dir: z.string(),
  model: z.string(),
  data: z.strictObject({ raw: z.string(), processed: z.string() }),
  code: z.strictObject({ commit: z.string(), dirty: z.boolean() }),
});

/** `deployment.json` in a deploy stage's output folder: what serves where, for the pipeline report. */
export const deploymentRecordSchema = z.strictObject({
  env: z.string(),
  url: z.string(),
  release: releaseIdSchema,
  model: z.string(),
  data: z.strictObject({ raw: z.string(), processed: z.string() }),
  at: z.iso.datetime(),
});

export async function writeReleasePointer(outDir: string, release: Release): Promise<void> {
  const m = release.manifest;
  const pointer = releasePointerSchema.parse({ id: m.id, dir: release.dir, model: m.model.version, data: m.data, code: m.code });
  await writeJsonAtomic(join(outDir, 'release.json'), pointer);
  // The file Nx hashes for the stages that read this one.
  await writeJsonAtomic(join(outDir, 'manifest.json'), { release: m.id });
}

export async function readReleasePointer(outDir: string): Promise<z.infer<typeof releasePointerSchema>> {
  return readJsonFile(join(outDir, 'release.json'), releasePointerSchema, { what: 'release pointer (written by the package stage)' });
}

export async function writeDeploymentRecord(outDir: string, env: string, url: string, release: Release): Promise<void> {
  const m = release.manifest;
  await writeJsonAtomic(join(outDir, 'deployment.json'), deploymentRecordSchema.parse({ env, url, release: m.id, model: m.model.version, data: m.data, at: new Date().toISOString() }));
}
