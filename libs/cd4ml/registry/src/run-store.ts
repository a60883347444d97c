import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cardMetricsSchema } from '@cd4ml/model-artifact';
import { sliceMetricsSchema } from '@cd4ml/evaluation';
import { readJsonFile, writeJsonAtomic } from '@cd4ml/fs';
import { z } from 'zod';
import { RegistryError } from './registry-error.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/** One training run as the tracking store keeps it: small JSON, one file per run. */
export const runRecordSchema = z.object({
  /** Unique per run: start time plus the run's content id. */
  id: z.string().regex(/^[\w.-]+$/),
  name: z.string().min(1),
  startedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  params: z.record(z.string(), z.unknown()),
  /** The card's metrics: primary metric, validation, baselines. */
  metrics: cardMetricsSchema,
  slices: z.array(sliceMetricsSchema).default([]),
  rawDataVersion: sha256,
  processedDataVersion: sha256,
  code: z.object({ commit: z.string(), dirty: z.boolean() }),
  modelSha256: sha256,
  modelVersion: z.string().min(1),
  /** Where the run wrote its artifact. */
  artifactDir: z.string().optional(),
  tags: z.record(z.string(), z.string()).default({}),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/** A run file that could not be read, and why; listed so one bad file never hides the others. */
export interface SkippedRun {
  file: string;
  reason: string;
}

/** Writes a run record as `<dir>/<id>.json`, atomically. */
export async function writeRun(dir: string, record: RunRecord): Promise<string> {
  const path = join(dir, `${record.id}.json`);
  await writeJsonAtomic(path, runRecordSchema.parse(record));
  return path;
}

/**
 * Every run in the store, oldest first, each checked with its schema; an absent store has none. A
 * corrupt record is skipped and reported, never fatal for the others.
 */
export async function listRuns(dir: string): Promise<{ runs: RunRecord[]; skipped: SkippedRun[] }> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const runs: RunRecord[] = [];
  const skipped: SkippedRun[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      runs.push(await readJsonFile(file, runRecordSchema, { what: 'run record' }));
    } catch (error) {
      skipped.push({ file, reason: (error as Error).message });
    }
  }
  runs.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1));
  return { runs, skipped };
}

/**
 * One run by id or unique id prefix (or suffix); "latest" (or "latest~N") counts back from the newest.
 *
 * @param trainHint the command that records runs, for the "no run" message
 */
export async function readRun(dir: string, ref: string, trainHint = ''): Promise<RunRecord> {
  const { runs } = await listRuns(dir);
  const back = /^latest(?:~(\d+))?$/.exec(ref);
  if (back) {
    const run = runs[runs.length - 1 - Number(back[1] ?? 0)];
    if (!run) throw new RegistryError('NOT_FOUND', `no run ${ref} in ${dir}: it holds ${runs.length} readable run(s).${trainHint ? ` ${trainHint}` : ''}`);
    return run;
  }
  const matches = runs.filter((r) => r.id.startsWith(ref) || r.id.endsWith(ref));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new RegistryError('NOT_FOUND', `no run ${ref} in ${dir}. List runs with the "list" command.`);
  throw new RegistryError('AMBIGUOUS', `run ${ref} is ambiguous in ${dir}: ${matches.map((r) => r.id).join(', ')}`);
}
