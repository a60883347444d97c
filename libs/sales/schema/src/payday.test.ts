import { dayNumber } from '@cd4ml/calendar';
import { describe, expect, it } from 'vitest';
import { isPayday } from './payday.ts';

describe('isPayday', () => {
  it.each([
    ['2017-03-15', true],
    ['2017-02-28', true],
    ['2016-02-28', false],
    ['2016-02-29', true],
    ['2017-03-14', false],
  ])('isPayday(%s) is %s', (date, expected) => {
    expect(isPayday(dayNumber(date))).toBe(expected);
  });
});
