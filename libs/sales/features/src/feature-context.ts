import { HolidayCalendar, holidayEventSchema, isPayday, itemSchema, storeSchema, type HolidayEvent, type Item, type Store } from '@cd4ml/sales-schema';
import { z } from 'zod';
import { dateParts, dayNumber, dayOfWeek } from '@cd4ml/calendar';
import { featureNames, featureSchemaVersion } from './feature-names.ts';
import { itemStatsSchema, type ItemStats } from './item-stats.ts';

/** What a forecast is asked for: everything here is known before the day. */
export interface ForecastInput {
  date: string;
  store_nbr: number;
  item_nbr: number;
  onpromotion: boolean;
}

/**
 * Everything the features need besides the input, serialisable as JSON so it ships inside the
 * model artifact (the card's `spec`): training and serving build features from the very same
 * tables and encoders. Every reader parses it with this schema, so a damaged spec is refused at
 * load, never on the first request.
 */
export const featureSpecSchema = z.object({
  featureSchemaVersion: z.number().int().positive(),
  featureNames: z.array(z.string()),
  /**
   * Encoders: the code of a family or store type is its index here (-1 if unseen). Ordinal codes
   * (alphabetical order) instead of native categorical splits: a tree can isolate any single code
   * with two threshold splits, the target statistics (family_mean_log, item_*_mean_log) already
   * carry the ordering that matters, and ONNX BRANCH_LEQ serves it without one-hot columns.
   * See docs/training.md, "Categorical features".
   */
  families: z.array(z.string()),
  storeTypes: z.array(z.string()),
  items: z.array(itemSchema),
  stores: z.array(storeSchema),
  holidays: z.array(holidayEventSchema),
  stats: itemStatsSchema,
});
export type FeatureSpec = z.infer<typeof featureSpecSchema>;

/** Thrown for an input the model cannot answer, with a code the app maps to an HTTP status. */
export class FeatureInputError extends Error {
  override readonly name = 'FeatureInputError';
  constructor(
    readonly code: 'UNKNOWN_ITEM' | 'UNKNOWN_STORE' | 'INVALID_DATE',
    message: string,
  ) {
    super(message);
  }
}

export function createFeatureSpec(reference: { items: Item[]; stores: Store[]; holidays: HolidayEvent[] }, stats: ItemStats): FeatureSpec {
  return {
    featureSchemaVersion,
    featureNames: [...featureNames],
    families: [...new Set(reference.items.map((i) => i.family))].sort(),
    storeTypes: [...new Set(reference.stores.map((s) => s.type))].sort(),
    items: reference.items,
    stores: reference.stores,
    holidays: reference.holidays,
    stats,
  };
}

const DAY_CACHE_LIMIT = 20_000;

/** Builds feature rows from a {@link FeatureSpec}; the one implementation used by training and serving. */
export class FeatureBuilder {
  readonly nFeatures = featureNames.length;
  readonly calendar: HolidayCalendar;
  private readonly items: Map<number, Item>;
  private readonly stores: Map<number, Store>;
  private readonly familyCode: Map<string, number>;
  private readonly storeTypeCode: Map<string, number>;

  constructor(readonly spec: FeatureSpec) {
    this.calendar = new HolidayCalendar(spec.holidays);
    this.items = new Map(spec.items.map((i) => [i.item_nbr, i]));
    this.stores = new Map(spec.stores.map((s) => [s.store_nbr, s]));
    this.familyCode = new Map(spec.families.map((f, i) => [f, i]));
    this.storeTypeCode = new Map(spec.storeTypes.map((t, i) => [t, i]));
  }

  item(itemNbr: number): Item | undefined {
    return this.items.get(itemNbr);
  }

  store(storeNbr: number): Store | undefined {
    return this.stores.get(storeNbr);
  }

  /**
   * Throws a {@link FeatureInputError} (UNKNOWN_ITEM, then UNKNOWN_STORE) when the model cannot
   * answer for this item or store: callers check a whole batch first, so an error can name its row.
   * @example builder.check({ item_nbr: 99197, store_nbr: 44 })
   */
  check(input: Pick<ForecastInput, 'item_nbr' | 'store_nbr'>): void {
    if (!this.items.has(input.item_nbr)) throw this.unknownItem(input.item_nbr);
    if (!this.stores.has(input.store_nbr)) throw this.unknownStore(input.store_nbr);
  }

  // The one wording of these two errors, for check() and for write().
  private unknownItem(itemNbr: number): FeatureInputError {
    return new FeatureInputError('UNKNOWN_ITEM', `unknown item_nbr ${itemNbr}: it is not in the model's catalogue`);
  }

