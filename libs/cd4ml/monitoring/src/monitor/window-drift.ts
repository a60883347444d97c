import type { LoggedPrediction } from '../log/prediction-log.ts';
import { columnDrift, type ColumnDrift } from './column-drift.ts';
import type { MonitoredModel } from './monitor-domain.ts';

/**
 * Drift of one window of logged predictions against the model's profile: every profiled feature
 * not ignored, then the predictions themselves.
 */
export function windowDrift(model: MonitoredModel, rows: readonly LoggedPrediction[], ignore: readonly string[]): { features: ColumnDrift[]; prediction: ColumnDrift } {
  const features: ColumnDrift[] = [];
  model.featureNames.forEach((name, j) => {
    const profile = model.profile.features[name];
    if (!profile || ignore.includes(name)) return;
    features.push(columnDrift(name, profile, rows.map((r) => r.features[j] ?? Number.NaN)));
  });
  const prediction = columnDrift(model.profile.prediction.name, model.profile.prediction.profile, rows.map((r) => r.value));
  return { features, prediction };
}
