import { buildProfile, defineMonitor, type ReferenceProfile } from '@cd4ml/monitoring';
import { dayType, rentalKeys } from '@minimal/rentals-data';
import { featureNames, featureSpecSchema } from './features.ts';
import { rentalsMetricPolicy } from './metrics.ts';

/** Features whose values are codes or flags: profiled and compared by value shares, not by quantiles. */
const categorical: ReadonlySet<(typeof featureNames)[number]> = new Set(['station', 'day_of_week', 'holiday', 'month']);

/** The training profile of a rentals model: its feature rows (row-major, featureNames order) and its predictions on them. */
export function rentalsProfile(matrix: ArrayLike<number>, predictedRentals: ArrayLike<number>, source: string): ReferenceProfile {
  return buildProfile({ featureNames, matrix, categorical, prediction: { name: 'rentals', values: predictedRentals }, source });
}

const dateOf = (input: Record<string, unknown>) => (typeof input['date'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input['date']) ? input['date'] : undefined);

/**
 * The rentals domain's monitor definition (apps/rentals-web/cd4ml.json: `monitor.module`): RMSLE,
 * slices by station and by day type (weekday, weekend, holiday), every row weighing alike.
 */
export const monitor = defineMonitor({
  spec: featureSpecSchema,
  domain: () => ({
    keys: rentalKeys,
    policy: rentalsMetricPolicy,
    slices: [
      { name: 'station', key: (i) => (typeof i['station'] === 'string' ? i['station'] : undefined) },
      {
        name: 'day_type',
        key: (i) => {
          const date = dateOf(i);
          return date ? dayType(date) : undefined;
        },
      },
    ],
    retrainHint: 'Retrain on recent data: feed the actuals back (npx nx run rentals-web:feedback), then run the pipeline (npm run pipeline).',
  }),
});
