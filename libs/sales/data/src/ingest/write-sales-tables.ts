import { CsvWriter, csvField } from '@cd4ml/data';
import { type Progress } from '@cd4ml/cli';
import { salesTableColumns, type HolidayEvent, type Item, type Store } from '@cd4ml/sales-schema';
import { isoDate } from '@cd4ml/calendar';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { denormalize } from './denormalize.ts';
import type { SalesColumns } from './sales-columns.ts';

/** The reference tables that denormalize joins onto the sales rows. */
export interface JoinTables {
  items: readonly Item[];
  stores: readonly Store[];
  /** transactions.csv as read (strings). */
  transactions: ColumnTable;
  holidays: readonly HolidayEvent[];
}

export interface WrittenSplit {
  train: number;
  valid: number;
  /** Rows per day number, for backtest folds and reports. */
  rowsPerDay: Map<number, number>;
}

/**
 * Denormalizes the accepted rows chunk by chunk, in (date, store, item) order, and writes each row
 * to the training or the validation file by date. Chunks keep arquero's memory bounded at any size.
 *
 * @param validStart first validation day (day number): rows on or after it go to `validPath`
 * @param chunkRows rows per arquero chunk @default 250000
 */
export async function writeSalesTables(
  rows: SalesColumns,
  join: JoinTables,
  validStart: number,
  paths: { train: string; valid: string },
  progress?: Progress,
  chunkRows = 250_000,
): Promise<WrittenSplit> {
  const order = rows.order();
  const train = new CsvWriter(paths.train, salesTableColumns);
  const valid = new CsvWriter(paths.valid, salesTableColumns);
  const rowsPerDay = new Map<number, number>();
  const dates = new Map<number, string>();
  const dateOf = (day: number) => dates.get(day) ?? dates.set(day, isoDate(day)).get(day)!;
  const validStartIso = isoDate(validStart);
  for (let start = 0; start < rows.length; start += chunkRows) {
    const slice = order.subarray(start, Math.min(rows.length, start + chunkRows));
    const pick = <T>(get: (r: number) => T) => Array.from(slice, get);
    const chunk = aq.table({
      date: pick((r) => dateOf(rows.day[r]!)),
      store_nbr: pick((r) => rows.store[r]!),
      item_nbr: pick((r) => rows.item[r]!),
      unit_sales: pick((r) => rows.sales[r]!),
      onpromotion: pick((r) => rows.promo[r] === 1),
    });
    const table = denormalize(chunk, join.items, join.stores, join.transactions, join.holidays).select(salesTableColumns);
    const columns = salesTableColumns.map((c) => table.array(c) as ArrayLike<string | number | boolean | null>);
    const dateColumn = table.array('date') as ArrayLike<string>;
    for (let r = 0; r < table.numRows(); r += 1) {
      let line = csvField(columns[0]![r]);
      for (let c = 1; c < columns.length; c += 1) line += `,${csvField(columns[c]![r])}`;
      await (dateColumn[r]! >= validStartIso ? valid : train).writeLine(line);
    }
    for (const r of slice) rowsPerDay.set(rows.day[r]!, (rowsPerDay.get(rows.day[r]!) ?? 0) + 1);
    progress?.update(start + slice.length);
  }
  progress?.stop();
  await Promise.all([train.close(), valid.close()]);
  return { train: train.rows, valid: valid.rows, rowsPerDay };
}
