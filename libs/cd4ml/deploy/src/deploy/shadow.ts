import { DeployError } from '../deploy-error.ts';
import { loadEnvironment } from '../env/environment-config.ts';
import { readState, withEnvironmentLock, writeState } from '../env/environment-state.ts';
import { freePort, isOurs } from '../env/instances.ts';
import { readRelease } from '../release/release-manifest.ts';
import { smokeTest } from '../smoke/smoke-test.ts';
import { applyRoute, shadowLog } from './blue-green.ts';
import { startRelease, stopInstance, urlOf, waitReady, type DeployContext } from './context.ts';

/**
 * Starts a challenger release as production's shadow: it must be ready and pass its smoke test on
 * its own port; then the proxy sends it a copy of every request. Its answers go to
 * `environments/production/shadow.jsonl` beside the champion's, with the request id, and are never
 * returned. A shadow has its own data folder: what it would append never reaches production's.
 */
export async function startShadow(ctx: DeployContext, releaseId: string): Promise<{ release: string; log: string }> {
  const env = await loadEnvironment(ctx.environmentsDir, 'production', ctx.ports);
  const release = await readRelease(ctx.releasesDir, releaseId, { verify: true });
  return withEnvironmentLock(env.dir, async () => {
    let state = await readState(env.dir);
    const live = state?.live;
    if (!state || !live || !isOurs(live.pid, live.dir) || env.config.strategy !== 'blue-green') throw new DeployError('NOT_DEPLOYED', 'production serves nothing behind its proxy: deploy a release there first (npm run pipeline).');
    const liveRelease = await readRelease(ctx.releasesDir, live.release);
    if (state.shadow) await stopInstance(state.shadow);
    const instance = await startRelease(env, release, 'shadow', await freePort());
    try {
      await waitReady(instance, release, env.config.readyTimeoutSeconds);
      await smokeTest(urlOf(instance.port), release);
    } catch (error) {
      await stopInstance(instance);
      throw error;
    }
    state = await applyRoute(ctx, env, { ...state, shadow: instance }, { live: { release: live.release, port: live.port }, shadow: { release: release.manifest.id, port: instance.port } }, liveRelease);
    await writeState(env.dir, { ...state, shadow: instance });
    ctx.say(`production: release ${release.manifest.id} (model ${release.manifest.model.version}) shadows release ${live.release}; answers logged to ${shadowLog(env)}`);
    return { release: release.manifest.id, log: shadowLog(env) };
  });
}

/** Stops production's shadow; the proxy stops copying requests first. */
export async function stopShadow(ctx: DeployContext): Promise<boolean> {
  const env = await loadEnvironment(ctx.environmentsDir, 'production', ctx.ports);
  return withEnvironmentLock(env.dir, async () => {
    const state = await readState(env.dir);
    if (!state?.shadow) return false;
    if (state.live) {
      const liveRelease = await readRelease(ctx.releasesDir, state.live.release);
      await applyRoute(ctx, env, state, { live: { release: state.live.release, port: state.live.port } }, liveRelease);
    }
    await stopInstance(state.shadow);
    await writeState(env.dir, { ...state, shadow: undefined });
    ctx.say(`production: shadow ${state.shadow.release} stopped`);
    return true;
  });
}
