export { baseMetrics, mae, meanLogBias, primaryOf, r2, regressionMetrics, rmse, rmsle, wape, type BaseMetric, type MetricPolicy, type MetricSet } from './metrics.ts';
export { jsonNumber, gateResultSchema, metricSetSchema, sliceMetricsSchema } from './schemas.ts';
export { sliceMetrics, type SliceDefinition, type SliceMetrics } from './slices.ts';
export * from './gates/index.ts';
