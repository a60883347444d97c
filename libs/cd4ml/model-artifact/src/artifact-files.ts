import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileError, fileErrorFrom, readJsonFile, replaceDirAtomic, writeFileAtomic } from '@cd4ml/fs';
import { z } from 'zod';
import { ArtifactError } from './artifact-error.ts';

/** The artifact's manifest: every file with its checksum, written last, so it is the artifact's commit point. */
export const ARTIFACT_MANIFEST = 'manifest.json';

const manifestSchema = z.object({
  artifactVersion: z.literal(2),
  files: z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() })),
});
export type ArtifactManifest = z.infer<typeof manifestSchema>;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes an artifact's files and their manifest into `dir`, replacing the folder atomically: a
 * reader sees the old artifact or the whole new one, and a file changed afterwards no longer
 * matches its checksum.
 *
 * @param o.beforeSwap runs once every file is written, before the folder is swapped in: what must
 *   be committed with the artifact (a run record) goes here, and if it fails, `dir` is unchanged
 * @returns the manifest written
 */
export async function writeArtifactFiles(dir: string, files: Readonly<Record<string, Uint8Array | string>>, o: { beforeSwap?: () => Promise<void> } = {}): Promise<ArtifactManifest> {
  if (ARTIFACT_MANIFEST in files) throw new RangeError(`${ARTIFACT_MANIFEST} is written by writeArtifactFiles itself`);
  const manifest: ArtifactManifest = { artifactVersion: 2, files: {} };
  for (const name of Object.keys(files).sort()) {
    const content = files[name]!;
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    manifest.files[name] = { sha256: sha256(bytes), bytes: bytes.byteLength };
  }
  await replaceDirAtomic(dir, async (tmp) => {
    // A failed write names the file where it belongs, not its temporary folder.
    const write = (name: string, content: Uint8Array | string) =>
      writeFileAtomic(join(tmp, name), content).catch((error: unknown) => {
        throw error instanceof FileError ? new FileError(error.code, join(dir, name), error.message.replace(join(tmp, name), join(dir, name))) : error;
      });
    for (const [name, content] of Object.entries(files)) await write(name, content);
    await write(ARTIFACT_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
    await o.beforeSwap?.();
  });
  return manifest;
}

/**
 * Reads every file of an artifact and checks each against the manifest: a missing, changed or
 * unlisted file is an {@link ArtifactError} that names it. One flipped bit anywhere is caught here.
 *
 * @param missingHint what to do when there is no artifact, e.g. "Run it: npx nx run my-model:train"
 */
export async function readArtifactFiles(dir: string, missingHint = ''): Promise<{ manifest: ArtifactManifest; files: Map<string, Uint8Array> }> {
  const manifestPath = join(dir, ARTIFACT_MANIFEST);
  const manifest = await readJsonFile(manifestPath, manifestSchema, { what: 'artifact manifest' }).catch((error: { code?: string; message: string }) => {
    if (error.code === 'FILE_MISSING') throw new ArtifactError('MODEL_MISSING', `no model in ${dir} (no ${ARTIFACT_MANIFEST}).${missingHint ? ` ${missingHint}` : ''}`);
    throw new ArtifactError('MODEL_INVALID', error.message);
  });
  // A file the manifest does not list was added after the artifact was written: refuse it rather than ignore it.
  const unlisted = (await listFiles(dir)).filter((name) => name !== ARTIFACT_MANIFEST && !(name in manifest.files));
  if (unlisted.length > 0) throw new ArtifactError('MODEL_CORRUPT', `${join(dir, unlisted[0]!)} is not listed in ${manifestPath}: the artifact was changed after it was written. Remove the file, restore the artifact or retrain.`);
  const files = new Map<string, Uint8Array>();
  for (const [name, expected] of Object.entries(manifest.files)) {
    const path = join(dir, name);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (error) {
      throw new ArtifactError('MODEL_CORRUPT', `${fileErrorFrom(error, path).message} It is listed in ${manifestPath}; restore the artifact or retrain.`);
    }
    const actual = sha256(bytes);
    if (actual !== expected.sha256) {
      // Twelve digits tell two hashes apart, unless the difference is further in (a flip in the manifest's own copy).
      const [got, want] = actual.slice(0, 12) === expected.sha256.slice(0, 12) ? [actual, expected.sha256] : [actual.slice(0, 12), expected.sha256.slice(0, 12)];
      throw new ArtifactError('MODEL_CORRUPT', `${path} does not match ${manifestPath}: sha256 ${got}, expected ${want}. The file or the manifest is corrupt or was edited; restore the artifact or retrain.`);
    }
    files.set(name, bytes);
  }
  return { manifest, files };
}

/** Every file under `dir`, relative, with forward slashes. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}
