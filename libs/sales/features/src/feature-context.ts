import { dateParts, dayNumber, dayOfWeek, HolidayCalendar, isPayday, type HolidayEvent, type Item, type Store } from '@cd4ml/sales-schema';
import { featureNames, featureSchemaVersion } from './feature-names.ts';
import type { ItemStats } from './item-stats.ts';

/** What a forecast is asked for: everything here is known before the day. */
export interface ForecastInput {
  date: string;
  store_nbr: number;
  item_nbr: number;
  onpromotion: boolean;
}

/**
 * Everything the features need besides the input, serialisable as JSON so it ships inside the
 * model artifact: training and serving build features from the very same tables and encoders.
 */
export interface FeatureSpec {
  featureSchemaVersion: number;
  featureNames: readonly string[];
  /**
   * Encoders: the code of a family or store type is its index here (-1 if unseen). Ordinal codes
   * (alphabetical order) instead of native categorical splits: a tree can isolate any single code
   * with two threshold splits, the target statistics (family_mean_log, item_*_mean_log) already
   * carry the ordering that matters, and ONNX BRANCH_LEQ serves it without one-hot columns.
   * See docs/training.md, "Categorical features".
   */
  families: string[];
  storeTypes: string[];
  items: Item[];
  stores: Store[];
  holidays: HolidayEvent[];
  stats: ItemStats;
}

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
    featureNames,
    families: [...new Set(reference.items.map((i) => i.family))].sort(),
    storeTypes: [...new Set(reference.stores.map((s) => s.type))].sort(),
    items: reference.items,
    stores: reference.stores,
    holidays: reference.holidays,
    stats,
  };
}

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

  /** Writes the features of `input` into `out` at row `row` (row-major, {@link nFeatures} per row). */
  write(input: ForecastInput, out: Float32Array, row: number): void {
    const item = this.items.get(input.item_nbr);
    if (!item) throw new FeatureInputError('UNKNOWN_ITEM', `unknown item_nbr ${input.item_nbr}: it is not in the model's catalogue`);
    const store = this.stores.get(input.store_nbr);
    if (!store) throw new FeatureInputError('UNKNOWN_STORE', `unknown store_nbr ${input.store_nbr}: the model covers stores ${[...this.stores.keys()].join(', ')}`);
    let day: number;
    try {
      day = dayNumber(input.date);
    } catch {
      throw new FeatureInputError('INVALID_DATE', `date ${JSON.stringify(input.date)} is not a calendar date (YYYY-MM-DD)`);
    }
    const { dayOfMonth, month } = dateParts(day);
    const dow = dayOfWeek(day);
    const info = this.calendar.dayInfo(day, store);
    const stats = this.spec.stats;
    const familyMean = stats.families[item.family] ?? stats.globalMeanLog;
    const s = stats.items[String(item.item_nbr)];
    const values = [
      dow,
      dayOfMonth,
      month,
      isPayday(day) ? 1 : 0,
      info.holiday ? 1 : 0,
      info.holidayScope,
      info.dayOff ? 1 : 0,
      info.event ? 1 : 0,
      this.calendar.daysToHoliday(day, store),
      this.calendar.daysSinceHoliday(day, store),
      input.onpromotion ? 1 : 0,
      this.familyCode.get(item.family) ?? -1,
      item.class,
      item.perishable ? 1 : 0,
      this.storeTypeCode.get(store.type) ?? -1,
      store.cluster,
      s ? s[0] : familyMean,
      s ? (s[1][dow] ?? s[0]) : familyMean,
      s ? s[2] : familyMean,
      s ? s[3] : familyMean,
      familyMean,
    ];
    out.set(values, row * this.nFeatures);
  }

  /** Features of many inputs as one row-major matrix. */
  matrix(inputs: readonly ForecastInput[]): Float32Array {
    const out = new Float32Array(inputs.length * this.nFeatures);
    inputs.forEach((input, row) => this.write(input, out, row));
    return out;
  }
}
