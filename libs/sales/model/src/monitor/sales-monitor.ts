import { buildProfile, defineMonitor, type MonitorDomain, type ReferenceProfile } from '@cd4ml/monitoring';
import { featureNames, featureSpecSchema, type FeatureName, type FeatureSpec } from '@cd4ml/sales-features';
import { salesRecordKeys } from '@cd4ml/sales-schema';
import { salesMetricPolicy } from '../metrics/sales-metrics.ts';

/** Features whose values are codes or flags: profiled and compared by value shares, not by quantiles. */
export const categoricalFeatures: ReadonlySet<FeatureName> = new Set([
  'day_of_week',
  'is_payday',
  'is_holiday',
  'holiday_scope',
  'is_dayoff',
  'is_event',
  'onpromotion',
  'family',
  'item_class',
  'perishable',
  'store_type',
  'cluster',
]);

/**
 * The training profile of a sales model: its feature rows (row-major, in {@link featureNames}
 * order) and its predictions on them, in units.
 */
export function salesProfile(matrix: ArrayLike<number>, predictedUnits: ArrayLike<number>, source: string): ReferenceProfile {
  return buildProfile({ featureNames, matrix, categorical: categoricalFeatures, prediction: { name: 'unit_sales', values: predictedUnits }, source });
}

/**
 * What the platform's monitor needs of the sales domain, from the served model's feature spec:
 * NWRMSLE (perishables weigh 1.25), slices by family, perishable and store, and how to retrain.
 */
export function salesMonitorDomain(spec: FeatureSpec): MonitorDomain {
  const items = new Map(spec.items.map((i) => [i.item_nbr, i]));
  const item = (input: Record<string, unknown>) => items.get(Number(input['item_nbr']));
  return {
    keys: salesRecordKeys,
    policy: salesMetricPolicy,
    slices: [
      { name: 'family', key: (i) => item(i)?.family },
      { name: 'perishable', key: (i) => { const it = item(i); return it === undefined ? undefined : it.perishable ? 'perishable' : 'non-perishable'; } },
      { name: 'store', key: (i) => { const store = i['store_nbr']; return typeof store === 'number' || typeof store === 'string' ? String(store) : undefined; } },
    ],
    weight: (i) => (item(i)?.perishable ? 1.25 : 1),
    retrainHint: 'Retrain on recent data: feed the actuals back (npx nx run sales-web:feedback), then run the pipeline (npm run pipeline).',
  };
}

/**
 * The sales domain's monitor definition (apps/sales-web/cd4ml.json: `monitor.module`): the platform's
 * `sales-web:monitor` and the simulation read the served model's feature spec with it.
 */
export const monitor = defineMonitor({ spec: featureSpecSchema, domain: salesMonitorDomain });
