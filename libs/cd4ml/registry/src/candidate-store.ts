import { createHash } from 'node:crypto';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceDirAtomic, writeFileAtomic } from '@cd4ml/data';

/** Thrown for a registry operation that cannot be done, with what to do instead. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly code: 'NOT_FOUND' | 'AMBIGUOUS' | 'NOTHING_TO_ROLL_BACK' | 'INVALID',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Stores a candidate content-addressed: the directory is named after the sha256 of its model file,
 * so the same model is stored once and a name always means the same bytes. Every file of
 * `sourceDir` is copied, plus `extraFiles` (e.g. gate results, a model card page).
 *
 * @param storeDir the store, e.g. `registry/store/sales-forecast`
 * @param sourceDir an artifact directory
 * @param modelFile the file whose bytes name the candidate
 * @returns the candidate's key (full sha256) and directory
 */
export async function registerCandidate(
  storeDir: string,
  sourceDir: string,
  options: { modelFile?: string; extraFiles?: Record<string, string | Uint8Array> } = {},
): Promise<{ key: string; dir: string }> {
  const bytes = await readFile(join(sourceDir, options.modelFile ?? 'model.onnx')).catch(() => {
    throw new RegistryError('NOT_FOUND', `no ${options.modelFile ?? 'model.onnx'} in ${sourceDir}: nothing to register`);
  });
  const key = createHash('sha256').update(bytes).digest('hex');
  const dir = candidateDir(storeDir, key);
  await replaceDirAtomic(dir, async (tmp) => {
    for (const name of await readdir(sourceDir)) await cp(join(sourceDir, name), join(tmp, name), { recursive: true });
    for (const [name, content] of Object.entries(options.extraFiles ?? {})) await writeFileAtomic(join(tmp, name), content);
  });
  return { key, dir };
}

/** Where a candidate lives; the first 16 hex digits of its sha256 name the folder. */
export function candidateDir(storeDir: string, key: string): string {
  return join(storeDir, key.slice(0, 16));
}

/** True when the candidate's directory exists (the store is local: a fresh clone has none). */
export async function hasCandidate(storeDir: string, key: string): Promise<boolean> {
  return stat(candidateDir(storeDir, key)).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
