import { isoDate } from '@cd4ml/calendar';
import type { FeatureBuilder, ForecastInput } from '@cd4ml/sales-features';
import type { SalesHistory } from '@cd4ml/sales-schema';
import { binRows, type BinnedMatrix, type Matrix } from '@cd4ml/trees';

/** The indices of the history's rows before `day`, and of those on or after it, each in table order. */
export function splitAtDay(history: SalesHistory, day: number): { before: Uint32Array; after: Uint32Array } {
  let nBefore = 0;
  for (let i = 0; i < history.length; i += 1) if (history.day[i]! < day) nBefore += 1;
  const before = new Uint32Array(nBefore);
  const after = new Uint32Array(history.length - nBefore);
  let b = 0;
  let a = 0;
  for (let i = 0; i < history.length; i += 1) {
    if (history.day[i]! < day) before[b++] = i;
    else after[a++] = i;
  }
  return { before, after };
}

/**
 * Features and targets of chosen rows of a {@link SalesHistory}, written by the one
 * {@link FeatureBuilder} row by row: the training matrix is binned straight from the columns
 * (`binRows`, 1 byte a cell), so its float32 copy (4 bytes a cell) never exists.
 */
export class HistoryFeatures {
  readonly nFeatures: number;
  private readonly input: ForecastInput = { date: '', store_nbr: 0, item_nbr: 0, onpromotion: false };
  // A few thousand days: each date string made once, not once per row.
  private readonly dates = new Map<number, string>();

  constructor(
    private readonly builder: FeatureBuilder,
    private readonly history: SalesHistory,
  ) {
    this.nFeatures = builder.nFeatures;
  }

  /** Writes the features of history row `row` into `out` at row `outRow`. */
  write(row: number, out: Float32Array, outRow: number): void {
    const h = this.history;
    const day = h.day[row]!;
    let date = this.dates.get(day);
    if (date === undefined) this.dates.set(day, (date = isoDate(day)));
    const input = this.input;
    input.date = date;
    input.store_nbr = h.store[row]!;
    input.item_nbr = h.item[row]!;
    input.onpromotion = h.promo[row] === 1;
    this.builder.write(input, out, outRow);
  }

  /** The rows' features binned with the training params' `maxBins` and `seed`: the same model as from the float matrix. */
  binned(rows: Uint32Array, bins: { maxBins: number; seed: number }): BinnedMatrix {
    return binRows(rows.length, this.nFeatures, (r, out, outRow) => this.write(rows[r]!, out, outRow), bins);
  }

  /** The rows' features as a float32 matrix: for the few rows early stopping watches. */
  matrix(rows: Uint32Array): Matrix {
    const values = new Float32Array(rows.length * this.nFeatures);
    rows.forEach((row, i) => this.write(row, values, i));
    return { values, nRows: rows.length, nCols: this.nFeatures };
  }

  /** The training target, log1p(unit_sales), of the rows. */
  target(rows: Uint32Array): Float64Array {
    return Float64Array.from(rows, (row) => Math.log1p(this.history.sales[row]!));
  }
}
