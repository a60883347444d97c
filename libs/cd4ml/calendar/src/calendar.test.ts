import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, dayOfWeek, easterSunday, isoDate, parseIsoDate } from './calendar.ts';

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

  /** What parseIsoDate must agree with: the same rule through a regular expression and Date. */
  function byDate(text: string): number | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const back = new Date(Date.UTC(y, m - 1, d));
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
    return Date.UTC(y, m - 1, d) / 86_400_000;
  }

  it('parseIsoDate agrees with Date.UTC on every date string from 1600 to 2400, real or not, and on near misses and noise', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const near = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    const damaged = fc.tuple(near, fc.nat(10), fc.constantFrom(' ', '+', '/', 'a', '٣', '')).map(([t, i, c]) => t.slice(0, i) + c + t.slice(i + 1));
    fc.assert(
      fc.property(fc.oneof(near, damaged, fc.string({ maxLength: 12 })), (text) => {
        expect(parseIsoDate(text)).toBe(byDate(text));
      }),
      { numRuns: 20_000 },
    );
    // Every day number, month and year from 1600 to 2400, real or not (2100-02-29 is not).
    const wrong: string[] = [];
    for (let y = 1600; y <= 2400; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 0; d <= 31; d++) {
          const text = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
          if (parseIsoDate(text) !== byDate(text)) wrong.push(text);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('round-trips and knows the weekday', () => {
    expect(isoDate(dayNumber('2017-08-15'))).toBe('2017-08-15');
    expect(dayOfWeek(dayNumber('2017-08-14'))).toBe(0); // a Monday
    expect(dayOfWeek(dayNumber('2017-08-20'))).toBe(6); // a Sunday
  });

  it.each([
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
  ])('Easter %i is %s', (year, date) => {
    expect(isoDate(easterSunday(year))).toBe(date);
  });
});
