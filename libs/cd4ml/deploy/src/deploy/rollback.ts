import { DeployError } from '../deploy-error.ts';
import { loadEnvironment, type EnvironmentName } from '../env/environment-config.ts';
import { readHistory, readState } from '../env/environment-state.ts';
import { listReleases } from '../release/release-manifest.ts';
import { deployRelease, type DeployOutcome } from './deploy-release.ts';
import type { DeployContext } from './context.ts';
import { moveChampion } from './promote.ts';

/**
 * The release to go back to: `to` (a release id or a unique prefix of one), else the release that
 * served before the current one, from the environment's history.
 */
export async function rollbackTarget(ctx: DeployContext, name: EnvironmentName, to?: string): Promise<string> {
  const env = await loadEnvironment(ctx.environmentsDir, name, ctx.ports);
  if (to) {
    const matches = (await listReleases(ctx.releasesDir)).filter((r) => r.manifest.id.startsWith(to));
    if (matches.length !== 1) throw new DeployError('RELEASE_MISSING', `${matches.length === 0 ? 'no' : 'several'} releases in ${ctx.releasesDir} match ${to}: list them with the releases command.`);
    return matches[0]!.manifest.id;
  }
  const current = (await readState(env.dir))?.live?.release;
  // Releases that served, in order, without repeats in a row: walk back from the current one.
  const served = (await readHistory(env.dir)).filter((h) => h.action === 'deploy' || h.action === 'rollback').map((h) => h.release);
  const runs = served.filter((r, i) => i === 0 || served[i - 1] !== r);
  const at = current ? runs.lastIndexOf(current) : -1;
  const target = at > 0 ? runs[at - 1] : undefined;
  if (!target) throw new DeployError('NOTHING_TO_ROLL_BACK', `${name} has no earlier release in its history (${env.dir}/history.json) to roll back to; name one with --to <release>.`);
  return target;
}

/**
 * Rolls an environment back to an earlier release: its code, model and data versions return
 * together (they are one release), through the same deploy and smoke test as any release. In
 * production the registry's champion alias follows.
 */
export async function rollbackRelease(ctx: DeployContext, name: EnvironmentName, o: { to?: string; registryFile?: string }): Promise<DeployOutcome> {
  const target = await rollbackTarget(ctx, name, o.to);
  const outcome = await deployRelease(ctx, name, target, { action: 'rollback' });
  if (name === 'production' && o.registryFile) await moveChampion(ctx, o.registryFile, outcome.release, `rollback of production to release ${target}`);
  return outcome;
}
