import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../env/environment-state.ts';
import { toyDeploySetup } from '../test-support/toy-deploy.ts';
import { deployRelease } from './deploy-release.ts';
import { promoteRelease } from './promote.ts';

let t: Awaited<ReturnType<typeof toyDeploySetup>>;
beforeAll(async () => {
  t = await toyDeploySetup({ approval: 'manual' });
});
afterAll(async () => {
  await t.stopAll();
});

describe('promotion with a manual approval policy', { timeout: 60_000 }, () => {
  it('refuses to promote without --approve, says how to approve, and touches nothing; --approve promotes', async () => {
    await expect(promoteRelease(t.ctx, {})).rejects.toMatchObject({ code: 'NOT_DEPLOYED', message: expect.stringMatching(/staging serves no release/) });
    const a = await t.release('model-a');
    await deployRelease(t.ctx, 'staging', a.manifest.id);
    await expect(promoteRelease(t.ctx, {})).rejects.toMatchObject({ code: 'NOT_APPROVED', message: expect.stringMatching(/needs an approval: run again with --approve/) });
    expect(await readState(join(t.ws.environmentsDir, 'production'))).toBeUndefined();
    const outcome = await promoteRelease(t.ctx, { approve: true });
    expect(outcome).toMatchObject({ env: 'production', changed: true, release: { manifest: { id: a.manifest.id } } });
    expect(t.said).toContain(`promotion of release ${a.manifest.id} approved (--approve)`);
  });
});
