import { z } from 'zod';
import { dayNumber, dayOfWeek, isoDate } from '@cd4ml/calendar';

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
 */
export function fitItemStats(rows: Iterable<StatsRow>): ItemStats {
  const list = [...rows];
  if (list.length === 0) throw new RangeError('fitItemStats needs at least one training row');
  let lastDay = -Infinity;
  for (const r of list) lastDay = Math.max(lastDay, dayNumber(r.date));
  const global = new Mean();
  const families = new Map<string, Mean>();
  const items = new Map<number, { all: Mean; weekday: Mean[]; recent: Mean; promo: Mean }>();
  for (const r of list) {
    const y = Math.log1p(Math.max(0, r.unit_sales));
    const day = dayNumber(r.date);
    global.add(y);
    let f = families.get(r.family);
    if (!f) families.set(r.family, (f = new Mean()));
    f.add(y);
    let s = items.get(r.item_nbr);
    if (!s) items.set(r.item_nbr, (s = { all: new Mean(), weekday: Array.from({ length: 7 }, () => new Mean()), recent: new Mean(), promo: new Mean() }));
    s.all.add(y);
    s.weekday[dayOfWeek(day)]!.add(y);
    if (lastDay - day < RECENT_DAYS) s.recent.add(y);
    if (r.onpromotion) s.promo.add(y);
  }
  const g = global.value(0);
  const round = (v: number) => Math.round(v * 1e6) / 1e6; // stable, compact JSON
  const out: ItemStats = { trainEnd: isoDate(lastDay), globalMeanLog: round(g), items: {}, families: {} };
  for (const [family, m] of [...families].sort(([a], [b]) => (a < b ? -1 : 1))) out.families[family] = round(m.value(g));
  for (const [item, s] of [...items].sort(([a], [b]) => a - b)) {
    const mean = s.all.value(g);
    out.items[String(item)] = [round(mean), s.weekday.map((w) => round(w.value(mean))), round(s.recent.value(mean)), round(s.promo.value(mean))];
  }
  return out;
}
