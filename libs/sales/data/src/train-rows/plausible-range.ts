import { parseIsoDate } from '@cd4ml/calendar';

/** The largest |unit_sales| in the real file is about 89,000; beyond this a value is a data error. */
export const MAX_ABS_UNIT_SALES = 100_000;
/** The first day of the Favorita data: an older row is a data error. */
export const EARLIEST_DATE = '2013-01-01';

/**
 * The latest plausible date of a row, as a day number: `asOf`, or tomorrow (a day of slack for
 * time zones) when it is not given.
 *
 * @throws RangeError when `asOf` is not a calendar date
 */
export function latestPlausibleDay(asOf?: string): number {
  if (asOf === undefined) return Math.floor(Date.now() / 86_400_000) + 1;
  const day = parseIsoDate(asOf);
  if (day === undefined) throw new RangeError(`as-of date ${JSON.stringify(asOf)} is not a calendar date (YYYY-MM-DD)`);
  return day;
}
