import { primaryOf } from '@cd4ml/evaluation';
import type { GateReport } from '@cd4ml/model-artifact';
import { gateCandidate } from '@cd4ml/registry';
import { predict, treeEnsembleSchema } from '@cd4ml/trees';
import { readSalesData } from '../data/sales-data.ts';
import { scoreArtifact } from '../evaluate/score-artifact.ts';
import { salesMetricPolicy } from '../metrics/sales-metrics.ts';
import { modelCardHtml } from '../registry/model-card-html.ts';
import { ENSEMBLE_FILE } from '../train/train-sales-model.ts';
import { readGateSettings } from './gate-settings.ts';

const MODEL_CARD_HTML = 'model-card.html';

export interface GateOptions {
  /** Artifact written by train. */
  modelDir: string;
  dataDir: string;
  /** The bars: `gates.yaml` ({@link readGateSettings}). */
  gatesPath: string;
  /** Committed registry file with the aliases (champion, challenger). */
  registryFile: string;
  /** Local content-addressed candidate store. */
  storeDir: string;
  /** The served model: replaced only when every gate passes. */
  outDir: string;
}

/**
 * Gates the exported artifact with every platform gate: model.onnx in onnxruntime-node on the whole
 * validation window (threshold, baselines, ratchet, slice error and bias) and parity against the
 * in-process ensemble shipped beside it. A passing candidate is registered and served; a failing
 * one is reported beside the served model, which stays as it was.
 */
export async function gateSalesModel(o: GateOptions): Promise<GateReport> {
  const settings = await readGateSettings(o.gatesPath);
  const data = await readSalesData(o.dataDir);
  const scored = await scoreArtifact(o.modelDir, data);
  const ensemble = scored.artifact.json(ENSEMBLE_FILE, treeEnsembleSchema);
  return gateCandidate({
    policy: salesMetricPolicy,
    settings,
    overall: scored.overall,
    baselines: scored.baselines,
    slices: scored.slices,
    parity: ensemble ? { reference: predict(ensemble, scored.x), exported: scored.logPred } : { missing: `no in-process model (${ENSEMBLE_FILE}) in ${o.modelDir} to compare with: retrain with this code` },
    artifactDir: o.modelDir,
    card: scored.artifact.card,
    rawDataVersion: data.rawDataVersion,
    processedDataVersion: data.processedDataVersion,
    registryFile: o.registryFile,
    storeDir: o.storeDir,
    servedDir: o.outDir,
    rescore: async (dir) => primaryOf((await scoreArtifact(dir, data)).overall, salesMetricPolicy),
    extraFiles: (results) => ({ [MODEL_CARD_HTML]: modelCardHtml(scored.artifact.card, results) }),
  });
}
