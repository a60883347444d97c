export { mae, meanLogBias, r2, regressionMetrics, wape, weightedRmsle, type RegressionMetrics } from './metrics.ts';
