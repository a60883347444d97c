export { featureNames, featureSchemaVersion, type FeatureName } from './feature-names.ts';
export { createFeatureSpec, FeatureBuilder, FeatureInputError, featureSpecSchema, type FeatureSpec, type ForecastInput } from './feature-context.ts';
export { fitItemStats, fitItemStatsFromHistory, itemStatsSchema, type ItemStats, type StatsRow } from './item-stats.ts';
