import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeployError } from '../deploy-error.ts';
import type { Environment } from '../env/environment-config.ts';
import type { HistoryEntry, Instance } from '../env/environment-state.ts';
import { isOurs, logTail, startDetached, stopProcess } from '../env/instances.ts';
import type { Release } from '../release/release-manifest.ts';

/** Where releases and environments live, and where a step says what it does. */
export interface DeployContext {
  environmentsDir: string;
  releasesDir: string;
  workspaceRoot: string;
  say: (line: string) => void;
}

/** The URL of a loopback port. */
export const urlOf = (port: number) => `http://127.0.0.1:${port}`;

/**
 * Fault injection for tests, through `CD4ML_FAULT` (as in @cd4ml/fs): `crash-after-switch` kills the
 * new release right after the proxy switched to it, like a release that dies under production
 * traffic. Only for tests and the drill of WORKSHOP.md (scenario 4), never in a real deploy.
 */
export const faultAimed = (name: 'crash-after-switch') => (process.env['CD4ML_FAULT'] ?? '').split(',').includes(name);

/**
 * Starts a release as a detached process in the environment, with the app's own start command
 * (`app.json`): `node <args>` from the release folder. Its pid file and log are in
 * `<env>/run/<slot>/`; `{data}` is the environment's data folder (a shadow gets its own).
 */
export async function startRelease(env: Environment, release: Release, slot: Instance['slot'], port: number): Promise<Instance> {
  const dir = join(env.dir, 'run', slot);
  const data = slot === 'shadow' ? join(dir, 'data') : join(env.dir, 'data');
  const values: Record<string, string> = { release: resolve(release.dir), model: resolve(release.dir, release.manifest.model.dir), port: String(port), instance: resolve(dir), data: resolve(data) };
  const args = release.manifest.app.start.map((a) => a.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m));
  // CD4ML_RELEASE: the app shows which release it serves (model_info's release_id, @cd4ml/serving).
  const { pid } = await startDetached({ dir, name: 'app', args, cwd: release.dir, env: { PORT: String(port), CD4ML_RELEASE: release.manifest.id } });
  return { release: release.manifest.id, slot, port, pid, dir, startedAt: new Date().toISOString() };
}

/** An app that answers but says "not ready" with the same reason this long has refused itself (a bad model), not still loading. */
const SAME_REFUSAL_SECONDS = 5;

/**
 * Waits until the instance answers its readiness path with 200. A process that exits, stays
 * unready past the timeout, or answers "not ready" with the same reason for 5 s is stopped, and
 * the error quotes its answer and its log.
 */
export async function waitReady(instance: Instance, release: Release, timeoutSeconds: number): Promise<void> {
  const url = `${urlOf(instance.port)}${release.manifest.app.smoke.ready}`;
  const log = join(instance.dir, 'app.log');
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = 'no answer yet';
  let since = Date.now();
  const refuse = async (what: string) => {
    await stopProcess(instance.pid, instance.dir);
    throw new DeployError('NOT_READY', `release ${instance.release} ${what} at ${url}: ${last}; stopped it. The end of ${log}:\n${await logTail(log)}`);
  };
  while (Date.now() < deadline) {
    if (!isOurs(instance.pid, instance.dir)) throw new DeployError('START_FAILED', `release ${instance.release} exited before it was ready on port ${instance.port}. The end of ${log}:\n${await logTail(log)}`);
    let answer: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const text = await res.text();
      if (res.status === 200) return;
      answer = `${res.status} ${text.slice(0, 400)}`;
    } catch (error) {
      answer = `no answer (${(error as Error).message})`;
    }
    if (answer !== last) since = Date.now();
    last = answer;
    if (!answer.startsWith('no answer') && Date.now() - since > SAME_REFUSAL_SECONDS * 1000) await refuse(`answered "not ready" for ${SAME_REFUSAL_SECONDS} s`);
    await sleep(150);
  }
  await refuse(`was not ready within ${timeoutSeconds} s`);
}

/** Stops an instance (graceful, then forced); one that is gone is fine. */
export const stopInstance = (i: Instance | undefined) => (i ? stopProcess(i.pid, i.dir) : Promise.resolve());

/** Polls `check` until it returns true or `ms` pass. */
export async function until(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(50);
  }
  return false;
}

/** A history line for a release. */
export const historyOf = (release: Release, action: HistoryEntry['action'], previous: string | null, reason?: string): HistoryEntry => ({
  at: new Date().toISOString(),
  action,
  release: release.manifest.id,
  previous,
  model: release.manifest.model.version,
  data: release.manifest.data,
  code: `${release.manifest.code.commit.slice(0, 12)}${release.manifest.code.dirty ? '+dirty' : ''}`,
  ...(reason ? { reason } : {}),
});

