import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '@cd4ml/data';
import { RegistryError } from './candidate-store.ts';

/** One training run as the tracking store keeps it: small JSON, one file per run. */
export interface RunRecord {
  /** Unique per run: start time plus the run's content id. */
  id: string;
  name: string;
  startedAt: string;
  durationMs: number;
  params: Record<string, unknown>;
  /** Headline metrics, e.g. { "validation.nwrmsle": 0.36 }, nested objects allowed. */
  metrics: Record<string, unknown>;
  /** Metrics per slice: [{ dimension, slice, metrics }]. */
  slices?: unknown[];
  /** Data version: the hash of the data manifest. */
  dataVersion: string;
  code: { commit: string; dirty: boolean };
  modelSha256: string;
  modelVersion: string;
  /** Where the run wrote its artifact. */
  artifactDir?: string;
  tags?: Record<string, string>;
}

/** Writes a run record as `<dir>/<id>.json`, atomically. */
export async function writeRun(dir: string, record: RunRecord): Promise<string> {
  const path = join(dir, `${record.id}.json`);
  await writeJsonAtomic(path, record);
  return path;
}

/** Every run in the store, oldest first; an absent store has none. */
export async function listRuns(dir: string): Promise<RunRecord[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const runs = await Promise.all(names.filter((n) => n.endsWith('.json')).map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as RunRecord));
  return runs.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1));
}

/** One run by id or unique id prefix; "latest" (or "latest~N") counts back from the newest run. */
export async function readRun(dir: string, ref: string): Promise<RunRecord> {
  const runs = await listRuns(dir);
  const back = /^latest(?:~(\d+))?$/.exec(ref);
  if (back) {
    const run = runs[runs.length - 1 - Number(back[1] ?? 0)];
    if (!run) throw new RegistryError('NOT_FOUND', `no run ${ref} in ${dir}: it holds ${runs.length} run(s). Train first: npx nx run sales-model:train`);
    return run;
  }
  const matches = runs.filter((r) => r.id.startsWith(ref) || r.id.endsWith(ref));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new RegistryError('NOT_FOUND', `no run ${ref} in ${dir}. List runs with the "list" command.`);
  throw new RegistryError('AMBIGUOUS', `run ${ref} is ambiguous in ${dir}: ${matches.map((r) => r.id).join(', ')}`);
}
