import { join } from 'node:path';
import { buildManifest, CsvWriter, writeManifest, type Manifest } from '@cd4ml/data';
import { createProgress } from '@cd4ml/cli';
import { replaceDirAtomic } from '@cd4ml/fs';
import { SeededRandom } from '@cd4ml/random';
import { HolidayCalendar, isPayday, rawFileNames, rawFiles, type Item, type Store } from '@cd4ml/sales-schema';
import { dateParts, dayNumber, dayOfWeek, isoDate } from '@cd4ml/calendar';
import { buildItems, buildStores, familyByName } from './catalogue.ts';
import { EARLIEST_DATE, latestPlausibleDay } from '../train-rows/plausible-range.ts';
import { holidayEvents, isChristmas } from './holidays.ts';
import type { FeedbackRow } from '../feedback/feedback.ts';

export interface GenerateOptions {
  /** @default 42 */
  seed: number;
  /** @default 1 */
  stores: number;
  /** Catalogue size, including the three workshop items. @default 200 */
  items: number;
  /** First sales day. @default '2016-01-01' */
  start: string;
  /** Last sales day (the real data ends on 2017-08-15). @default '2017-08-15' */
  end: string;
  /** Days at the start with a blank onpromotion, as in the real file before 2014-04-01. @default 31 */
  blankPromotionDays: number;
}

/** Observed outcomes fed back from production (a feedback snapshot), folded into the raw snapshot. */
export interface FeedbackInput {
  rows: readonly FeedbackRow[];
  /** The feedback snapshot's data version, recorded in the raw manifest's source. */
  dataVersion: string;
}

export const defaultGenerateOptions: GenerateOptions = {
  seed: 42,
  stores: 1,
  items: 200,
  start: '2016-01-01',
  end: '2017-08-15',
  blankPromotionDays: 31,
};

/** The name under which the manifest is written beside the CSV files. */
export const MANIFEST_FILE = 'manifest.json';

// Relative demand by weekday (Monday first): Favorita's stores are busiest at the weekend.
const WEEKDAY = [0.92, 0.86, 0.88, 0.9, 1.0, 1.28, 1.22] as const;

interface ItemProfile {
  item: Item;
  level: number;
  byWeight: boolean;
  promoLift: number;
  trendPerYear: number;
  firstDay: number;
}

/**
 * Writes a seeded synthetic snapshot in the exact schema of the Kaggle Favorita files into `outDir`,
 * plus its manifest. The whole directory is replaced atomically: a crash leaves the old snapshot.
 * Same options, same bytes.
 *
 * With `feedback`, the observed outcomes join the synthetic sales in train.csv, in date order:
 * an outcome replaces the synthetic row of its day, store and item (the observation wins), and
 * outcomes after `end` extend the data. The synthetic rows themselves do not change.
 */
export async function generateSnapshot(outDir: string, options: Partial<GenerateOptions> = {}, feedback?: FeedbackInput): Promise<Manifest> {
  const o = { ...defaultGenerateOptions, ...options };
  const first = dayNumber(o.start);
  const last = dayNumber(o.end);
  if (last < first) throw new RangeError(`end (${o.end}) is before start (${o.start})`);
  // Ingest quarantines rows outside the plausible range: the generator never writes them.
  if (first < dayNumber(EARLIEST_DATE)) throw new RangeError(`start (${o.start}) is before ${EARLIEST_DATE}, the first day of the Favorita data`);
  if (last > latestPlausibleDay()) throw new RangeError(`end (${o.end}) is in the future`);

  const rng = new SeededRandom(o.seed);
  const stores = buildStores(o.stores);
  const items = buildItems(o.items, rng);
  const events = holidayEvents(dateParts(first).year, dateParts(last).year + 1);
  const calendar = new HolidayCalendar(events);
  const profiles = items.map((item): ItemProfile => {
    const family = familyByName.get(item.family);
    const late = rng.next() < 0.1; // some items enter the range mid-period
    return {
      item,
      level: Math.exp(1.3 + 1.1 * rng.normal()),
      byWeight: family?.byWeight ?? false,
      promoLift: 1.3 + 0.9 * rng.next(),
      trendPerYear: 0.12 + 0.1 * rng.normal(),
      firstDay: late ? first + rng.int(30, Math.max(31, Math.floor(((last - first) * 2) / 3))) : first,
    };
  });
  const storeLevel = new Map(stores.map((s) => [s.store_nbr, Math.exp(0.25 * rng.normal()) * (s.type === 'A' ? 1.3 : 1)]));

  return replaceDirAtomic(outDir, async (tmpDir) => {
    await writeStatic(tmpDir, items, stores, events);
    await writeDaily(tmpDir, { o, rng, first, last, stores, profiles, calendar, storeLevel, feedback: byDay(feedback?.rows ?? []) });
    const fed = feedback && feedback.rows.length > 0 ? { feedback: { dataVersion: feedback.dataVersion, rows: feedback.rows.length, from: feedback.rows[0]!.date, to: feedback.rows.at(-1)!.date } } : {};
    const manifest = await buildManifest(tmpDir, rawFileNames, { generator: 'cd4ml-sales-synthetic', ...o, ...fed });
    await writeManifest(join(tmpDir, MANIFEST_FILE), manifest);
    return manifest;
  });
}

