import { dayNumber } from '@cd4ml/calendar';
import { describe, expect, it } from 'vitest';
import { splitByTime } from './split-by-time.ts';

describe('splitByTime', () => {
  it.each([
    [56, { trainStart: '2016-01-01', trainEnd: '2017-06-20', validStart: '2017-06-21', validEnd: '2017-08-15' }],
    [1, { trainStart: '2016-01-01', trainEnd: '2017-08-14', validStart: '2017-08-15', validEnd: '2017-08-15' }],
  ])('holds out the last %i days, the last day included', (days, expected) => {
    expect(splitByTime(dayNumber('2016-01-01'), dayNumber('2017-08-15'), days)).toEqual(expected);
  });

  it('refuses a validation window that leaves no training day', () => {
    expect(() => splitByTime(dayNumber('2017-08-01'), dayNumber('2017-08-15'), 15)).toThrow(/spans 15 days .* too few for a 15-day validation window/);
    expect(splitByTime(dayNumber('2017-08-01'), dayNumber('2017-08-15'), 14).trainEnd).toBe('2017-08-01');
  });
});
