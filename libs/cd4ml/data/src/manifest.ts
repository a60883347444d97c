import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '@cd4ml/fs';
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
    readonly code: 'MANIFEST_MISSING' | 'MANIFEST_INVALID' | 'MANIFEST_MISMATCH',
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

/** Reads and checks a manifest, listing every schema problem at once. */
export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ManifestError(`No manifest at ${path}. Run the stage that writes it first.`, 'MANIFEST_MISSING');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`Manifest ${path} is not valid JSON: ${(error as Error).message}`, 'MANIFEST_INVALID');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ManifestError(`Manifest ${path} is invalid:\n  ${problems.join('\n  ')}`, 'MANIFEST_INVALID');
  }
  return parsed.data;
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
    } catch {
      problems.push(`${name}: missing`);
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