async function writeStatic(dir: string, items: Item[], stores: Store[], events: ReturnType<typeof holidayEvents>) {
  const itemsCsv = new CsvWriter(join(dir, 'items.csv'), rawFiles['items.csv']);
  for (const i of items) await itemsCsv.write([i.item_nbr, i.family, i.class, i.perishable ? 1 : 0]);
  await itemsCsv.close();
  const storesCsv = new CsvWriter(join(dir, 'stores.csv'), rawFiles['stores.csv']);
  for (const s of stores) await storesCsv.write([s.store_nbr, s.city, s.state, s.type, s.cluster]);
  await storesCsv.close();
  const holidaysCsv = new CsvWriter(join(dir, 'holidays_events.csv'), rawFiles['holidays_events.csv']);
  for (const e of events) {
    await holidaysCsv.write([e.date, e.type, e.locale, e.localeName, e.description, e.transferred ? 'True' : 'False']);
  }
  await holidaysCsv.close();
}

interface DailyContext {
  o: GenerateOptions;
  rng: SeededRandom;
  first: number;
  last: number;
  stores: Store[];
  profiles: ItemProfile[];
  calendar: HolidayCalendar;
  storeLevel: Map<number, number>;
  /** Outcomes fed back, by day number. */
  feedback: Map<number, FeedbackRow[]>;
}

function byDay(rows: readonly FeedbackRow[]): Map<number, FeedbackRow[]> {
  const out = new Map<number, FeedbackRow[]>();
  for (const r of rows) {
    const day = dayNumber(r.date);
    const list = out.get(day);
    if (list) list.push(r);
    else out.set(day, [r]);
  }
  return out;
}

async function writeDaily(dir: string, c: DailyContext) {
  const { o, rng, first, last, stores, profiles, calendar, storeLevel, feedback } = c;
  const train = new CsvWriter(join(dir, 'train.csv'), rawFiles['train.csv']);
  const transactions = new CsvWriter(join(dir, 'transactions.csv'), rawFiles['transactions.csv']);
  const oil = new CsvWriter(join(dir, 'oil.csv'), rawFiles['oil.csv']);
  // Last promoted day per (store, item), flat-indexed: a Map with string keys cost a third of the run time at 10M rows.
  const promoUntil = new Int32Array(stores.length * profiles.length).fill(-1);
  const progress = createProgress('generate', last - first + 1);
  let oilPrice = 37.5;
  let id = 0;
  const writeFeedback = async (rows: readonly FeedbackRow[]) => {
    for (const r of rows) {
      await train.writeLine(`${id},${r.date},${r.store_nbr},${r.item_nbr},${r.unit_sales},${r.onpromotion ? 'True' : 'False'}`);
      id += 1;
    }
  };
  const outside = (keep: (day: number) => boolean) => [...feedback.keys()].filter(keep).sort((a, b) => a - b);
  for (const day of outside((d) => d < first)) await writeFeedback(feedback.get(day)!);
  for (let day = first; day <= last; day += 1) {
    const observed = feedback.get(day) ?? [];
    const replaced = new Set(observed.map((r) => `${r.store_nbr}/${r.item_nbr}`));
    const dow = dayOfWeek(day);
    const { month, dayOfMonth } = dateParts(day);
    const date = isoDate(day);
    if (dow < 5) {
      oilPrice *= Math.exp(0.015 * rng.normal());
      const blank = rng.next() < 0.03 || calendar.dayInfo(day, { city: '', state: '' }).holiday;
      await oil.write([date, blank ? '' : oilPrice.toFixed(2)]);
    }
    if (isChristmas(day)) {
      await writeFeedback(observed); // stores are closed: no synthetic sales rows, no transactions
      continue;
    }
    const payday = isPayday(day) || isPayday(day - 1);
    const season = month === 12 ? 1 + 0.02 * dayOfMonth : 1;
    for (let s = 0; s < stores.length; s += 1) {
      const store = stores[s]!;
      const info = calendar.dayInfo(day, store);
      const dayFactor =
        WEEKDAY[dow]! * (payday ? 1.12 : 1) * (info.holiday ? 1.25 : 1) * (info.event ? 1.15 : 1) * (info.workDay ? 0.8 : 1) * season;
      let units = 0;
      for (let i = 0; i < profiles.length; i += 1) {
        const p = profiles[i]!;
        if (day < p.firstDay) continue;
        const key = s * profiles.length + i;
        if (rng.next() < 0.03) promoUntil[key] = day + rng.int(2, 10); // promotions run for a few days
        const promoted = promoUntil[key]! >= day;
        const trend = 1 + (p.trendPerYear * (day - first)) / 365;
        const mean = p.level * (storeLevel.get(store.store_nbr) ?? 1) * dayFactor * trend * (promoted ? p.promoLift : 1);
        let sales: number;
        if (rng.next() < 0.002) {
          sales = -rng.int(1, 3); // a return
        } else if (p.byWeight) {
          sales = rng.next() < Math.exp(-mean) ? 0 : Math.round(mean * Math.exp(0.3 * rng.normal()) * 1000) / 1000;
        } else {
          sales = rng.poisson(mean * Math.exp(0.2 * rng.normal()));
        }
        if (sales === 0) continue; // like the real file, days without sales have no row
        units += Math.max(0, sales);
        if (replaced.has(`${store.store_nbr}/${p.item.item_nbr}`)) continue; // the observed outcome wins
        const onpromotion = day - first < o.blankPromotionDays ? '' : promoted ? 'True' : 'False';
        await train.writeLine(`${id},${date},${store.store_nbr},${p.item.item_nbr},${sales},${onpromotion}`);
        id += 1;
      }
      await transactions.write([date, store.store_nbr, Math.max(1, Math.round(units * 0.45 + 15 * rng.normal()))]);
    }
    await writeFeedback(observed);
    progress.update(day - first + 1);
  }
  progress.stop();
  // Outcomes after the synthetic range extend it (no transactions: those are known only to the stores).
  for (const day of outside((d) => d > last)) await writeFeedback(feedback.get(day)!);
  await Promise.all([train.close(), transactions.close(), oil.close()]);
}
