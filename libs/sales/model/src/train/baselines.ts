import { dayNumber, isoDate } from '@cd4ml/calendar';
import type { SalesRow } from '@cd4ml/sales-schema';

/** How each baseline predicts, for reports. */
export const baselineRules = {
  seasonalNaive: 'the same item and store on the same weekday of the last training week; the item\'s training mean when that day has no sales row',
  itemMean: "the item's mean of log1p(unit_sales) over the training window; the global mean for an unseen item",
} as const;

/**
 * Seasonal naive: the same item in the same store on the same weekday of the last training week.
 * Every validation day looks back to that one week, because later actuals are unknown at forecast
 * time. When that day has no sales row, it falls back to the item's training mean ({@link itemMean}):
 * predicting 0 there would make the baseline weaker than its name and inflate the model's margin.
 */
export function seasonalNaive(train: readonly SalesRow[], valid: readonly SalesRow[]): Float64Array {
  const sales = new Map<string, number>();
  let trainEnd = -Infinity;
  for (const r of train) {
    sales.set(`${r.store_nbr}:${r.item_nbr}:${r.date}`, r.unit_sales);
    trainEnd = Math.max(trainEnd, dayNumber(r.date));
  }
  const fallback = itemMean(train, valid);
  return Float64Array.from(valid, (r, i) => {
    const day = dayNumber(r.date);
    const lookBack = 7 * Math.ceil((day - trainEnd) / 7);
    return sales.get(`${r.store_nbr}:${r.item_nbr}:${isoDate(day - lookBack)}`) ?? fallback[i]!;
  });
}

/** Mean model: each item's mean training sales (in log space, to match the metric), else the global mean. */
export function itemMean(train: readonly SalesRow[], valid: readonly SalesRow[]): Float64Array {
  const sums = new Map<number, [number, number]>();
  let total = 0;
  for (const r of train) {
    const y = Math.log1p(r.unit_sales);
    const s = sums.get(r.item_nbr) ?? [0, 0];
    s[0] += y;
    s[1] += 1;
    sums.set(r.item_nbr, s);
    total += y;
  }
  const global = total / Math.max(1, train.length);
  return Float64Array.from(valid, (r) => {
    const s = sums.get(r.item_nbr);
    return Math.expm1(s ? s[0] / s[1] : global);
  });
}
