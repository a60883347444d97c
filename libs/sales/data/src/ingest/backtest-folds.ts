import { isoDate } from '@cd4ml/calendar';
import type { BacktestFold } from '@cd4ml/sales-schema';


export interface BacktestOptions {
  /** Number of folds; 0 for none. @default 0 */
  folds: number;
  /** Days in each fold's validation window. @default 56 */
  horizonDays: number;
  /** Days between the ends of consecutive folds. @default 28 */
  stepDays: number;
}

/**
 * Rolling-origin folds over the time axis, oldest first, the last one ending on `lastDay`. Never
 * random: every fold validates on days after all its training days.
 *
 * @param rowsPerDay row counts per day number, to report each fold's size
 * @throws RangeError when the oldest fold would have no training day
 */
export type { BacktestFold };

export function backtestFolds(rowsPerDay: ReadonlyMap<number, number>, o: BacktestOptions): BacktestFold[] {
  if (o.folds === 0 || rowsPerDay.size === 0) return [];
  const days = [...rowsPerDay.keys()];
  // Loops, not Math.min(...days): a spread of more than about 125k values throws a RangeError.
  let first = Infinity;
  let last = -Infinity;
  for (const d of days) {
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const count = (from: number, to: number) => days.reduce((sum, d) => (d >= from && d <= to ? sum + (rowsPerDay.get(d) ?? 0) : sum), 0);
  const folds: BacktestFold[] = [];
  for (let k = 0; k < o.folds; k += 1) {
    const validEnd = last - (o.folds - 1 - k) * o.stepDays;
    const validStart = validEnd - o.horizonDays + 1;
    if (validStart <= first) {
      throw new RangeError(`${o.folds} folds of ${o.horizonDays} days every ${o.stepDays} days do not fit in ${last - first + 1} days of data; use fewer or shorter folds.`);
    }
    folds.push({
      fold: k + 1,
      trainStart: isoDate(first),
      trainEnd: isoDate(validStart - 1),
      validStart: isoDate(validStart),
      validEnd: isoDate(validEnd),
      trainRows: count(first, validStart - 1),
      validRows: count(validStart, validEnd),
    });
  }
  return folds;
}
