import { dayNumber, isoDate } from '@cd4ml/sales-schema';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

export interface TimeSplit {
  train: ColumnTable;
  valid: ColumnTable;
  /** Last training day and first validation day (ISO dates). */
  trainEnd: string;
  validStart: string;
  validEnd: string;
}

/**
 * Splits by date, never at random: forecasting is temporal, so validation is the last
 * `validationDays` days of data and training is everything before.
 */
export function splitByTime(table: ColumnTable, validationDays: number): TimeSplit {
  if (table.numRows() === 0) throw new RangeError('cannot split an empty table');
  let last = -Infinity;
  for (const date of table.array('date') as Iterable<string>) last = Math.max(last, dayNumber(date));
  const validStart = isoDate(last - validationDays + 1);
  // ISO dates compare correctly as strings.
  const isValid = aq.escape((d: { date: string }) => d.date >= validStart);
  const isTrain = aq.escape((d: { date: string }) => d.date < validStart);
  return {
    train: table.filter(isTrain).reify(),
    valid: table.filter(isValid).reify(),
    trainEnd: isoDate(last - validationDays),
    validStart,
    validEnd: isoDate(last),
  };
}
