import { describe, expect, it } from 'vitest';
import { dayNumber } from '@cd4ml/calendar';
import type { HolidayEvent } from './favorita.ts';
import { HolidayCalendar } from './holiday-calendar.ts';

const event = (date: string, over: Partial<HolidayEvent> = {}): HolidayEvent => ({
  date,
  type: 'Holiday',
  locale: 'National',
  localeName: 'Ecuador',
  description: 'x',
  transferred: false,
  ...over,
});

const quito = { city: 'Quito', state: 'Pichincha' };
const guayaquil = { city: 'Guayaquil', state: 'Guayas' };

const calendar = new HolidayCalendar([
  // Independence day moved from Thursday to Friday: only the Friday is off.
  event('2017-08-10', { transferred: true, description: 'Primer Grito de Independencia' }),
  event('2017-08-11', { type: 'Transfer', description: 'Traslado Primer Grito de Independencia' }),
  event('2017-07-25', { locale: 'Local', localeName: 'Guayaquil', description: 'Fundacion de Guayaquil' }),
  event('2017-04-21', { locale: 'Regional', localeName: 'Pichincha', description: 'Provincializacion' }),
  event('2016-12-24', { type: 'Bridge' }),
  event('2016-12-10', { type: 'Work Day', description: 'Recupero puente Navidad' }), // a Saturday
  event('2016-11-25', { type: 'Event', description: 'Black Friday' }),
]);
const info = (date: string, store = quito) => calendar.dayInfo(dayNumber(date), store);

describe('HolidayCalendar', () => {
  it('counts a transferred holiday on the day it moved to, not its original date', () => {
    expect(info('2017-08-10')).toMatchObject({ holiday: false, dayOff: false });
    expect(info('2017-08-11')).toMatchObject({ holiday: true, dayOff: true, holidayScope: 3 });
  });

  it('applies local and regional holidays only to stores there', () => {
    expect(info('2017-07-25', guayaquil)).toMatchObject({ holiday: true, holidayScope: 1 });
    expect(info('2017-07-25', quito)).toMatchObject({ holiday: false, dayOff: false });
    expect(info('2017-04-21', quito)).toMatchObject({ holiday: true, holidayScope: 2 });
    expect(info('2017-04-21', guayaquil).holiday).toBe(false);
  });

  it('turns a Work Day Saturday into a working day and keeps events as working days', () => {
    expect(info('2016-12-10')).toMatchObject({ workDay: true, dayOff: false });
    expect(info('2016-12-17').dayOff).toBe(true); // an ordinary Saturday
    expect(info('2016-11-25')).toMatchObject({ event: true, holiday: false, dayOff: false });
    expect(info('2016-12-24')).toMatchObject({ holiday: true, dayOff: true });
  });

  it('measures days to and from the nearest holiday for the store, capped', () => {
    expect(calendar.daysToHoliday(dayNumber('2017-08-08'), quito)).toBe(3);
    expect(calendar.daysSinceHoliday(dayNumber('2017-08-13'), quito)).toBe(2);
    expect(calendar.daysToHoliday(dayNumber('2017-08-11'), quito)).toBe(0);
    expect(calendar.daysToHoliday(dayNumber('2017-07-20'), guayaquil)).toBe(5);
    expect(calendar.daysToHoliday(dayNumber('2017-07-20'), quito)).toBe(22);
    expect(calendar.daysToHoliday(dayNumber('2018-01-01'), quito, 30)).toBe(30);
    expect(calendar.lastDay).toBe(dayNumber('2017-08-11'));
  });
});
