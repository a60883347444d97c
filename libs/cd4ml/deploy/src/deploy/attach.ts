import { setTimeout as sleep } from 'node:timers/promises';
import { DeployError } from '../deploy-error.ts';
import { ENVIRONMENTS, loadEnvironment } from '../env/environment-config.ts';
import { readState } from '../env/environment-state.ts';
import { isOurs } from '../env/instances.ts';
import { readRelease } from '../release/release-manifest.ts';
import type { DeployContext } from './context.ts';
import { stopEnvironment } from './stop.ts';

/**
 * `npm start`'s last step: says where production serves and stays in the foreground; on Ctrl+C
 * (or SIGTERM) it stops every environment and returns. If production's processes die meanwhile,
 * it says so and returns an error.
 */
export async function attach(ctx: DeployContext): Promise<void> {
  const env = await loadEnvironment(ctx.environmentsDir, 'production', ctx.ports);
  const state = await readState(env.dir);
  if (!state?.live) throw new DeployError('NOT_DEPLOYED', 'production serves nothing: run the pipeline first (npm run pipeline).');
  const m = (await readRelease(ctx.releasesDir, state.live.release)).manifest;
  ctx.say(`\nproduction: ${state.url} serves release ${m.id} (model ${m.model.version}). Try:\n  curl '${state.url}${m.app.smoke.model.path}'\nPress Ctrl+C to stop (staging and production).`);
  // Every Ctrl+C and SIGTERM is noted, never fatal: the first starts the shutdown, later ones must not cut it short.
  let signalled = false;
  const onSignal = () => (signalled = true);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let lost = '';
  while (!signalled && !lost) {
    await sleep(250);
    const now = await readState(env.dir).catch(() => undefined);
    if (!now?.live) lost = 'production was stopped by another command';
    else if (!isOurs(now.live.pid, now.live.dir) || (now.proxy && !isOurs(now.proxy.pid, `${env.dir}/proxy`))) lost = `a process of production exited (see ${env.dir}/run and ${env.dir}/proxy)`;
  }
  ctx.say(signalled ? '\nstopping the environments' : `\n${lost}; stopping the environments`);
  for (const name of ENVIRONMENTS) await stopEnvironment(ctx, name);
  if (lost) throw new DeployError('NOT_DEPLOYED', lost);
}
