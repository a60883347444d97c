/**
 * The model's inputs, in column order. Every one is known at prediction time: no row id, no
 * transactions (known only after the day), no target. Bump {@link featureSchemaVersion} whenever this
 * list or the meaning of a feature changes; the app refuses a model built for another version.
 */
export const featureNames = [
  'day_of_week',
  'day_of_month',
  'month',
  'is_payday',
  'is_holiday',
  'holiday_scope',
  'is_dayoff',
  'is_event',
  'days_to_holiday',
  'days_since_holiday',
  'onpromotion',
  'family',
  'item_class',
  'perishable',
  'store_type',
  'cluster',
  'item_mean_log',
  'item_weekday_mean_log',
  'item_recent_mean_log',
  'item_promo_mean_log',
  'family_mean_log',
] as const;

export type FeatureName = (typeof featureNames)[number];

export const featureSchemaVersion = 1;
