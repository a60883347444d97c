import { writeJsonAtomic } from '@cd4ml/fs';
import type { PostTasksExecutionContext } from 'nx/src/devkit-exports.js';
import { z } from 'zod';

/** The environment variable that asks the plugin for a run summary, and names its file. */
export const RUN_SUMMARY_ENV = 'CD4ML_RUN_SUMMARY';

/** What one Nx invocation did, task by task: written by the plugin's post-run hook, read by the pipeline runner. */
export const runSummarySchema = z.object({
  startTime: z.number(),
  endTime: z.number(),
  tasks: z.array(
    z.object({
      id: z.string(),
      project: z.string(),
      target: z.string(),
      /** Nx's own status: success, failure, skipped, stopped, local-cache, local-cache-kept-existing, remote-cache. */
      status: z.string(),
      cached: z.boolean(),
      code: z.number(),
      startTime: z.number().optional(),
      endTime: z.number().optional(),
    }),
  ),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/**
 * Nx's post-run hook: when the runner set CD4ML_RUN_SUMMARY, writes which tasks ran, came from
 * the cache or failed, from Nx's own task results. The runner reads this file instead of parsing
 * Nx's printed (English, version-dependent) output.
 */
export async function writeRunSummary(context: PostTasksExecutionContext): Promise<void> {
  const path = process.env[RUN_SUMMARY_ENV];
  if (!path) return;
  const tasks = Object.values(context.taskResults).map((r) => ({
    id: r.task.id,
    project: r.task.target.project,
    target: r.task.target.target,
    status: r.status,
    cached: r.status === 'local-cache' || r.status === 'local-cache-kept-existing' || r.status === 'remote-cache',
    code: r.code,
    ...(r.task.startTime === undefined ? {} : { startTime: r.task.startTime }),
    ...(r.task.endTime === undefined ? {} : { endTime: r.task.endTime }),
  }));
  await writeJsonAtomic(path, { startTime: context.startTime, endTime: context.endTime, tasks } satisfies RunSummary);
}
