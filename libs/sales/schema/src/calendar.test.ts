import { describe, expect, it } from 'vitest';
import { dayNumber, dayOfWeek, easterSunday, isoDate, isPayday, parseIsoDate } from './calendar.ts';

describe('calendar', () => {
  it.each([
    ['2017-02-30', undefined],
    ['2017-13-01', undefined],
    ['2017-1-01', undefined],
    ['not a date', undefined],
    ['2016-02-29', 16860],
  ])('parseIsoDate(%j) is %j', (text, expected) => {
    expect(parseIsoDate(text)).toBe(expected);
  });

  it('round-trips and knows the weekday', () => {
    expect(isoDate(dayNumber('2017-08-15'))).toBe('2017-08-15');
    expect(dayOfWeek(dayNumber('2017-08-14'))).toBe(0); // a Monday
    expect(dayOfWeek(dayNumber('2017-08-20'))).toBe(6); // a Sunday
  });

  it.each([
    ['2017-03-15', true],
    ['2017-02-28', true],
    ['2016-02-28', false],
    ['2016-02-29', true],
    ['2017-03-14', false],
  ])('isPayday(%s) is %s', (date, expected) => {
    expect(isPayday(dayNumber(date))).toBe(expected);
  });

  it.each([
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
  ])('Easter %i is %s', (year, date) => {
    expect(isoDate(easterSunday(year))).toBe(date);
  });
});
