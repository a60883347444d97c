import { existsSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '@cd4ml/fs';
import { z } from 'zod';
import { DeployError } from '../deploy-error.ts';
import { releaseIdSchema } from '../release/release-manifest.ts';
import { isAlive } from './instances.ts';

/** One running process of a release: where it listens and where its files are. */
export const instanceSchema = z.strictObject({
  release: releaseIdSchema,
  slot: z.enum(['single', 'blue', 'green', 'shadow']),
  port: z.number().int(),
  pid: z.number().int(),
  /** The process's own folder: pid file, log, prediction log. */
  dir: z.string(),
  startedAt: z.iso.datetime(),
});
export type Instance = z.infer<typeof instanceSchema>;

/** `environments/<env>/state.json`, gitignored: what runs in the environment now. */
export const environmentStateSchema = z.strictObject({
  url: z.string(),
  live: instanceSchema.optional(),
  /** Started by a deploy that has not finished: the next deploy or stop cleans it up. */
  pending: instanceSchema.optional(),
  shadow: instanceSchema.optional(),
  proxy: z.strictObject({ pid: z.number().int(), port: z.number().int(), log: z.string() }).optional(),
});
export type EnvironmentState = z.infer<typeof environmentStateSchema>;

/** One line of `environments/<env>/history.json`: every release that served there, and every refused one. */
export const historyEntrySchema = z.strictObject({
  at: z.iso.datetime(),
  action: z.enum(['deploy', 'rollback', 'auto-rollback', 'refused']),
  release: releaseIdSchema,
  previous: releaseIdSchema.nullable(),
  model: z.string(),
  data: z.strictObject({ raw: z.string(), processed: z.string() }),
  code: z.string(),
  reason: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const statePath = (envDir: string) => join(envDir, 'state.json');
const historyPath = (envDir: string) => join(envDir, 'history.json');

/** The environment's state, or undefined when nothing was deployed (or everything was stopped). */
export async function readState(envDir: string): Promise<EnvironmentState | undefined> {
  if (!existsSync(statePath(envDir))) return undefined;
  return readJsonFile(statePath(envDir), environmentStateSchema, { what: 'environment state' }).catch((error: Error) => {
    throw new DeployError('ENV_INVALID', `${error.message}\nStop the environment (npm run stop) and deploy again; the file is state, not configuration.`);
  });
}

/** Writes the state atomically: a kill leaves the old state or the new one. */
export async function writeState(envDir: string, state: EnvironmentState | undefined): Promise<void> {
  if (state) await writeJsonAtomic(statePath(envDir), environmentStateSchema.parse(state));
  else await rm(statePath(envDir), { force: true });
}

export async function readHistory(envDir: string): Promise<HistoryEntry[]> {
  if (!existsSync(historyPath(envDir))) return [];
  return readJsonFile(historyPath(envDir), z.array(historyEntrySchema), { what: 'release history' });
}

export async function appendHistory(envDir: string, entry: HistoryEntry): Promise<void> {
  await writeJsonAtomic(historyPath(envDir), [...(await readHistory(envDir)), historyEntrySchema.parse(entry)]);
}

/**
 * Runs `step` holding the environment's lock (`.lock`, holding the pid): two deploys to one
 * environment at once are refused. A lock left by a killed deploy (its pid is gone) is taken over.
 */
export async function withEnvironmentLock<T>(envDir: string, step: () => Promise<T>): Promise<T> {
  const lock = join(envDir, '.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
      if (holder && isAlive(holder)) throw new DeployError('ENV_BUSY', `${envDir} is being changed by process ${holder} (${lock}); wait for it to finish.`);
      await rm(lock, { force: true });
    }
  }
  try {
    return await step();
  } finally {
    await rm(lock, { force: true });
  }
}
