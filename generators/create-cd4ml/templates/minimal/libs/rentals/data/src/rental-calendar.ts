import { dayNumber, dayOfWeek } from '@cd4ml/calendar';

/** Fixed-date public holidays (MM-DD): the city rides on them as on a Sunday. */
const HOLIDAYS: readonly string[] = ['01-01', '05-01', '12-25', '12-26'];
const SEASONS = ['winter', 'spring', 'summer', 'autumn'] as const;
export type Season = (typeof SEASONS)[number];

export const isHoliday = (date: string): boolean => HOLIDAYS.includes(date.slice(5));

/** Meteorological seasons: December to February is winter. */
export const season = (date: string): Season => SEASONS[Math.floor((Number(date.slice(5, 7)) % 12) / 3)]!;

export const dayType = (date: string): 'holiday' | 'weekend' | 'weekday' => (isHoliday(date) ? 'holiday' : dayOfWeek(dayNumber(date)) >= 5 ? 'weekend' : 'weekday');
