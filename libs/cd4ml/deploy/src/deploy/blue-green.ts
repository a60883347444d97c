import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { writeJsonAtomic } from '@cd4ml/fs';
import { DeployError } from '../deploy-error.ts';
import type { Environment } from '../env/environment-config.ts';
import { appendHistory, writeState, type EnvironmentState, type Instance } from '../env/environment-state.ts';
import { assertPortFree, freePort, isOurs, startDetached } from '../env/instances.ts';
import { RELEASE_HEADER, type Route } from '../proxy/route.ts';
import type { Release } from '../release/release-manifest.ts';
import { smokeTest, type SmokeResult } from '../smoke/smoke-test.ts';
import { faultAimed, historyOf, startRelease, stopInstance, until, urlOf, waitReady, type DeployContext } from './context.ts';

const PROXY_CLI = fileURLToPath(new URL('../proxy/proxy-cli.ts', import.meta.url));
// The proxy is platform code run from the workspace (not part of a release): TypeScript through tsx's loader, found from here, not from the working folder.
const TSX = import.meta.resolve('tsx');

/** The route file and shadow log of a blue/green environment. */
export const routeFile = (env: Environment) => join(env.dir, 'route.json');
export const shadowLog = (env: Environment) => join(env.dir, 'shadow.jsonl');

