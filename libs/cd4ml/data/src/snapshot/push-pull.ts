import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@cd4ml/fs';
import { csvFileStats } from '../file-stats.ts';
import { verifyManifest, type Manifest, type ManifestError } from '../manifest.ts';
import { StoreError, type ContentStore } from './content-store.ts';

/**
 * Uploads a snapshot: verifies the files in `dir` against `manifest`, then puts each file under its
 * sha256 (skipping blobs the store already has) and the manifest under its data version.
 * @returns how many blobs were uploaded and how many were already there
 */
export async function pushSnapshot(dir: string, manifest: Manifest, store: ContentStore): Promise<{ uploaded: number; present: number }> {
  await verifyManifest(dir, manifest);
  let uploaded = 0;
  let present = 0;
  for (const [name, entry] of Object.entries(manifest.files)) {
    if (await store.has(entry.sha256)) present += 1;
    else {
      await store.put(entry.sha256, join(dir, name));
      uploaded += 1;
    }
  }
  await store.putManifest(manifest.dataVersion, `${JSON.stringify(manifest, null, 2)}\n`);
  return { uploaded, present };
}

/**
 * Downloads the files of `manifest` from `store` into `dir`, checks every file's sha256 and writes
 * the manifest beside them as `manifest.json`. Each file lands atomically; a corrupt blob is refused.
 */
export async function pullSnapshot(manifest: Manifest, store: ContentStore, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, entry] of Object.entries(manifest.files)) {
    const target = join(dir, name);
    const existing = await csvFileStats(target).catch(() => undefined);
    if (existing?.sha256 === entry.sha256) continue;
    // Download beside the target and check before renaming, so a corrupt blob never lands.
    const tmp = join(dir, `.${name}.pull.tmp`);
    await store.get(entry.sha256, tmp);
    const got = await csvFileStats(tmp);
    if (got.sha256 !== entry.sha256) {
      await rm(tmp, { force: true });
      throw new StoreError(`${store.location}: blob ${entry.sha256} for ${name} is corrupt (sha256 ${got.sha256}). Push the snapshot again.`, 'STORE_CORRUPT');
    }
    await rename(tmp, target);
  }
  await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await verifyManifest(dir, manifest).catch((error: ManifestError) => {
    throw new StoreError(error.message, 'STORE_CORRUPT');
  });
}
