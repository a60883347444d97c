import { salesHistoryOf } from '@cd4ml/sales-schema';
import { describe, expect, it } from 'vitest';
import { itemMean, seasonalNaive } from './baselines.ts';

const row = (date: string, item_nbr: number, unit_sales: number) => ({ date, item_nbr, unit_sales, store_nbr: 1, onpromotion: false, family: 'A' });

describe('baselines', () => {
  const train = salesHistoryOf([row('2017-08-01', 1, 5), row('2017-08-06', 1, 9), row('2017-08-07', 1, 4), row('2017-08-07', 2, 2)]);

  it("seasonal naive looks back to the same weekday of the last training week, else to the item's training mean", () => {
    // Training ends on Monday 2017-08-07.
    const valid = [row('2017-08-08', 1, 0), row('2017-08-13', 1, 0), row('2017-08-14', 1, 0), row('2017-08-21', 2, 0), row('2017-08-09', 2, 0)];
    const got = [...seasonalNaive(train, valid)];
    expect(got.slice(0, 4)).toEqual([5, 9, 4, 2]);
    // Item 2 has no row on Wednesday 2017-08-02: its training mean (one day of 2 units), never 0.
    expect(got[4]).toBeCloseTo(2, 10);
    expect(got[4]).toBe(itemMean(train, [valid[4]!])[0]);
  });

  it('item mean uses training rows only, with a global fallback', () => {
    const [a, b] = itemMean(train, [row('2017-08-08', 2, 100), row('2017-08-08', 3, 100)]);
    expect(a).toBeCloseTo(2, 10);
    expect(b).toBeGreaterThan(0);
  });
});