/** Which release the proxy answers with now (its header on the health path), or undefined. */
async function servedBy(env: Environment, release: Release): Promise<string | undefined> {
  const res = await fetch(`${urlOf(env.config.port)}${release.manifest.app.smoke.health}`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
  await res?.arrayBuffer();
  return res?.headers.get(RELEASE_HEADER) ?? undefined;
}

/**
 * Points the proxy at `route`: the file is written atomically, then the proxy is told (SIGHUP) or
 * started; returns once answers through the stable port come from `route.live`.
 */
export async function applyRoute(ctx: DeployContext, env: Environment, state: EnvironmentState, route: Route, release: Release): Promise<EnvironmentState> {
  await writeJsonAtomic(routeFile(env), route);
  let next = state;
  if (state.proxy && isOurs(state.proxy.pid, join(env.dir, 'proxy'))) process.kill(state.proxy.pid, 'SIGHUP');
  else {
    await assertPortFree(env.config.port, `${env.config.name}'s stable port`);
    const args = ['--import', TSX, PROXY_CLI, '--port', String(env.config.port), '--route', routeFile(env), '--shadow-log', shadowLog(env)];
    const { pid, log } = await startDetached({ dir: join(env.dir, 'proxy'), name: 'proxy', args, cwd: ctx.workspaceRoot });
    next = { ...state, proxy: { pid, port: env.config.port, log } };
    await writeState(env.dir, next);
    ctx.say(`${env.config.name}: proxy started on ${urlOf(env.config.port)} (pid ${pid}, log ${log})`);
  }
  if (!(await until(10_000, async () => (await servedBy(env, release)) === route.live.release))) {
    throw new DeployError('START_FAILED', `the proxy on ${urlOf(env.config.port)} did not switch to release ${route.live.release} within 10 s; see ${join(env.dir, 'proxy', 'proxy.log')}`);
  }
  return next;
}

/** Watches the release through the stable port for `seconds`: alive, ready, answering with its own model. */
async function postDeployCheck(env: Environment, instance: Instance, release: Release, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  const { smoke } = release.manifest.app;
  do {
    if (!isOurs(instance.pid, instance.dir)) throw new DeployError('SMOKE_FAILED', `post-deploy check: release ${release.manifest.id} exited after the switch (pid ${instance.pid})`);
    const ready = await fetch(`${urlOf(env.config.port)}${smoke.ready}`, { signal: AbortSignal.timeout(2000) }).catch((e: Error) => e);
    if (ready instanceof Error || ready.status !== 200 || ready.headers.get(RELEASE_HEADER) !== release.manifest.id) {
      const what = ready instanceof Error ? ready.message : ready.headers.get(RELEASE_HEADER) !== release.manifest.id ? `the fallback release ${ready.headers.get(RELEASE_HEADER)} answered for it` : `status ${ready.status}`;
      throw new DeployError('SMOKE_FAILED', `post-deploy check: release ${release.manifest.id} did not answer ${smoke.ready} through ${urlOf(env.config.port)}: ${what}`);
    }
    await ready.arrayBuffer();
    await sleep(200);
  } while (Date.now() < deadline);
  await smokeTest(urlOf(env.config.port), release);
}

/**
 * Blue/green: the new release starts on a spare port beside the live one, must become ready and
 * pass its smoke test there, and only then does the proxy switch to it (the old one stays as the
 * fallback). It is then watched through the stable port; if it fails, the proxy switches back and
 * the new release stops. Production answers every request throughout.
 */
export async function switchBlueGreen(ctx: DeployContext, env: Environment, release: Release, old: Release | undefined, prior: EnvironmentState | undefined): Promise<SmokeResult> {
  const name = env.config.name;
  let state: EnvironmentState = prior ?? { url: urlOf(env.config.port) };
  const live = state.live && isOurs(state.live.pid, state.live.dir) ? state.live : undefined;
  const slot = live?.slot === 'blue' ? 'green' : 'blue';
  const instance = await startRelease(env, release, slot, await freePort());
  state = { ...state, pending: instance };
  await writeState(env.dir, state);
  ctx.say(`${name}: started release ${release.manifest.id} on spare port ${instance.port} (${slot}), beside ${live ? `release ${live.release}` : 'nothing'}`);
  let smoke: SmokeResult;
  try {
    await waitReady(instance, release, env.config.readyTimeoutSeconds);
    smoke = await smokeTest(urlOf(instance.port), release);
  } catch (error) {
    await stopInstance(instance);
    await writeState(env.dir, { ...state, pending: undefined });
    await appendHistory(env.dir, historyOf(release, 'refused', live?.release ?? null, (error as Error).message.split('\n')[0]));
    throw new DeployError((error as DeployError).code ?? 'SMOKE_FAILED', `${(error as Error).message}\n${live ? `${name} still serves release ${live.release}: the proxy never switched.` : `${name} serves nothing yet.`}`);
  }
  const shadow = state.shadow ? { shadow: { release: state.shadow.release, port: state.shadow.port } } : {};
  const back: Route | undefined = live ? { live: { release: live.release, port: live.port }, ...shadow } : undefined;
  state = await applyRoute(ctx, env, state, { live: { release: release.manifest.id, port: instance.port }, ...(back ? { fallback: back.live } : {}), ...shadow }, release);
  ctx.say(`${name}: switched ${urlOf(env.config.port)} to release ${release.manifest.id}; watching it for ${env.config.postDeploySeconds} s`);
  if (faultAimed('crash-after-switch')) process.kill(instance.pid, 'SIGKILL');
  try {
    await postDeployCheck(env, instance, release, env.config.postDeploySeconds);
  } catch (error) {
    const reason = (error as Error).message;
    if (back && old) {
      state = await applyRoute(ctx, env, state, back, old);
      await stopInstance(instance);
      await writeState(env.dir, { ...state, pending: undefined });
      await appendHistory(env.dir, historyOf(release, 'auto-rollback', live?.release ?? null, reason));
      throw new DeployError('SMOKE_FAILED', `${reason}\nrolled back automatically: ${name} serves release ${old.manifest.id} again (it served every request meanwhile).`);
    }
    await stopInstance(instance);
    await writeState(env.dir, { ...state, pending: undefined });
    throw error;
  }
  // The new release holds: drop the fallback, then let the old one drain and stop.
  state = await applyRoute(ctx, env, state, { live: { release: release.manifest.id, port: instance.port }, ...shadow }, release);
  await writeState(env.dir, { ...state, live: instance, pending: undefined });
  if (live) await stopInstance(live);
  return smoke;
}
