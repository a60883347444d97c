import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { FileError, readJsonFile, writeJsonAtomic } from '@cd4ml/fs';
import { csvFileStats } from './file-stats.ts';

const fileEntry = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  columns: z.array(z.string()),
  schemaHash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  manifestVersion: z.literal(1),
  /** Content hash over every file's name and sha256: the snapshot's data version. */
  dataVersion: z.string().regex(/^[0-9a-f]{64}$/),
  /** Free-form facts about how the snapshot was made (generator seed, source, ...). */
  source: z.record(z.string(), z.unknown()),
  files: z.record(z.string(), fileEntry),
  /** Optional summary statistics of the data (domain-defined), for comparing snapshots: volume, shift. */
  profile: z.record(z.string(), z.unknown()).optional(),
});

/** A data snapshot's manifest: like a `.dvc` file, small enough to commit and to use as an Nx input. */
export type Manifest = z.infer<typeof manifestSchema>;

/** Thrown when a manifest is missing, malformed or does not match the files it describes. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  constructor(
    message: string,
    readonly code: 'MANIFEST_MISSING' | 'MANIFEST_UNREADABLE' | 'MANIFEST_INVALID' | 'MANIFEST_MISMATCH',
  ) {
    super(message);
  }
}

/** Builds the manifest of the CSV files `names` inside `dir`. Names are sorted so the result is stable. */
export async function buildManifest(
  dir: string,
  names: readonly string[],
  source: Record<string, unknown> = {},
): Promise<Manifest> {
  const sorted = [...names].sort();
  const files: Manifest['files'] = {};
  for (const name of sorted) files[name] = await csvFileStats(join(dir, name));
  const version = createHash('sha256');
  for (const name of sorted) version.update(`${name}\0${files[name]?.sha256}\n`);
  return { manifestVersion: 1, dataVersion: version.digest('hex'), source, files };
}

/** Writes `manifest` atomically. */
export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  await writeJsonAtomic(path, manifest);
}

/**
 * Reads and checks a manifest, listing every schema problem at once, by field.
 *
 * @param missingHint what to do when there is none, e.g. "Record it: data record data/raw/kaggle"
 */
export async function readManifest(path: string, missingHint = 'Run the stage that writes it, or record a folder of files with the data CLI: npx tsx libs/cd4ml/data/src/cli.ts record <dir>'): Promise<Manifest> {
  try {
    return await readJsonFile(path, manifestSchema, { what: 'data manifest', missingHint });
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    throw new ManifestError(error.message, error.code === 'FILE_MISSING' ? 'MANIFEST_MISSING' : error.code === 'FILE_UNREADABLE' ? 'MANIFEST_UNREADABLE' : 'MANIFEST_INVALID');
  }
}

/**
 * Checks that the files in `dir` are exactly what `manifest` describes; throws a {@link ManifestError}
 * naming every file that is missing or changed.
 */
export async function verifyManifest(dir: string, manifest: Manifest): Promise<void> {
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(manifest.files)) {
    let actual;
    try {
      actual = await csvFileStats(join(dir, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(`${name}: ${code === 'ENOENT' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `unreadable (${(error as Error).message})`}`);
      continue;
    }
    if (actual.sha256 !== expected.sha256) {
      problems.push(`${name}: content changed (${expected.rows} rows expected, ${actual.rows} found)`);
    }
  }
  if (problems.length > 0) {
    throw new ManifestError(
      `Data in ${dir} does not match its manifest:\n  ${problems.join('\n  ')}\nRegenerate or re-record the snapshot.`,
      'MANIFEST_MISMATCH',
    );
  }
}
