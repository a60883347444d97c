import type { SliceDefinition } from '@cd4ml/evaluation';
import { type SalesRow } from '@cd4ml/sales-schema';
import { dayNumber, dayOfWeek } from '@cd4ml/calendar';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** The slice dimensions of the sales forecast that evaluation reports and the fairness gates hold. */
export const salesSliceDimensions = ['family', 'perishable', 'store', 'store_type', 'cluster', 'day_of_week', 'onpromotion'] as const;

/**
 * Slice definitions over sales rows: item family, perishable or not, store, store type, store
 * cluster, day of week and promotion. The slice engine (`@cd4ml/evaluation`) is domain-agnostic;
 * these are the sales domain's cuts.
 */
export function salesSlices(rows: readonly SalesRow[]): SliceDefinition[] {
  const keys: Record<(typeof salesSliceDimensions)[number], (r: SalesRow) => string> = {
    family: (r) => r.family,
    perishable: (r) => (r.perishable ? 'perishable' : 'non-perishable'),
    store: (r) => String(r.store_nbr),
    store_type: (r) => r.store_type,
    cluster: (r) => String(r.cluster),
    day_of_week: (r) => `${dayOfWeek(dayNumber(r.date))}-${WEEKDAYS[dayOfWeek(dayNumber(r.date))]}`,
    onpromotion: (r) => (r.onpromotion ? 'promo' : 'no-promo'),
  };
  return salesSliceDimensions.map((name) => ({ name, key: (i: number) => keys[name](rows[i]!) }));
}
