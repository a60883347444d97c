import { regressionMetrics, sliceMetrics, type MetricSet, type SliceMetrics } from '@cd4ml/evaluation';
import { loadArtifact } from '@cd4ml/model-artifact';
import { onnxPredict } from '@cd4ml/onnx';
import type { ProcessedRentals } from '@minimal/rentals-data';
import { featureMatrix, featureSchemaVersion, featureSpecSchema, type FeatureSpec } from './features.ts';
import { baselineForecasts, rentalSlices, rentalsMetricPolicy } from './metrics.ts';

/** A model as judged on the validation window: its features, its raw ONNX output and every metric. */
export interface Scored {
  x: ReturnType<typeof featureMatrix>;
  /** model.onnx's output, log1p(rentals). */
  logPred: Float32Array;
  overall: MetricSet;
  baselines: Record<string, MetricSet>;
  slices: SliceMetrics[];
}

/** Loads a rentals model artifact: every file checksummed, the card and its feature spec schema-checked. */
export const loadRentalsArtifact = (dir: string) => loadArtifact(dir, { spec: featureSpecSchema, featureSchemaVersion, missingHint: 'Train one first: npx nx run rentals-model:train' });

/** Runs ONNX bytes in onnxruntime-node on the validation rows; metrics overall, per baseline and per slice. */
export async function scoreOnnx(onnx: Uint8Array, spec: FeatureSpec, data: ProcessedRentals, source?: string): Promise<Scored> {
  const x = featureMatrix(spec, data.valid);
  const logPred = await onnxPredict(onnx, x, source);
  const pred = Float64Array.from(logPred, (v) => Math.max(0, Math.expm1(v)));
  const actual = Float64Array.from(data.valid, (r) => r.rentals);
  const metrics = (p: Float64Array) => regressionMetrics(p, actual, rentalsMetricPolicy);
  const baselines = Object.fromEntries(Object.entries(baselineForecasts(data.train, data.valid)).map(([name, p]) => [name, metrics(p)]));
  return { x, logPred, overall: metrics(pred), baselines, slices: sliceMetrics(pred, actual, undefined, rentalSlices(data.valid), rentalsMetricPolicy) };
}
