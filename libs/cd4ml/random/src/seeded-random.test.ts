import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.ts';

const draw = (seed: number) => {
  const r = new SeededRandom(seed);
  return [r.next(), r.int(1, 6), r.below(10), r.normal(), r.poisson(3), r.poisson(50), r.pick(['a', 'b', 'c'])];
};

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps every draw in its range', () => {
    const r = new SeededRandom(1);
    for (let i = 0; i < 2000; i++) {
      const u = r.next();
      const k = r.int(3, 5);
      const b = r.below(4);
      expect(u >= 0 && u < 1 && k >= 3 && k <= 5 && b >= 0 && b < 4).toBe(true);
    }
  });

  it('samples distinct sorted values and shuffles a subset in place', () => {
    const r = new SeededRandom(7);
    const s = r.sampleSorted(100, 20);
    expect(new Set(s).size).toBe(20);
    expect([...s]).toEqual([...s].sort((a, b) => a - b));
    const perm = Uint32Array.from({ length: 10 }, (_, i) => i);
    r.shuffleHead(perm, 4);
    expect([...perm].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('splits 0..n-1 into k chosen values and the rest, both ascending, each value chosen k/n of the time', () => {
    const [n, k] = [50, 15];
    const counts = new Array<number>(n).fill(0);
    const r = new SeededRandom(11);
    for (let t = 0; t < 4000; t++) {
      const chosen = new Uint32Array(k);
      const rest = new Uint32Array(n - k);
      expect(r.selectInto(n, k, chosen, rest)).toBe(n - k);
      expect([...chosen, ...rest].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect([...chosen]).toEqual([...chosen].sort((a, b) => a - b));
      expect([...rest]).toEqual([...rest].sort((a, b) => a - b));
      for (const v of chosen) counts[v]! += 1;
    }
    // 4000 draws at p = 0.3: a count's standard deviation is 29; 5 of them bound every value.
    for (const c of counts) expect(Math.abs(c - 4000 * (k / n))).toBeLessThan(145);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => new SeededRandom(1).pick([])).toThrow(RangeError);
  });
});
