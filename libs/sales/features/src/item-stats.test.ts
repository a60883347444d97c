import { describe, expect, it } from 'vitest';
import { salesHistoryOf } from '@cd4ml/sales-schema';
import { fitItemStats, fitItemStatsFromHistory } from './item-stats.ts';

describe('fitItemStats', () => {
  const rows = [
    { date: '2017-01-02', item_nbr: 1, family: 'A', onpromotion: false, unit_sales: 1 },
    { date: '2017-03-01', item_nbr: 1, family: 'A', onpromotion: false, unit_sales: 3 },
    { date: '2017-03-02', item_nbr: 2, family: 'B', onpromotion: false, unit_sales: 7 },
  ];

  it('keeps recent means to the last 28 training days and records the training end', () => {
    const stats = fitItemStats(rows);
    expect(stats.trainEnd).toBe('2017-03-02');
    expect(stats.items['1']![2]).toBeCloseTo(Math.log1p(3), 6);
    expect(stats.items['1']![0]).toBeCloseTo((Math.log1p(1) + Math.log1p(3)) / 2, 6);
  });

  it('depends on the rows it is given, so the caller decides: training passes its training rows only', () => {
    const withFuture = fitItemStats([...rows, { date: '2017-05-01', item_nbr: 1, family: 'A', onpromotion: false, unit_sales: 1000 }]);
    expect(withFuture).not.toEqual(fitItemStats(rows));
  });

  it('refuses an empty training set', () => {
    expect(() => fitItemStats([])).toThrow(/at least one/);
    expect(() => fitItemStatsFromHistory(salesHistoryOf([]))).toThrow(/at least one/);
  });

  it('gives the same statistics from the typed columns as from the rows, families in name order', () => {
    const more = [...rows, { date: '2017-02-27', item_nbr: 2, family: 'B', onpromotion: true, unit_sales: 2.5 }, { date: '2017-03-01', item_nbr: 3, family: 'AA', onpromotion: true, unit_sales: 0 }];
    const stats = fitItemStatsFromHistory(salesHistoryOf(more.map((r) => ({ ...r, store_nbr: 1 }))));
    expect(stats).toEqual(fitItemStats(more));
    expect(Object.keys(stats.families)).toEqual(['A', 'AA', 'B']);
  });
});
