import { isoDate, parseIsoDate } from '@cd4ml/calendar';
import { parseCsvLine } from '@cd4ml/data';
import { rawFiles } from '@cd4ml/sales-schema';
import { DataValidationError } from '../data-validation-error.ts';
import { EARLIEST_DATE, MAX_ABS_UNIT_SALES } from './plausible-range.ts';

/** The checks a train.csv row is held to, in the order a row's problems are listed. */
export const rowChecks = ['schema', 'nulls', 'types', 'ranges', 'keys', 'references'] as const;
export type RowCheck = (typeof rowChecks)[number];

/** One broken rule of one row: the check it belongs to and a plain sentence. */
export interface RowProblem {
  check: RowCheck;
  reason: string;
}

export interface TrainRowRules {
  /** item_nbr of items.csv. */
  items: ReadonlySet<number>;
  /** store_nbr of stores.csv. */
  stores: ReadonlySet<number>;
  /** The latest plausible date (day number), see `latestPlausibleDay`. */
  latestDay: number;
  /** Named in messages. @default 'train.csv' */
  file?: string;
}

/** The values of the last row checked, valid when {@link TrainRowChecker.parsed} is true. */
export interface TrainRowValues {
  date: string;
  day: number;
  store: number;
  item: number;
  units: number;
  /** 'True', 'False' or '' (blank: the real file's early years). */
  promo: string;
}

const INT = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const EARLIEST_DAY = parseIsoDate(EARLIEST_DATE)!;
const COLUMNS = rawFiles['train.csv'];
const REQUIRED = ['id', 'date', 'store_nbr', 'item_nbr', 'unit_sales'] as const;

/**
 * The one copy of the train.csv row rules, used by ingest (which quarantines a failing row) and by
 * validate (which counts the problems per check): field count, nulls, types, ranges, duplicate ids
 * and (date, store, item) keys, references. One line at a time, so a 5 GB file streams through.
 *
 * Duplicate keys are compared within each run of rows of one date, as the real and synthetic files
 * are grouped by date: memory is one bit per id and the keys of one day. A date that comes back
 * after other dates is counted in {@link reopenedDates}.
 *
 * @example
 * const checker = new TrainRowChecker({ items, stores, latestDay: latestPlausibleDay() });
 * checker.header(firstLine);
 * if (!checker.check(line, 2)) console.log(checker.problems[0]?.reason);
 */
export class TrainRowChecker {
  /** The problems of the last row checked, in {@link rowChecks} order; empty when it passed. */
  readonly problems: RowProblem[] = [];
  /** Whether the last row's values parsed (no schema, nulls or types problem); then {@link values} holds them. */
  parsed = false;
  readonly values: TrainRowValues = { date: '', day: 0, store: 0, item: 0, units: 0, promo: '' };
  /** How many rows the last line holds: 2 or more when rows were glued together by a missing line break. */
  rowsInLine = 1;
  /** Times a date's rows started again after other dates: duplicate keys across those runs are not seen. */
  reopenedDates = 0;
  private readonly file: string;
  private at = COLUMNS.map((_, i) => i);
  private width: number = COLUMNS.length;
  private ids = new Uint8Array(1 << 20);
  private readonly otherIds = new Set<string>();
  private keyDay = Number.NaN;
  /** The keys of the current date's run while they come in increasing order (the usual case), with their lines. */
  private runKeys = new Float64Array(1024);
  private runLines = new Int32Array(1024);
  private runLength = 0;
  private runSorted = true;
  /** The keys of the current date's run once they came out of order. */
  private readonly dayKeys = new Map<number, number>();
  private readonly closedDays = new Set<number>();
  /** A file has a few thousand distinct dates: parsing each once saved a tenth of the scan at 10M rows. */
  private readonly dayOf = new Map<string, number | undefined>();
  /** Rows come grouped by date: comparing with the last date skips hashing a fresh string per row. */
  private lastDate = '';
  private lastDay: number | undefined;