  private unknownStore(storeNbr: number): FeatureInputError {
    return new FeatureInputError('UNKNOWN_STORE', `unknown store_nbr ${storeNbr}: the model covers stores ${[...this.stores.keys()].join(', ')}`);
  }

  /** Writes the features of `input` into `out` at row `row` (row-major, {@link nFeatures} per row). */
  write(input: ForecastInput, out: Float32Array, row: number): void {
    const item = this.itemPart(input.item_nbr);
    const store = this.storePart(input.store_nbr);
    const day = this.dayPart(input.store_nbr, input.date);
    const at = row * this.nFeatures;
    out.set(day, at); // 0-9: calendar and holidays for the store
    out[at + 10] = input.onpromotion ? 1 : 0;
    out[at + 11] = item[0]!; // family
    out[at + 12] = item[1]!; // item_class
    out[at + 13] = item[2]!; // perishable
    out[at + 14] = store[0]!; // store_type
    out[at + 15] = store[1]!; // cluster
    out[at + 16] = item[3]!; // item_mean_log
    out[at + 17] = item[7 + day[0]!]!; // item_weekday_mean_log for this weekday
    out[at + 18] = item[4]!; // item_recent_mean_log
    out[at + 19] = item[5]!; // item_promo_mean_log
    out[at + 20] = item[6]!; // family_mean_log
  }

  // Serving builds features per request, so each part is computed once and kept: the calendar part
  // per (store, date), the item part per item, the store part per store. Same numbers, fewer cycles.
  private readonly dayCache = new Map<number, Map<string, Float32Array>>();
  private readonly itemCache = new Map<number, Float32Array>();
  private readonly storeCache = new Map<number, Float32Array>();

  private dayPart(storeNbr: number, date: string): Float32Array {
    let byDate = this.dayCache.get(storeNbr);
    const cached = byDate?.get(date);
    if (cached) return cached;
    const store = this.stores.get(storeNbr)!;
    let day: number;
    try {
      day = dayNumber(date);
    } catch {
      throw new FeatureInputError('INVALID_DATE', `date ${JSON.stringify(date)} is not a calendar date (YYYY-MM-DD)`);
    }
    const { dayOfMonth, month } = dateParts(day);
    const info = this.calendar.dayInfo(day, store);
    const part = Float32Array.of(
      dayOfWeek(day),
      dayOfMonth,
      month,
      isPayday(day) ? 1 : 0,
      info.holiday ? 1 : 0,
      info.holidayScope,
      info.dayOff ? 1 : 0,
      info.event ? 1 : 0,
      this.calendar.daysToHoliday(day, store),
      this.calendar.daysSinceHoliday(day, store),
    );
    if (!byDate) this.dayCache.set(storeNbr, (byDate = new Map<string, Float32Array>()));
    if (byDate.size >= DAY_CACHE_LIMIT) byDate.clear(); // bounded, whatever dates callers send
    byDate.set(date, part);
    return part;
  }

  private itemPart(itemNbr: number): Float32Array {
    const cached = this.itemCache.get(itemNbr);
    if (cached) return cached;
    const item = this.items.get(itemNbr);
    if (!item) throw this.unknownItem(itemNbr);
    const stats = this.spec.stats;
    const familyMean = stats.families[item.family] ?? stats.globalMeanLog;
    const s = stats.items[String(item.item_nbr)];
    const mean = s ? s[0] : familyMean;
    const weekday = Array.from({ length: 7 }, (_, dow) => (s ? (s[1][dow] ?? s[0]) : familyMean));
    const part = Float32Array.of(
      this.familyCode.get(item.family) ?? -1,
      item.class,
      item.perishable ? 1 : 0,
      mean,
      s ? s[2] : familyMean,
      s ? s[3] : familyMean,
      familyMean,
      ...weekday,
    );
    this.itemCache.set(itemNbr, part);
    return part;
  }

  private storePart(storeNbr: number): Float32Array {
    const cached = this.storeCache.get(storeNbr);
    if (cached) return cached;
    const store = this.stores.get(storeNbr);
    if (!store) throw this.unknownStore(storeNbr);
    const part = Float32Array.of(this.storeTypeCode.get(store.type) ?? -1, store.cluster);
    this.storeCache.set(storeNbr, part);
    return part;
  }

  /** Features of many inputs as one row-major matrix. */
  matrix(inputs: readonly ForecastInput[]): Float32Array {
    const out = new Float32Array(inputs.length * this.nFeatures);
    inputs.forEach((input, row) => this.write(input, out, row));
    return out;
  }
}
