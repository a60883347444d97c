import { isoDate } from '@cd4ml/calendar';
import type { BacktestFold } from '@cd4ml/sales-schema';

export interface BacktestOptions {
  /** Number of folds; 0 for none. @default 3 */
  folds: number;
  /** Days in each fold's validation window. @default 56 */
  horizonDays: number;
  /** Days between the ends of consecutive folds. @default 28 */
  stepDays: number;
}

/** The folds cut, and a plain sentence when fewer than asked for fit the data. */
export interface FoldPlan {
  folds: BacktestFold[];
  note?: string;
}

/**
 * Rolling-origin folds over the time axis, oldest first, the last one ending on the last day. Never
 * random: every fold validates on days after all its training days. A fold fits when it has at
 * least as many training days as validation days; when some of the folds asked for do not fit,
 * the newest ones that do are kept and `note` says so.
 *
 * @param rowsPerDay row counts per day number, to report each fold's size
 * @example backtestFolds(rowsPerDay, { folds: 3, horizonDays: 56, stepDays: 28 })
 */
export function backtestFolds(rowsPerDay: ReadonlyMap<number, number>, o: BacktestOptions): FoldPlan {
  if (o.folds === 0 || rowsPerDay.size === 0) return { folds: [] };
  // Loops, not Math.min(...days): a spread of more than about 125k values throws a RangeError.
  let first = Infinity;
  let last = -Infinity;
  for (const d of rowsPerDay.keys()) {
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const count = (from: number, to: number) => {
    let sum = 0;
    for (const [d, rows] of rowsPerDay) if (d >= from && d <= to) sum += rows;
    return sum;
  };
  const validEndOf = (newestFirst: number) => last - newestFirst * o.stepDays;
  let fit = 0;
  while (fit < o.folds && validEndOf(fit) - o.horizonDays + 1 - first >= o.horizonDays) fit += 1;
  const folds: BacktestFold[] = [];
  for (let k = 0; k < fit; k += 1) {
    const validEnd = validEndOf(fit - 1 - k);
    const validStart = validEnd - o.horizonDays + 1;
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
  if (fit === o.folds) return { folds };
  const asked = `${o.folds} fold${o.folds === 1 ? '' : 's'} of ${o.horizonDays} days every ${o.stepDays} days`;
  const span = `the ${last - first + 1} days of data (${isoDate(first)}..${isoDate(last)})`;
  const why = `each needs at least ${o.horizonDays} training days before its window`;
  const note = fit === 0 ? `none of the ${asked} fits in ${span}: ${why}. Ask for shorter folds (--fold-days) to backtest.` : `only ${fit} of the ${asked} fit in ${span}: ${why}.`;
  return { folds, note };
}
