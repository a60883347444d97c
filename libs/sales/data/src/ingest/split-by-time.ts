import { isoDate } from '@cd4ml/calendar';
import { DataValidationError } from '../data-validation-error.ts';

/** The date windows of a time split (ISO dates, inclusive). */
export interface TimeSplit {
  trainStart: string;
  trainEnd: string;
  validStart: string;
  validEnd: string;
}

/**
 * Splits by date, never at random: forecasting is temporal, so validation is the last
 * `validationDays` days of data (`lastDay` included) and training is every day before.
 *
 * @param firstDay first and last day numbers of the accepted data
 * @throws DataValidationError when no training day would be left
 */
export function splitByTime(firstDay: number, lastDay: number, validationDays: number): TimeSplit {
  const validStart = lastDay - validationDays + 1;
  if (validStart <= firstDay) {
    throw new DataValidationError(
      'train.csv',
      `the data spans ${lastDay - firstDay + 1} days (${isoDate(firstDay)}..${isoDate(lastDay)}), too few for a ${validationDays}-day validation window and some training days. Lower --validation-days or widen --from/--to.`,
    );
  }
  return { trainStart: isoDate(firstDay), trainEnd: isoDate(validStart - 1), validStart: isoDate(validStart), validEnd: isoDate(lastDay) };
}