  constructor(private readonly rules: TrainRowRules) {
    this.file = rules.file ?? 'train.csv';
  }

  /**
   * Reads the header line: the columns may come in any order, with extra ones, but all must be
   * there. A byte-order mark is stripped.
   *
   * @throws DataValidationError naming the missing columns
   */
  header(line: string): void {
    const found = parseCsvLine(line.replace(/^\uFEFF/, ''));
    const missing = COLUMNS.filter((c) => !found.includes(c));
    if (missing.length > 0) {
      throw new DataValidationError(this.file, `missing column(s) ${missing.join(', ')}; expected header ${COLUMNS.join(',')} but found ${found.join(',')}.`);
    }
    this.at = COLUMNS.map((c) => found.indexOf(c));
    this.width = found.length;
  }

  /** Checks one data line; true when it breaks no rule. `lineNumber` is 1-based (the header is line 1). */
  check(line: string, lineNumber: number): boolean {
    const problems = this.problems;
    if (problems.length !== 0) problems.length = 0;
    this.parsed = false;
    this.rowsInLine = 1;
    if (line === '') return this.fail('schema', 'the line is empty');
    const fields = parseCsvLine(line);
    if (fields.length !== this.width) return this.fieldCount(fields.length);
    const at = this.at;
    const id = fields[at[0]!]!, date = fields[at[1]!]!, store = fields[at[2]!]!, item = fields[at[3]!]!, sales = fields[at[4]!]!, promo = fields[at[5]!]!;

    if (id === '' || date === '' || store === '' || item === '' || sales === '') {
      const blank = REQUIRED.filter((_, k) => [id, date, store, item, sales][k] === '');
      this.push('nulls', `${blank.join(', ')} ${blank.length === 1 ? 'is' : 'are'} blank`);
    }

    let day: number | undefined;
    if (date === this.lastDate) day = this.lastDay;
    else {
      day = this.dayOf.get(date);
      if (day === undefined && !this.dayOf.has(date)) this.dayOf.set(date, (day = parseIsoDate(date)));
      this.lastDate = date;
      this.lastDay = day;
    }
    const idOk = INT.test(id);
    const storeOk = INT.test(store);
    const itemOk = INT.test(item);
    const salesOk = NUMBER.test(sales);
    if (id !== '' && !idOk) this.push('types', `id ${quote(id)} is not an integer`);
    if (date !== '' && day === undefined) this.push('types', `date ${quote(date)} is not a calendar date (YYYY-MM-DD)`);
    if (store !== '' && !storeOk) this.push('types', `store_nbr ${quote(store)} is not an integer`);
    if (item !== '' && !itemOk) this.push('types', `item_nbr ${quote(item)} is not an integer`);
    if (sales !== '' && !salesOk) this.push('types', `unit_sales ${quote(sales)} is not a number`);
    if (promo !== '' && promo !== 'True' && promo !== 'False') this.push('types', `onpromotion must be True, False or blank, got ${quote(promo)}`);
    this.parsed = problems.length === 0;

    const units = Number(sales);
    if (idOk && id.startsWith('-')) this.push('ranges', `id ${id} is negative`);
    if (day !== undefined && (day < EARLIEST_DAY || day > this.rules.latestDay)) {
      this.push('ranges', `date ${date} is outside the plausible range ${EARLIEST_DATE}..${isoDate(this.rules.latestDay)}`);
    }
    if (salesOk && Math.abs(units) > MAX_ABS_UNIT_SALES) this.push('ranges', `unit_sales ${sales} is beyond ±${MAX_ABS_UNIT_SALES}`);

    // An id or a key counts as seen even on a row that fails another rule: the file holds it twice.
    if (idOk && this.seenId(id)) this.push('keys', `duplicate id ${id}`);
    const storeNbr = Number(store);
    const itemNbr = Number(item);
    if (day !== undefined && storeOk && itemOk) {
      const first = this.seenKey(day, storeNbr, itemNbr, lineNumber);
      if (first !== undefined) this.push('keys', `duplicate (date, store_nbr, item_nbr) ${date}, ${store}, ${item}: first on line ${first}`);
    }

    if (storeOk && !this.rules.stores.has(storeNbr)) this.push('references', `store_nbr ${store} is not in stores.csv`);
    if (itemOk && !this.rules.items.has(itemNbr)) this.push('references', `item_nbr ${item} is not in items.csv`);

    if (this.parsed) {
      const v = this.values;
      v.date = date;
      v.day = day!;
      v.store = storeNbr;
      v.item = itemNbr;
      v.units = units;
      v.promo = promo;
    }
    return problems.length === 0;
  }

