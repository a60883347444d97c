import { join } from 'node:path';
import { primaryOf } from '@cd4ml/evaluation';
import { MODEL_FILE, type GateReport } from '@cd4ml/model-artifact';
import { gateCandidate } from '@cd4ml/registry';
import { predict, treeEnsembleSchema } from '@cd4ml/trees';
import { readProcessedRentals } from '@minimal/rentals-data';
import { rentalsMetricPolicy as policy } from '../metrics.ts';
import { readGateSettings } from '../params.ts';
import { loadRentalsArtifact, scoreOnnx } from '../score.ts';
import { ENSEMBLE_FILE } from '../train/train-rentals-model.ts';

export interface GateOptions {
  /** The train stage's artifact. */
  modelDir: string;
  dataDir: string;
  /** The bars: `gates.yaml`. */
  gatesPath: string;
  /** Committed registry file with the aliases (champion, challenger). */
  registryFile: string;
  /** Local content-addressed candidate store. */
  storeDir: string;
  /** The served model: replaced only when every gate passes. */
  outDir: string;
}

/**
 * Runs every platform gate on the exported artifact (model.onnx in onnxruntime-node, on the whole
 * validation window): threshold and baselines, ratchet against the champion, station, season and
 * day-type slices, and parity with the in-process ensemble. A passing candidate is registered and
 * served from `outDir`; a failing one is reported beside it, and the served model stays.
 */
export async function gateRentalsModel(o: GateOptions): Promise<GateReport> {
  const settings = await readGateSettings(o.gatesPath);
  const data = await readProcessedRentals(o.dataDir);
  const artifact = await loadRentalsArtifact(o.modelDir);
  const scored = await scoreOnnx(artifact.onnx, artifact.card.spec, data, join(o.modelDir, MODEL_FILE));
  const ensemble = artifact.json(ENSEMBLE_FILE, treeEnsembleSchema);
  return gateCandidate({
    policy,
    settings,
    overall: scored.overall,
    baselines: scored.baselines,
    slices: scored.slices,
    parity: ensemble ? { reference: predict(ensemble, scored.x), exported: scored.logPred } : { missing: `no ${ENSEMBLE_FILE} in ${o.modelDir} to compare the export with: retrain with this code` },
    artifactDir: o.modelDir,
    card: artifact.card,
    rawDataVersion: data.rawDataVersion,
    processedDataVersion: data.processedDataVersion,
    registryFile: o.registryFile,
    storeDir: o.storeDir,
    servedDir: o.outDir,
    rescore: async (dir) => {
      const stored = await loadRentalsArtifact(dir);
      return primaryOf((await scoreOnnx(stored.onnx, stored.card.spec, data)).overall, policy);
    },
  });
}
