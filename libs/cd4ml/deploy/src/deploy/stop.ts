import { join } from 'node:path';
import { loadEnvironment, type EnvironmentName } from '../env/environment-config.ts';
import { readState, withEnvironmentLock, writeState } from '../env/environment-state.ts';
import { stopProcess } from '../env/instances.ts';
import { stopInstance, type DeployContext } from './context.ts';

/** Stops everything an environment runs (shadow, half-deployed, live, then the proxy) and clears its state. */
export async function stopEnvironment(ctx: DeployContext, name: EnvironmentName): Promise<boolean> {
  const env = await loadEnvironment(ctx.environmentsDir, name, ctx.ports);
  return withEnvironmentLock(env.dir, async () => {
    const state = await readState(env.dir);
    if (!state) return false;
    await Promise.all([stopInstance(state.shadow), stopInstance(state.pending), stopInstance(state.live)]);
    if (state.proxy) await stopProcess(state.proxy.pid, join(env.dir, 'proxy'));
    await writeState(env.dir, undefined);
    ctx.say(`${name}: stopped${state.live ? ` release ${state.live.release}` : ''}${state.shadow ? `, shadow ${state.shadow.release}` : ''}${state.proxy ? ' and its proxy' : ''}`);
    return true;
  });
}