  private fieldCount(count: number): false {
    const expected = `expected ${this.width} fields, got ${count}`;
    // Two rows glued by a lost line break: the last field of one runs into the first of the next.
    const glued = (count - 1) % (this.width - 1) === 0 ? (count - 1) / (this.width - 1) : 1;
    if (count > this.width && glued > 1) {
      this.rowsInLine = glued;
      return this.fail('schema', `${expected}: ${glued} rows glued together (a missing line break?)`);
    }
    return this.fail('schema', `${expected} (${count < this.width ? 'a truncated line?' : 'an extra field or an unquoted comma?'})`);
  }

  private fail(check: RowCheck, reason: string): false {
    this.problems.push({ check, reason });
    return false;
  }

  private push(check: RowCheck, reason: string): void {
    this.problems.push({ check, reason });
  }

  /** Marks `id` as seen and tells whether it was seen before. One bit per id below 2^31. */
  private seenId(id: string): boolean {
    const n = Number(id);
    if (n < 0 || n >= 2 ** 31) {
      if (this.otherIds.has(id)) return true;
      this.otherIds.add(id);
      return false;
    }
    const byte = n >>> 3;
    if (byte >= this.ids.length) {
      const next = new Uint8Array(Math.max(this.ids.length * 2, byte + 1));
      next.set(this.ids);
      this.ids = next;
    }
    const bit = 1 << (n & 7);
    const seen = (this.ids[byte]! & bit) !== 0;
    this.ids[byte]! |= bit;
    return seen;
  }

  /** Records the key of this row in its date's run; returns the line of an earlier row with the same key. */
  private seenKey(day: number, store: number, item: number, lineNumber: number): number | undefined {
    if (day !== this.keyDay) {
      if (!Number.isNaN(this.keyDay)) this.closedDays.add(this.keyDay);
      if (this.closedDays.has(day)) this.reopenedDates += 1;
      this.keyDay = day;
      this.runLength = 0;
      this.runSorted = true;
      this.dayKeys.clear();
    }
    // Exact, and ordered like (store, item), for any store below 2^21.
    const key = store * 4_294_967_296 + item;
    if (this.runSorted) {
      const n = this.runLength;
      // Real and synthetic files list a day's rows by store, then item: an increasing key cannot
      // repeat an earlier one, so no hashing is needed (a map of every key cost a third of the scan).
      if (n === 0 || key > this.runKeys[n - 1]!) {
        if (n === this.runKeys.length) this.growRun();
        this.runKeys[n] = key;
        this.runLines[n] = lineNumber;
        this.runLength = n + 1;
        return undefined;
      }
      this.runSorted = false;
      for (let i = 0; i < n; i += 1) this.dayKeys.set(this.runKeys[i]!, this.runLines[i]!);
    }
    const first = this.dayKeys.get(key);
    if (first === undefined) this.dayKeys.set(key, lineNumber);
    return first;
  }

  private growRun(): void {
    const keys = new Float64Array(this.runKeys.length * 2);
    keys.set(this.runKeys);
    this.runKeys = keys;
    const lines = new Int32Array(this.runLines.length * 2);
    lines.set(this.runLines);
    this.runLines = lines;
  }
}

/** A value quoted for a message, cut to 40 characters: a 20 MB field must not be copied into every reason. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) + (value.length > 40 ? ` (${value.length} characters)` : '');
}
