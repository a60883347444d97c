import { join } from 'node:path';
import { DeployError } from '../deploy-error.ts';
import { readRelease } from '../release/release-manifest.ts';
import { readState } from './environment-state.ts';

/**
 * The model folder an environment serves now (its live release's `model/`), for readers such as
 * the monitor that judge what production serves.
 *
 * @param envDir e.g. `environments/production`
 * @throws DeployError `NOT_DEPLOYED` when nothing serves there
 */
export async function servedModel(envDir: string, releasesDir: string): Promise<{ release: string; modelDir: string; modelVersion: string }> {
  const live = (await readState(envDir))?.live;
  if (!live) throw new DeployError('NOT_DEPLOYED', `nothing is deployed in ${envDir} (no live release in its state.json). Deploy one first: npm run pipeline`);
  const release = await readRelease(releasesDir, live.release);
  return { release: live.release, modelDir: join(release.dir, release.manifest.model.dir), modelVersion: release.manifest.model.version };
}
