import { z } from 'zod';
import { dayNumber, dayOfWeek, isoDate } from '@cd4ml/calendar';
import type { SalesHistory } from '@cd4ml/sales-schema';

/** Statistics of log1p(unit_sales) learned from training rows only, shipped inside the model artifact. */
export const itemStatsSchema = z.object({
  /** The last training day (ISO); "recent" means the 28 days up to it. */
  trainEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  globalMeanLog: z.number(),
  /** item_nbr -> [mean, mean by weekday Monday..Sunday (7), recent mean, mean on promotion] */
  items: z.record(z.string().regex(/^\d+$/), z.tuple([z.number(), z.array(z.number()).length(7), z.number(), z.number()])),
  /** family -> mean */
  families: z.record(z.string(), z.number()),
});
export type ItemStats = z.infer<typeof itemStatsSchema>;

export interface StatsRow {
  date: string;
  item_nbr: number;
  family: string;
  onpromotion: boolean;
  unit_sales: number;
}

const RECENT_DAYS = 28;

class Mean {
  sum = 0;
  n = 0;
  add(v: number) {
    this.sum += v;
    this.n += 1;
  }
  value(fallback: number) {
    return this.n === 0 ? fallback : this.sum / this.n;
  }
}

/**
 * Fits the per-item and per-family statistics. Call it with TRAINING rows only: fitting on
 * validation rows would leak the answers into the features (the original workshop's mistake).
 * For millions of rows, pass the columns instead ({@link fitItemStatsFromHistory}): same result.
 */
export function fitItemStats(rows: Iterable<StatsRow>): ItemStats {
  const list = [...rows];
  const families: string[] = [];
  const codes = new Map<string, number>();
  const family = list.map((r) => {
    let code = codes.get(r.family);
    if (code === undefined) codes.set(r.family, (code = families.push(r.family) - 1));
    return code;
  });
  return fitColumns({
    length: list.length,
    day: list.map((r) => dayNumber(r.date)),
    item: list.map((r) => r.item_nbr),
    sales: list.map((r) => r.unit_sales),
    promo: list.map((r) => (r.onpromotion ? 1 : 0)),
    family,
    families,
  });
}

/**
 * {@link fitItemStats} on the training rows as typed columns (`readSalesHistory`), so that no row
 * object is ever made: the same statistics, to the last digit, as from the same rows as objects.
 */
export function fitItemStatsFromHistory(history: SalesHistory): ItemStats {
  return fitColumns(history);
}

type StatsColumns = { [K in 'day' | 'item' | 'sales' | 'promo' | 'family']: ArrayLike<number> } & Pick<SalesHistory, 'length' | 'families'>;

function fitColumns(c: StatsColumns): ItemStats {
  const n = c.length;
  if (n === 0) throw new RangeError('fitItemStats needs at least one training row');
  let lastDay = -Infinity;
  for (let i = 0; i < n; i += 1) lastDay = Math.max(lastDay, c.day[i]!);
  const global = new Mean();
  const families = new Map<number, Mean>();
  const items = new Map<number, { all: Mean; weekday: Mean[]; recent: Mean; promo: Mean }>();
  for (let i = 0; i < n; i += 1) {
    const y = Math.log1p(Math.max(0, c.sales[i]!));
    const day = c.day[i]!;
    const item = c.item[i]!;
    global.add(y);
    let f = families.get(c.family[i]!);
    if (!f) families.set(c.family[i]!, (f = new Mean()));
    f.add(y);
    let s = items.get(item);
    if (!s) items.set(item, (s = { all: new Mean(), weekday: Array.from({ length: 7 }, () => new Mean()), recent: new Mean(), promo: new Mean() }));
    s.all.add(y);
    s.weekday[dayOfWeek(day)]!.add(y);
    if (lastDay - day < RECENT_DAYS) s.recent.add(y);
    if (c.promo[i] === 1) s.promo.add(y);
  }
  const g = global.value(0);
  const round = (v: number) => Math.round(v * 1e6) / 1e6; // stable, compact JSON
  const out: ItemStats = { trainEnd: isoDate(lastDay), globalMeanLog: round(g), items: {}, families: {} };
  const byName = [...families].map(([code, m]) => [c.families[code]!, m] as const);
  for (const [family, m] of byName.sort(([a], [b]) => (a < b ? -1 : 1))) out.families[family] = round(m.value(g));
  for (const [item, s] of [...items].sort(([a], [b]) => a - b)) {
    const mean = s.all.value(g);
    out.items[String(item)] = [round(mean), s.weekday.map((w) => round(w.value(mean))), round(s.recent.value(mean)), round(s.promo.value(mean))];
  }
  return out;
}
