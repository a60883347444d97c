import type { ChampionLookup } from '@cd4ml/evaluation';
import { ArtifactError } from '@cd4ml/model-artifact';
import { readRegistry } from './aliases.ts';
import { candidateDir, hasCandidate } from './candidate-store.ts';

/**
 * Finds the figure the ratchet holds a candidate to. Best: the champion's own artifact, re-scored
 * on the candidate's validation rows (a like-for-like comparison). Else the primary metric recorded
 * when it was promoted, if it was measured on the same processed data. Else none, and why.
 *
 * @param rescore scores a stored artifact on the candidate's validation rows (the domain's scorer)
 */
export async function lookupChampion(o: {
  registryFile: string;
  storeDir: string;
  processedDataVersion: string;
  rescore: (artifactDir: string) => Promise<number>;
}): Promise<ChampionLookup> {
  const entry = (await readRegistry(o.registryFile)).aliases['champion'];
  if (!entry) return { why: `no champion in ${o.registryFile}` };
  if (await hasCandidate(o.storeDir, entry.key)) {
    try {
      return { champion: { id: entry.modelVersion, error: await o.rescore(candidateDir(o.storeDir, entry.key)), source: 're-scored on this holdout' } };
    } catch (error) {
      if (!(error instanceof ArtifactError && error.code === 'MODEL_INCOMPATIBLE')) throw error;
    }
  }
  if (entry.metric && entry.processedDataVersion === o.processedDataVersion) {
    return { champion: { id: entry.modelVersion, error: entry.metric.value, source: `${entry.metric.name} recorded at promotion on the same data` } };
  }
  return { why: `champion ${entry.modelVersion} is not in the local store ${o.storeDir} (or speaks another feature schema) and was measured on other data` };
}
