import { InvalidArgumentError } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { integer, integerList, isoDate, number } from './options.ts';

describe('shared option parsers', () => {
  it.each([
    ['12', 12],
    ['0', 0],
  ])('integer({ min: 0 }) takes %j', (text, value) => {
    expect(integer({ min: 0 })(text)).toBe(value);
  });

  it.each(['', ' ', '1.5', '-1', 'x', '13'])('integer({ min: 0, max: 12 }) refuses %j, saying the range', (text) => {
    expect(() => integer({ min: 0, max: 12 })(text)).toThrow(new InvalidArgumentError('expected a whole number from 0 to 12.'));
  });

  it('number() takes a finite number and refuses the rest', () => {
    expect(number({ min: 0 })('0.25')).toBe(0.25);
    expect(() => number({ min: 0 })('-0.1')).toThrow(/at least 0/);
    expect(() => number()('Infinity')).toThrow(/expected a number/);
  });

  it('isoDate() refuses impossible dates', () => {
    expect(isoDate('2016-02-29')).toBe('2016-02-29');
    expect(() => isoDate('2017-02-30')).toThrow(/calendar date/);
  });

  it('integerList() splits and checks', () => {
    expect(integerList('44, 45')).toEqual([44, 45]);
    expect(() => integerList('44,x')).toThrow(/comma-separated/);
  });
});
