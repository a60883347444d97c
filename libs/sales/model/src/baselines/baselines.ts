import { dayNumber } from '@cd4ml/calendar';
import { regressionMetrics, type MetricSet } from '@cd4ml/evaluation';
import type { SalesHistory, SalesRow } from '@cd4ml/sales-schema';
import { salesMetricPolicy } from '../metrics/sales-metrics.ts';

/** How each baseline predicts, for reports. */
export const baselineRules = {
  seasonalNaive: 'the same item and store on the same weekday of the last training week; the item\'s training mean when that day has no sales row',
  itemMean: "the item's mean of log1p(unit_sales) over the training window; the global mean for an unseen item",
} as const;

/** What a baseline is asked: the validation rows' keys. */
type Query = Pick<SalesRow, 'date' | 'store_nbr' | 'item_nbr'>;

/**
 * Seasonal naive: the same item in the same store on the same weekday of the last training week.
 * Every validation day looks back to that one week, because later actuals are unknown at forecast
 * time. When that day has no sales row, it falls back to the item's training mean ({@link itemMean}):
 * predicting 0 there would make the baseline weaker than its name and inflate the model's margin.
 * Only the training rows of the days looked back to are indexed (one week, not the whole history).
 */
export function seasonalNaive(train: SalesHistory, valid: readonly Query[]): Float64Array {
  let trainEnd = -Infinity;
  for (let i = 0; i < train.length; i += 1) trainEnd = Math.max(trainEnd, train.day[i]!);
  const lookedAt = Int32Array.from(valid, (r) => {
    const day = dayNumber(r.date);
    return day - 7 * Math.ceil((day - trainEnd) / 7);
  });
  const days = new Set(lookedAt);
  // A later row of the same key wins, as it did when every row was indexed.
  const sales = new Map<string, number>();
  for (let i = 0; i < train.length; i += 1) {
    if (days.has(train.day[i]!)) sales.set(`${train.store[i]}:${train.item[i]}:${train.day[i]}`, train.sales[i]!);
  }
  const fallback = itemMean(train, valid);
  return Float64Array.from(valid, (r, i) => sales.get(`${r.store_nbr}:${r.item_nbr}:${lookedAt[i]}`) ?? fallback[i]!);
}

/** Mean model: each item's mean training sales (in log space, to match the metric), else the global mean. */
export function itemMean(train: SalesHistory, valid: readonly Query[]): Float64Array {
  const sums = new Map<number, [number, number]>();
  let total = 0;
  for (let i = 0; i < train.length; i += 1) {
    const y = Math.log1p(train.sales[i]!);
    const item = train.item[i]!;
    const s = sums.get(item) ?? [0, 0];
    s[0] += y;
    s[1] += 1;
    sums.set(item, s);
    total += y;
  }
  const global = total / Math.max(1, train.length);
  return Float64Array.from(valid, (r) => {
    const s = sums.get(r.item_nbr);
    return Math.expm1(s ? s[0] / s[1] : global);
  });
}

/** Every metric of each baseline on the validation rows, by name. */
export function baselineMetrics(train: SalesHistory, valid: readonly SalesRow[], actual: Float64Array, weights: Float64Array): Record<string, MetricSet> {
  return {
    seasonalNaive: regressionMetrics(seasonalNaive(train, valid), actual, salesMetricPolicy, weights),
    itemMean: regressionMetrics(itemMean(train, valid), actual, salesMetricPolicy, weights),
  };
}
