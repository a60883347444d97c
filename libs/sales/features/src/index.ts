export { featureNames, featureSchemaVersion, type FeatureName } from './feature-names.ts';
export { createFeatureSpec, FeatureBuilder, FeatureInputError, type FeatureSpec, type ForecastInput } from './feature-context.ts';
export { fitItemStats, type ItemStats, type StatsRow } from './item-stats.ts';
