import { readRegistry, promote as moveAlias } from '@cd4ml/registry';
import { DeployError } from '../deploy-error.ts';
import { loadEnvironment, loadPromotionPolicy } from '../env/environment-config.ts';
import { readState } from '../env/environment-state.ts';
import { isOurs } from '../env/instances.ts';
import type { Release } from '../release/release-manifest.ts';
import { deployRelease, type DeployOutcome } from './deploy-release.ts';
import type { DeployContext } from './context.ts';

/**
 * Points the registry's `champion` alias at the release's model, so that the model registry and
 * production agree. Nothing moves when it already does: when the champion is the same model
 * version (the same trees), even from another commit, whose run id in the ONNX metadata makes
 * other bytes. So the committed registry stays as it is when a fresh clone, or any later commit,
 * trains the model it names, and a second run of the pipeline is served from the cache.
 * @returns whether the alias moved
 */
export async function moveChampion(ctx: Pick<DeployContext, 'say'>, registryFile: string, release: { manifest: Pick<Release['manifest'], 'gates' | 'model' | 'code'> }, why: string): Promise<boolean> {
  const { gates, model } = release.manifest;
  const registry = await readRegistry(registryFile, model.name);
  const champion = registry.aliases['champion'];
  if (champion?.key === model.sha256 || champion?.modelVersion === model.version) return false;
  await moveAlias(
    registryFile,
    'champion',
    {
      key: model.sha256,
      modelVersion: model.version,
      metric: gates.metric,
      rawDataVersion: gates.rawDataVersion,
      processedDataVersion: gates.processedDataVersion,
      codeCommit: release.manifest.code.commit,
      at: new Date().toISOString(),
      note: why,
    },
    model.name,
  );
  ctx.say(`registry: champion of ${model.name} is now model ${model.version} (${registryFile})`);
  return true;
}

/**
 * Promotes what staging serves to production: the approval (`--approve`, or the committed policy
 * in `environments/production/promotion.json` when it says `auto`), a blue/green deploy with its
 * smoke test and automatic rollback, then the registry's champion alias.
 */
export async function promoteRelease(ctx: DeployContext, o: { approve?: boolean; registryFile?: string }): Promise<DeployOutcome> {
  const policy = await loadPromotionPolicy(ctx.environmentsDir, 'production');
  const source = await loadEnvironment(ctx.environmentsDir, policy.from, ctx.ports);
  const state = await readState(source.dir);
  const live = state?.live;
  if (!live || !isOurs(live.pid, live.dir)) throw new DeployError('NOT_DEPLOYED', `${policy.from} serves no release: deploy and smoke-test one there first (npx nx run <app>:smoke).`);
  if (!o.approve && policy.approval === 'manual') {
    throw new DeployError('NOT_APPROVED', `promoting release ${live.release} from ${policy.from} to production needs an approval: run again with --approve (environments/production/promotion.json asks for a manual approval).`);
  }
  const production = await readState((await loadEnvironment(ctx.environmentsDir, 'production', ctx.ports)).dir);
  if (production?.live?.release !== live.release) ctx.say(o.approve ? `promotion of release ${live.release} approved (--approve)` : `promotion of release ${live.release} approved by environments/production/promotion.json: ${policy.note}`);
  const outcome = await deployRelease(ctx, 'production', live.release);
  if (o.registryFile) await moveChampion(ctx, o.registryFile, outcome.release, `production release ${live.release}`);
  return outcome;
}
