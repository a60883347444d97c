import { dayNumber, isoDate } from '@cd4ml/calendar';
import type { SalesHistory, SalesRow } from '@cd4ml/sales-schema';

/** Recent daily actuals per item are kept for the last this many days of data. */
const RECENT_DAYS = 56;
const HOLDOUT_SAMPLE = 500;

/**
 * The validation rows replayed by the app before it serves (see `replayHoldout`): the first row of
 * every item and of every store, so a changed statistic of any of them shows, then rows spread
 * evenly up to {@link HOLDOUT_SAMPLE}; in validation order.
 */
export function holdoutRows(valid: readonly SalesRow[]): number[] {
  const picked = new Set<number>();
  const items = new Set<number>();
  const stores = new Set<number>();
  valid.forEach((r, i) => {
    if (!items.has(r.item_nbr) || !stores.has(r.store_nbr)) picked.add(i);
    items.add(r.item_nbr);
    stores.add(r.store_nbr);
  });
  const step = Math.max(1, Math.floor(valid.length / HOLDOUT_SAMPLE));
  for (let i = 0; i < valid.length && picked.size < HOLDOUT_SAMPLE; i += step) picked.add(i);
  return [...picked].sort((a, b) => a - b);
}

/** { store_nbr: { item_nbr: [[date, unit_sales], ...] } } over the last days of the training and validation rows, by date. */
export function recentActuals(train: SalesHistory, valid: readonly SalesRow[]): { days: number; lastDate: string; stores: Record<string, Record<string, [string, number][]>> } {
  let lastDay = -Infinity;
  for (let i = 0; i < train.length; i += 1) lastDay = Math.max(lastDay, train.day[i]!);
  for (const r of valid) lastDay = Math.max(lastDay, dayNumber(r.date));
  const firstDay = lastDay - RECENT_DAYS + 1;
  const stores: Record<string, Record<string, [string, number][]>> = {};
  const add = (store: number, item: number, date: string, sales: number) => {
    const items = (stores[String(store)] ??= {});
    (items[String(item)] ??= []).push([date, sales]);
  };
  const dates = new Map<number, string>();
  for (let i = 0; i < train.length; i += 1) {
    const day = train.day[i]!;
    if (day < firstDay) continue;
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = isoDate(day)));
    add(train.store[i]!, train.item[i]!, date, train.sales[i]!);
  }
  for (const r of valid) if (dayNumber(r.date) >= firstDay) add(r.store_nbr, r.item_nbr, r.date, r.unit_sales);
  for (const items of Object.values(stores)) for (const series of Object.values(items)) series.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { days: RECENT_DAYS, lastDate: isoDate(lastDay), stores };
}
