import { parseIsoDate } from '@cd4ml/calendar';
import type { Item, Store } from '@cd4ml/sales-schema';
import { latestPlausibleDay } from '../train-rows/plausible-range.ts';
import { TrainRowChecker } from '../train-rows/train-row-checker.ts';
import { DataValidationError } from '../data-validation-error.ts';
import { SalesColumns } from './sales-columns.ts';

/** A train.csv row that failed validation, kept with its reason and where it came from. */
export interface QuarantinedRow {
  source_file: string;
  /** 1-based line in the source file (the header is line 1). */
  line: number;
  reason: string;
  raw: string;
}

/** Which rows to keep, like the classic "one store, one year" extract. Unset means everything. */
export interface SalesFilter {
  stores?: readonly number[];
  items?: readonly number[];
  /** First date kept (YYYY-MM-DD, inclusive). */
  from?: string;
  /** Last date kept (YYYY-MM-DD, inclusive). */
  to?: string;
}

/**
 * Where every row went: in = accepted + quarantined + excludedByFilter + returns. `lines` counts
 * physical lines; `in` counts rows, so a line holding two glued rows counts twice there.
 */
export interface ScanCounts {
  lines: number;
  in: number;
  accepted: number;
  quarantined: number;
  excludedByFilter: number;
  returns: number;
}

/**
 * Streams train.csv through the {@link TrainRowChecker} rules one line at a time, quarantines the
 * rows that break one, applies the filter and the returns policy, and keeps accepted rows in
 * {@link SalesColumns}. Memory grows with the accepted rows only, plus what the checker keeps.
 */
export class SalesScanner {
  readonly rows = new SalesColumns();
  readonly counts: ScanCounts = { lines: 0, in: 0, accepted: 0, quarantined: 0, excludedByFilter: 0, returns: 0 };
  readonly checker: TrainRowChecker;
  private readonly keepStores?: Set<number>;
  private readonly keepItems?: Set<number>;
  private readonly from: number;
  private readonly to: number;

  /** @param latestDay the latest plausible date (day number) @default tomorrow */
  constructor(items: readonly Item[], stores: readonly Store[], filter: SalesFilter = {}, latestDay = latestPlausibleDay()) {
    const knownItems = new Set(items.map((i) => i.item_nbr));
    const knownStores = new Set(stores.map((s) => s.store_nbr));
    this.checker = new TrainRowChecker({ items: knownItems, stores: knownStores, latestDay });
    if (filter.stores) this.keepStores = new Set(known(filter.stores, knownStores, '--stores', 'stores.csv'));
    if (filter.items) this.keepItems = new Set(known(filter.items, knownItems, '--items', 'items.csv'));
    this.from = filter.from ? filterDay(filter.from, '--from') : -Infinity;
    this.to = filter.to ? filterDay(filter.to, '--to') : Infinity;
  }

  /** Checks the header line (see {@link TrainRowChecker.header}). */
  header(line: string): void {
    this.checker.header(line);
  }

  /** Processes one data line; returns the quarantine record when the line is rejected. */
  line(line: string, lineNumber: number): QuarantinedRow | undefined {
    const c = this.counts;
    const checker = this.checker;
    c.lines += 1;
    const ok = checker.check(line, lineNumber);
    c.in += checker.rowsInLine;
    if (!ok) {
      c.quarantined += checker.rowsInLine;
      return { source_file: 'train.csv', line: lineNumber, reason: checker.problems[0]?.reason ?? 'invalid', raw: line };
    }
    const { day, store, item, units, promo } = checker.values;
    if (day < this.from || day > this.to || (this.keepStores && !this.keepStores.has(store)) || (this.keepItems && !this.keepItems.has(item))) {
      c.excludedByFilter += 1;
      return undefined;
    }
    // Returns policy: a negative unit_sales is a customer return, not negative demand. It is
    // excluded from the demand table and counted; forecasting returns is a separate problem.
    if (units < 0) {
      c.returns += 1;
      return undefined;
    }
    // A blank onpromotion (the real file before 2014-04-01) is read as false, by policy.
    this.rows.push(day, store, item, units, promo === 'True');
    c.accepted += 1;
    return undefined;
  }
}

function known(wanted: readonly number[], known: ReadonlySet<number>, option: string, file: string): readonly number[] {
  const unknown = wanted.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    const some = [...known].slice(0, 10).join(', ');
    throw new DataValidationError('filter', `${option} ${unknown.join(', ')}: not in ${file} (it has ${known.size}, e.g. ${some}).`);
  }
  return wanted;
}

function filterDay(text: string, option: string): number {
  const day = parseIsoDate(text);
  if (day === undefined) throw new DataValidationError('filter', `${option} ${JSON.stringify(text)} is not a calendar date (YYYY-MM-DD).`);
  return day;
}
