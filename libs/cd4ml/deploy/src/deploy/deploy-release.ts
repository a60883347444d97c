import { DeployError } from '../deploy-error.ts';
import { loadEnvironment, type Environment, type EnvironmentName } from '../env/environment-config.ts';
import { appendHistory, readState, withEnvironmentLock, writeState, type EnvironmentState, type Instance } from '../env/environment-state.ts';
import { assertPortFree, isOurs } from '../env/instances.ts';
import { readRelease, type Release } from '../release/release-manifest.ts';
import { smokeTest, type SmokeResult } from '../smoke/smoke-test.ts';
import { switchBlueGreen } from './blue-green.ts';
import { historyOf, startRelease, stopInstance, urlOf, waitReady, type DeployContext } from './context.ts';

/** What a deploy did. */
export interface DeployOutcome {
  env: EnvironmentName;
  url: string;
  release: Release;
  previous: string | null;
  /** False when the environment already served this release, healthy: nothing was touched. */
  changed: boolean;
  smoke?: SmokeResult;
  seconds: number;
}

/** True when the instance is ours, alive and ready. */
async function healthy(i: Instance | undefined, release: Release): Promise<boolean> {
  if (!i || !isOurs(i.pid, i.dir)) return false;
  const res = await fetch(`${urlOf(i.port)}${release.manifest.app.smoke.ready}`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
  return res?.status === 200;
}

/**
 * Deploys a release to an environment and smoke-tests it there, holding the environment's lock.
 * `replace` (staging) stops the old process and starts the new one on the port; `blue-green`
 * (production) starts it beside the old one, smoke-tests it, switches the proxy, watches it, and
 * rolls back by itself if anything fails, so production serves throughout. A release the
 * environment already serves, healthy, is left alone.
 */
export async function deployRelease(ctx: DeployContext, name: EnvironmentName, releaseId: string, o: { action?: 'deploy' | 'rollback' } = {}): Promise<DeployOutcome> {
  const started = performance.now();
  const env = await loadEnvironment(ctx.environmentsDir, name, ctx.ports);
  const release = await readRelease(ctx.releasesDir, releaseId);
  return withEnvironmentLock(env.dir, async () => {
    let state = await readState(env.dir);
    const previous = state?.live?.release ?? null;
    if (state?.pending) {
      ctx.say(`${name}: stopping release ${state.pending.release}, left half-deployed by an earlier deploy that did not finish`);
      await stopInstance(state.pending);
      state = { ...state, pending: undefined };
      await writeState(env.dir, state);
    }
    const proxyUp = env.config.strategy === 'replace' || (state?.proxy !== undefined && isOurs(state.proxy.pid, `${env.dir}/proxy`));
    if (state?.live?.release === release.manifest.id && proxyUp && (await healthy(state.live, release))) {
      ctx.say(`${name}: already serves release ${release.manifest.id} (model ${release.manifest.model.version}) at ${state.url}, healthy: nothing to do`);
      return { env: name, url: state.url, release, previous, changed: false, seconds: (performance.now() - started) / 1000 };
    }
    // Every file is checked against the manifest before the release starts (not for the no-op above: 50 MB, 0.2 s).
    await readRelease(ctx.releasesDir, releaseId, { verify: true });
    const old = previous ? await readRelease(ctx.releasesDir, previous).catch(() => undefined) : undefined;
    const smoke =
      env.config.strategy === 'blue-green'
        ? await switchBlueGreen(ctx, env, release, old, state)
        : await replace(ctx, env, release, old, state);
    await appendHistory(env.dir, historyOf(release, o.action ?? 'deploy', previous));
    ctx.say(`${name}: serves release ${release.manifest.id} (model ${release.manifest.model.version}) at ${urlOf(env.config.port)}; smoke test passed (${smoke.rows} holdout rows, largest difference ${smoke.maxAbsDiff.toPrecision(3)})`);
    return { env: name, url: urlOf(env.config.port), release, previous, changed: true, smoke, seconds: (performance.now() - started) / 1000 };
  });
}

/**
 * The `replace` strategy: stop, start, smoke. When the new release fails, the previous one is
 * started again, and the error says so.
 */
async function replace(ctx: DeployContext, env: Environment, release: Release, old: Release | undefined, state: EnvironmentState | undefined): Promise<SmokeResult> {
  const name = env.config.name;
  if (state?.live) await stopInstance(state.live);
  await writeState(env.dir, undefined);
  await assertPortFree(env.config.port, `${name}'s port`);
  const url = urlOf(env.config.port);
  const attempt = async (r: Release): Promise<SmokeResult> => {
    const instance = await startRelease(env, r, 'single', env.config.port);
    await writeState(env.dir, { url, pending: instance });
    try {
      await waitReady(instance, r, env.config.readyTimeoutSeconds);
      const smoke = await smokeTest(url, r);
      await writeState(env.dir, { url, live: instance });
      return smoke;
    } catch (error) {
      await stopInstance(instance);
      await writeState(env.dir, undefined);
      throw error;
    }
  };
  try {
    return await attempt(release);
  } catch (error) {
    await appendHistory(env.dir, historyOf(release, 'refused', state?.live?.release ?? null, (error as Error).message.split('\n')[0]));
    if (!old) throw error;
    ctx.say(`${name}: release ${release.manifest.id} failed; starting release ${old.manifest.id} again`);
    await attempt(old).catch(() => undefined);
    throw new DeployError((error as DeployError).code ?? 'SMOKE_FAILED', `${(error as Error).message}\n${name} serves release ${old.manifest.id} again.`);
  }
}
