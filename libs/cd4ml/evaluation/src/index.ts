export { mae, meanLogBias, r2, regressionMetrics, wape, weightedRmsle, type RegressionMetrics } from './metrics.ts';
export { sliceMetrics, type SliceDefinition, type SliceMetrics } from './slices.ts';
export * from './gates/index.ts';
