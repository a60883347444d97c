import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '@cd4ml/fs';
import { z } from 'zod';
import { stageResultsSchema } from './stage-results.ts';

const outcome = z.enum(['ran', 'cached', 'failed', 'skipped', 'not run']);

/** One pipeline run, as written to `<records>/runs/<runId>.json` and read back for the report's history. */
export const pipelineRunRecordSchema = z.object({
  runId: z.string().regex(/^[0-9TZ-]+-[0-9a-f]{4}$/),
  pipeline: z.string(),
  startedAt: z.iso.datetime(),
  seconds: z.number().nonnegative(),
  passed: z.boolean(),
  code: z.object({ commit: z.string(), dirty: z.boolean() }),
  stages: z.array(z.object({ stage: z.string(), description: z.string(), outcome, seconds: z.number().nonnegative() })),
  /** Tasks of the graph that are not stages (a consumer's tests that write pact files). */
  otherTasks: z.array(z.object({ id: z.string(), outcome })),
  failure: z.object({ stage: z.string(), reason: z.array(z.string()) }).optional(),
  results: stageResultsSchema,
});
export type PipelineRunRecord = z.infer<typeof pipelineRunRecordSchema>;

/** A run id that sorts by time: `2026-12-01T01-39-24Z-3f9a`. */
export function newRunId(at: Date, random = Math.random): string {
  const hex = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}-${hex}`;
}

/** Writes the record (atomically) and returns its path. */
export async function writeRunRecord(recordsDir: string, record: PipelineRunRecord): Promise<string> {
  const path = join(recordsDir, 'runs', `${record.runId}.json`);
  await writeJsonAtomic(path, pipelineRunRecordSchema.parse(record));
  return path;
}

/**
 * The latest `limit` run records, oldest first, each parsed with its schema. A record that does not
 * parse (hand-edited, from an older runner) is skipped and named in `skipped`: the history must not
 * stop a run.
 */
export async function recentRunRecords(recordsDir: string, limit = 30): Promise<{ records: PipelineRunRecord[]; skipped: string[] }> {
  const dir = join(recordsDir, 'runs');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort().slice(-limit);
  const records: PipelineRunRecord[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    try {
      records.push(await readJsonFile(join(dir, name), pipelineRunRecordSchema, { what: 'pipeline run record' }));
    } catch {
      skipped.push(join(dir, name));
    }
  }
  return { records, skipped };
}
