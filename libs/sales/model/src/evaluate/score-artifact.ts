import { regressionMetrics, sliceMetrics, type MetricSet, type SliceMetrics } from '@cd4ml/evaluation';
import { loadArtifact, type LoadedArtifact } from '@cd4ml/model-artifact';
import { onnxPredict } from '@cd4ml/onnx';
import { FeatureBuilder, featureSchemaVersion, featureSpecSchema, type FeatureSpec } from '@cd4ml/sales-features';
import { salesHistoryOf } from '@cd4ml/sales-schema';
import type { Matrix } from '@cd4ml/trees';
import { join } from 'node:path';
import { salesMetricPolicy, salesWeight } from '../metrics/sales-metrics.ts';
import { salesSlices } from '../slices/sales-slices.ts';
import { baselineMetrics } from '../baselines/baselines.ts';
import type { SalesData } from '../data/sales-data.ts';

/** An exported artifact judged on the validation window, through onnxruntime-node. */
export interface ScoredArtifact {
  artifact: LoadedArtifact<FeatureSpec>;
  /** Features of the validation rows, built with the artifact's own spec. */
  x: Matrix;
  /** The ONNX model's raw output, log1p(units). */
  logPred: Float32Array;
  /** Forecasts in units (negative clipped to 0). */
  pred: Float64Array;
  actual: Float64Array;
  weights: Float64Array;
  overall: MetricSet;
  baselines: Record<string, MetricSet>;
  slices: SliceMetrics[];
}

/** Loads a sales model artifact, every file checksummed and the card and spec schema-checked. */
export function loadSalesArtifact(modelDir: string): Promise<LoadedArtifact<FeatureSpec>> {
  return loadArtifact(modelDir, { spec: featureSpecSchema, featureSchemaVersion, missingHint: 'Train one first: npx nx run sales-model:train' });
}

/**
 * Loads the artifact in `modelDir` (every file verified), builds the validation features from the
 * artifact's own encoders and tables, runs model.onnx in onnxruntime-node, and computes every
 * metric overall, per slice, and for the baselines on the same rows.
 */
export async function scoreArtifact(modelDir: string, data: SalesData): Promise<ScoredArtifact> {
  const artifact = await loadSalesArtifact(modelDir);
  const features = new FeatureBuilder(artifact.card.spec);
  const x = { values: features.matrix(data.valid), nRows: data.valid.length, nCols: features.nFeatures };
  const logPred = await onnxPredict(artifact.onnx, x, join(modelDir, 'model.onnx'));
  const pred = Float64Array.from(logPred, (v) => Math.max(0, Math.expm1(v)));
  const actual = Float64Array.from(data.valid, (r) => r.unit_sales);
  const weights = Float64Array.from(data.valid, salesWeight);
  return {
    artifact,
    x,
    logPred,
    pred,
    actual,
    weights,
    overall: regressionMetrics(pred, actual, salesMetricPolicy, weights),
    baselines: baselineMetrics(salesHistoryOf(data.train), data.valid, actual, weights),
    slices: sliceMetrics(pred, actual, weights, salesSlices(data.valid), salesMetricPolicy),
  };
}
