import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fairnessGates, parityGate, ratchetGate, thresholdGates, type ChampionFigure, type GateResult } from '@cd4ml/evaluation';
import { predict, type TreeEnsemble } from '@cd4ml/trees';
import type { SalesData } from '../evaluate/sales-data.ts';
import { scoreArtifact, type ScoredArtifact } from '../evaluate/score-artifact.ts';
import type { Params } from '../params.ts';
import { ENSEMBLE_FILE } from '../train/train-sales-model.ts';

/** What the ratchet knows of the champion: its figure, or why there is none to compare with. */
export type ChampionLookup = { champion: ChampionFigure } | { champion?: undefined; why: string };

/**
 * Runs every gate on the EXPORTED artifact in `modelDir`: model.onnx in onnxruntime-node on the
 * whole validation window (threshold, beats seasonal naive, ratchet, slice error, slice bias), and
 * parity between that ONNX output and the in-process ensemble shipped beside it.
 */
export async function runSalesGates(modelDir: string, data: SalesData, gates: Params['gates'], champion: ChampionLookup): Promise<{ results: GateResult[]; scored: ScoredArtifact }> {
  const scored = await scoreArtifact(modelDir, data);
  const error = scored.overall.nwrmsle;
  return {
    scored,
    results: [
      ...thresholdGates(error, scored.baselines.seasonalNaive.nwrmsle, { maxError: gates.maxNwrmsle, minImprovementOverBaseline: gates.minImprovementOverNaive }),
      champion.champion ? ratchetGate(error, champion.champion, gates.ratchetTolerance) : ratchetGate(error, undefined, gates.ratchetTolerance, champion.why),
      ...fairnessGates(scored.overall, scored.slices, gates.fairness),
      await parity(modelDir, scored, gates.parityTolerance),
    ],
  };
}

async function parity(modelDir: string, scored: ScoredArtifact, tolerance: number): Promise<GateResult> {
  let ensemble: TreeEnsemble;
  try {
    ensemble = JSON.parse(await readFile(join(modelDir, ENSEMBLE_FILE), 'utf8')) as TreeEnsemble;
  } catch {
    const gate = parityGate([0], [], tolerance);
    return { ...gate, summary: `no in-process model (${ENSEMBLE_FILE}) in ${modelDir} to compare with: retrain with this code` };
  }
  return parityGate(predict(ensemble, scored.x), scored.logPred, tolerance);
}
