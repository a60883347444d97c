import { describe, expect, it } from 'vitest';
import { quantiles } from './quantiles.ts';
import { ReferenceCdf } from './reference-cdf.ts';

describe('quantiles', () => {
  it.each([
    [[3, 1, 2], 3, [1, 2, 3]],
    [[1, 2, 3, 4], 3, [1, 2.5, 4]],
    [[5], 2, [5, 5]],
  ])('quantiles(%j, %d) is %j', (values, count, expected) => {
    expect(quantiles(values, count)).toEqual(expected);
  });

  it('refuses nothing to measure and fewer than two points', () => {
    expect(() => quantiles([], 5)).toThrow(/at least one/);
    expect(() => quantiles([1], 1)).toThrow(/at least 2/);
  });
});

describe('ReferenceCdf', () => {
  it('is linear between distinct quantiles and jumps over equal ones', () => {
    const cdf = new ReferenceCdf([0, 1, 1, 1, 2]); // probabilities 0, .25, .5, .75, 1
    expect(cdf.at(-1)).toBe(0);
    expect(cdf.at(0.5)).toBeCloseTo(0.125);
    expect(cdf.below(1)).toBeCloseTo(0.25);
    expect(cdf.at(1)).toBeCloseTo(0.75);
    expect(cdf.at(2)).toBe(1);
    expect(cdf.quantile(0.5)).toBe(1);
    expect(cdf.knots()).toEqual([0, 1, 2]);
  });

  it('refuses unsorted quantiles', () => {
    expect(() => new ReferenceCdf([2, 1])).toThrow(/sorted/);
  });
});
