import { dateParts } from '@cd4ml/calendar';

/** Public-sector wages in Ecuador are paid on the 15th and on the last day of the month. */
export function isPayday(day: number): boolean {
  const { dayOfMonth, daysInMonth } = dateParts(day);
  return dayOfMonth === 15 || dayOfMonth === daysInMonth;
}
