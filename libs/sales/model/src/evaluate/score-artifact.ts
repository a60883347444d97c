import { regressionMetrics, sliceMetrics, type RegressionMetrics, type SliceMetrics } from '@cd4ml/evaluation';
import { loadArtifact, type ModelCard } from '@cd4ml/model-artifact';
import { FeatureBuilder, featureSchemaVersion, type FeatureSpec } from '@cd4ml/sales-features';
import type { SalesRow } from '@cd4ml/sales-schema';
import type { Matrix } from '@cd4ml/trees';
import { salesSlices } from '../slices/sales-slices.ts';
import { itemMean, seasonalNaive } from '../train/baselines.ts';
import { onnxPredict } from '../train/onnx-predict.ts';
import type { SalesData } from './sales-data.ts';

/** An exported artifact judged on the validation window, through onnxruntime-node. */
export interface ScoredArtifact {
  card: ModelCard;
  /** Features of the validation rows, built with the artifact's own spec. */
  x: Matrix;
  /** The ONNX model's raw output, log1p(units). */
  logPred: Float32Array;
  /** Forecasts in units (negative clipped to 0). */
  pred: Float64Array;
  actual: Float64Array;
  weights: Float64Array;
  overall: RegressionMetrics;
  baselines: { seasonalNaive: RegressionMetrics; itemMean: RegressionMetrics };
  slices: SliceMetrics[];
}

/** Perishables weigh 1.25 in Favorita's NWRMSLE. */
export const salesWeight = (r: SalesRow) => (r.perishable ? 1.25 : 1);

/**
 * Loads the artifact in `modelDir` (checksum and feature schema verified), builds the validation
 * features from the artifact's own encoders and tables, runs model.onnx in onnxruntime-node, and
 * computes every metric overall, per slice, and for the baselines on the same rows.
 */
export async function scoreArtifact(modelDir: string, data: SalesData): Promise<ScoredArtifact> {
  const { card, onnx } = await loadArtifact(modelDir, { featureSchemaVersion });
  const features = new FeatureBuilder(card.spec as FeatureSpec);
  const x = { values: features.matrix(data.valid), nRows: data.valid.length, nCols: features.nFeatures };
  const logPred = await onnxPredict(onnx, x);
  const pred = Float64Array.from(logPred, (v) => Math.max(0, Math.expm1(v)));
  const actual = Float64Array.from(data.valid, (r) => r.unit_sales);
  const weights = Float64Array.from(data.valid, salesWeight);
  return {
    card,
    x,
    logPred,
    pred,
    actual,
    weights,
    overall: regressionMetrics(pred, actual, weights),
    baselines: {
      seasonalNaive: regressionMetrics(seasonalNaive(data.train, data.valid), actual, weights),
      itemMean: regressionMetrics(itemMean(data.train, data.valid), actual, weights),
    },
    slices: sliceMetrics(pred, actual, weights, salesSlices(data.valid)),
  };
}
