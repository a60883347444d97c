import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile } from '@cd4ml/fs';
import { gateReportSchema } from '@cd4ml/model-artifact';
import { z } from 'zod';
import { appDescriptorSchema } from '../app-descriptor.ts';
import { DeployError } from '../deploy-error.ts';
import { hashFile, listFilesDeep } from './hash-files.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/** A release id: the first 16 hex digits of its content hash. */
export const releaseIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a release id: 16 hex digits');

/**
 * `release.json`, the release manifest: what the release is (app, code, data, model, gates, the
 * lockfile it was built with) and the sha256 of every other file in the folder. Written once, when
 * the release is made; a release is never modified afterwards.
 */
export const releaseManifestSchema = z.strictObject({
  formatVersion: z.literal(1),
  id: releaseIdSchema,
  createdAt: z.iso.datetime(),
  app: appDescriptorSchema,
  code: z.strictObject({ commit: z.string(), dirty: z.boolean() }),
  model: z.strictObject({ name: z.string(), version: z.string(), sha256, dir: z.literal('model') }),
  data: z.strictObject({ raw: sha256, processed: sha256 }),
  gates: gateReportSchema,
  lockfileSha256: sha256,
  files: z.record(z.string(), sha256),
});
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;

/** File name of the manifest, at the root of a release folder. */
export const RELEASE_MANIFEST = 'release.json';

/** A release folder and its manifest. */
export interface Release {
  dir: string;
  manifest: ReleaseManifest;
}

/**
 * Reads a release: its manifest with its schema, and (with `verify`) every file against it: a
 * missing, changed or added file is refused, naming it. Deploys verify; listings do not.
 */
export async function readRelease(releasesDir: string, id: string, o: { verify?: boolean } = {}): Promise<Release> {
  const dir = join(releasesDir, id);
  const path = join(dir, RELEASE_MANIFEST);
  if (!existsSync(path)) throw new DeployError('RELEASE_MISSING', `no release ${id} in ${releasesDir} (no ${path}). List the releases with: npx tsx libs/cd4ml/deploy/src/cli.ts releases; or make one: npx nx run <app>:package`);
  const manifest = await readJsonFile(path, releaseManifestSchema, { what: 'release manifest' }).catch((error: Error) => {
    throw new DeployError('RELEASE_INVALID', `${error.message}\nA release is never edited: remove ${dir} and package it again.`);
  });
  if (manifest.id !== id) throw new DeployError('RELEASE_INVALID', `${path} says it is release ${manifest.id}, but its folder is ${id}: the folder was renamed. Remove it and package again.`);
  if (o.verify) await verifyFiles(dir, manifest);
  return { dir, manifest };
}

async function verifyFiles(dir: string, manifest: ReleaseManifest): Promise<void> {
  const fail = (what: string) => {
    throw new DeployError('RELEASE_INVALID', `release ${manifest.id} in ${dir}: ${what}. A release is never modified once written: remove the folder and package it again.`);
  };
  const present = (await listFilesDeep(dir)).filter((f) => f !== RELEASE_MANIFEST);
  const added = present.find((f) => !(f in manifest.files));
  if (added) fail(`${added} is not listed in ${RELEASE_MANIFEST}`);
  for (const [file, expected] of Object.entries(manifest.files)) {
    const actual = await hashFile(join(dir, file)).catch(() => fail(`${file} is missing`));
    if (actual !== expected) fail(`${file} has sha256 ${String(actual).slice(0, 12)}, expected ${expected.slice(0, 12)}`);
  }
}

/** Every release in the folder, newest first; a folder that is not a release (a temporary of a killed packager) is left out. */
export async function listReleases(releasesDir: string): Promise<Release[]> {
  const names = (await readdir(releasesDir).catch(() => [] as string[])).filter((n) => releaseIdSchema.safeParse(n).success);
  const releases: Release[] = [];
  for (const name of names) {
    const release = await readRelease(releasesDir, name).catch(() => undefined);
    if (release) releases.push(release);
  }
  return releases.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt));
}
