import { dayNumber } from '@cd4ml/calendar';
import { describe, expect, it } from 'vitest';
import { backtestFolds } from './backtest-folds.ts';

// 2017-01-01 .. 2017-01-30, two rows a day.
const start = dayNumber('2017-01-01');
const rowsPerDay = new Map(Array.from({ length: 30 }, (_, i) => [start + i, 2]));

describe('backtestFolds', () => {
  it('rolls the origin back by the step, oldest fold first, and never validates before training', () => {
    const folds = backtestFolds(rowsPerDay, { folds: 3, horizonDays: 7, stepDays: 5 });
    expect(folds.map((f) => [f.trainEnd, f.validStart, f.validEnd])).toEqual([
      ['2017-01-13', '2017-01-14', '2017-01-20'],
      ['2017-01-18', '2017-01-19', '2017-01-25'],
      ['2017-01-23', '2017-01-24', '2017-01-30'],
    ]);
    for (const f of folds) {
      expect(f.trainEnd < f.validStart).toBe(true);
      expect(f.validRows).toBe(14);
      expect(f.trainStart).toBe('2017-01-01');
    }
    expect(folds[0]!.trainRows).toBe(26);
  });

  it('gives no folds when none are asked for, and refuses folds that do not fit', () => {
    expect(backtestFolds(rowsPerDay, { folds: 0, horizonDays: 7, stepDays: 7 })).toEqual([]);
    expect(() => backtestFolds(rowsPerDay, { folds: 4, horizonDays: 10, stepDays: 7 })).toThrow(/do not fit in 30 days/);
  });
});
