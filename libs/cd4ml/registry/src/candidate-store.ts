import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GATES_FILE, gateReportSchema, MODEL_FILE, readArtifactFiles, sha256, writeArtifactFiles, type GateReport } from '@cd4ml/model-artifact';
import { parseWith, recoverDir } from '@cd4ml/fs';
import { RegistryError } from './registry-error.ts';

/**
 * Stores a candidate content-addressed: the folder is named after the sha256 of its model file, so
 * the same model is stored once and a name always means the same bytes. The artifact is verified
 * against its manifest first, and `extraFiles` (gate results, a model card page) join it under a
 * new manifest.
 *
 * @param storeDir the store, e.g. `registry/store/rental-forecast`
 * @param artifactDir an artifact written by the train stage
 * @returns the candidate's key (full sha256), folder and every file it holds
 */
export async function registerCandidate(storeDir: string, artifactDir: string, extraFiles: Readonly<Record<string, string | Uint8Array>> = {}): Promise<{ key: string; dir: string; files: Map<string, Uint8Array> }> {
  const { files } = await readArtifactFiles(artifactDir);
  const model = files.get(MODEL_FILE);
  if (!model) throw new RegistryError('NOT_FOUND', `no ${MODEL_FILE} in ${artifactDir}: nothing to register`);
  const key = sha256(model);
  const dir = candidateDir(storeDir, key);
  const all = new Map(files);
  for (const [name, content] of Object.entries(extraFiles)) all.set(name, typeof content === 'string' ? Buffer.from(content) : content);
  await writeArtifactFiles(dir, Object.fromEntries(all));
  return { key, dir, files: all };
}

/**
 * Puts back every candidate a killed gate run had moved aside while replacing it (see
 * `replaceDirAtomic`), so a reader never takes a half-swapped candidate for a missing one.
 */
async function recoverCandidates(storeDir: string): Promise<void> {
  const names = await readdir(storeDir).catch(() => [] as string[]);
  const targets = new Set(names.flatMap((n) => /^\.([0-9a-f]{16})\..*\.tmp(\.old)?$/.exec(n)?.[1] ?? []));
  for (const key of targets) await recoverDir(join(storeDir, key));
}

/** Where a candidate lives; the first 16 hex digits of its sha256 name the folder. */
export function candidateDir(storeDir: string, key: string): string {
  return join(storeDir, key.slice(0, 16));
}

/** True when the candidate's folder exists (the store is local: a fresh clone has none). */
export async function hasCandidate(storeDir: string, key: string): Promise<boolean> {
  return stat(candidateDir(storeDir, key)).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * A stored candidate found by sha256 prefix, verified: every file matches its manifest, its
 * model matches its content address, and its gate report parses. Anything else is an error that
 * names the file.
 *
 * @param gateHint the command that stores candidates, for the "not found" message
 */
export async function readCandidate(storeDir: string, ref: string, gateHint: string): Promise<GateReport & { dir: string }> {
  await recoverCandidates(storeDir);
  const names = (await readdir(storeDir).catch(() => [] as string[])).filter((n) => n.startsWith(ref.slice(0, 16)));
  if (names.length !== 1) throw new RegistryError(names.length ? 'AMBIGUOUS' : 'NOT_FOUND', `${names.length ? 'several' : 'no'} candidates match ${ref} in ${storeDir}. ${gateHint}`);
  const dir = join(storeDir, names[0]!);
  const { files } = await readArtifactFiles(dir).catch((error: Error) => {
    throw new RegistryError('CORRUPT', `candidate ${dir} is damaged: ${error.message}`);
  });
  const key = sha256(files.get(MODEL_FILE) ?? new Uint8Array());
  if (!key.startsWith(names[0]!)) throw new RegistryError('CORRUPT', `candidate ${dir}: its ${MODEL_FILE} (sha256 ${key.slice(0, 16)}) does not match its content address. Remove the folder and run the gate again.`);
  const gates = files.get(GATES_FILE);
  if (!gates) throw new RegistryError('CORRUPT', `candidate ${dir} has no ${GATES_FILE}. Remove the folder and run the gate again.`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(gates).toString('utf8'));
  } catch {
    throw new RegistryError('CORRUPT', `${join(dir, GATES_FILE)} is not valid JSON. Remove the folder and run the gate again.`);
  }
  try {
    return { ...parseWith(gateReportSchema, json, join(dir, GATES_FILE), 'gate report'), dir };
  } catch (error) {
    throw new RegistryError('CORRUPT', (error as Error).message);
  }
}
