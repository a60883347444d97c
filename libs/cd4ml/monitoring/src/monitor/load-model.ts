import { loadArtifact } from '@cd4ml/model-artifact';
import type { z } from 'zod';
import { PROFILE_FILE, referenceProfileSchema } from '../profile/reference-profile.ts';
import type { MonitoredModel } from './monitor-domain.ts';
import { MonitorError } from '../monitor-error.ts';

/**
 * Loads a served model for monitoring: every file verified against its manifest, the card, the
 * domain's spec (for slices) and the training profile, which must be there.
 */
export async function loadMonitoredModel<S extends z.ZodType>(dir: string, spec: S): Promise<{ model: MonitoredModel; spec: z.infer<S> }> {
  const artifact = await loadArtifact(dir, { spec });
  const card = artifact.card;
  const profile = artifact.json(PROFILE_FILE, referenceProfileSchema, 'reference profile');
  if (!profile) throw new MonitorError('NO_PROFILE', `model ${card.modelVersion} in ${dir} has no ${PROFILE_FILE}: it was trained before models carried a reference profile. Retrain it with this code (npm run pipeline), then monitor.`);
  return { model: { name: card.name, version: card.modelVersion, featureNames: card.featureNames, validation: card.metrics.validation, profile }, spec: card.spec };
}
