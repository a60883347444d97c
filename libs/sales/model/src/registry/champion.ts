import { ArtifactError } from '@cd4ml/model-artifact';
import { candidateDir, hasCandidate, readRegistry } from '@cd4ml/registry';
import type { SalesData } from '../evaluate/sales-data.ts';
import { scoreArtifact } from '../evaluate/score-artifact.ts';
import type { ChampionLookup } from '../gate/run-sales-gates.ts';

/**
 * Finds the figure the ratchet holds a candidate to. Best: the champion's own artifact, re-scored
 * on the candidate's validation rows (a fair, like-for-like comparison). Else the NWRMSLE recorded
 * when it was promoted, if it was measured on the same data version. Else none, and why.
 */
export async function lookupChampion(registryFile: string, storeDir: string, data: SalesData): Promise<ChampionLookup> {
  const entry = (await readRegistry(registryFile)).aliases['champion'];
  if (!entry) return { why: `no champion in ${registryFile}` };
  if (await hasCandidate(storeDir, entry.key)) {
    try {
      const scored = await scoreArtifact(candidateDir(storeDir, entry.key), data);
      return { champion: { id: entry.modelVersion, error: scored.overall.nwrmsle, source: 're-scored on this holdout' } };
    } catch (error) {
      if (!(error instanceof ArtifactError && error.code === 'MODEL_INCOMPATIBLE')) throw error;
    }
  }
  if (entry.metric && entry.dataVersion === data.manifest.dataVersion) {
    return { champion: { id: entry.modelVersion, error: entry.metric.value, source: `${entry.metric.name} recorded at promotion on the same data` } };
  }
  return { why: `champion ${entry.modelVersion} is not in the local store ${storeDir} (or speaks another feature schema) and was measured on other data` };
}
