import { dayNumber } from '@cd4ml/calendar';
import { describe, expect, it } from 'vitest';
import { backtestFolds } from './backtest-folds.ts';

// 2017-01-01 .. 2017-01-30, two rows a day.
const start = dayNumber('2017-01-01');
const rowsPerDay = new Map(Array.from({ length: 30 }, (_, i) => [start + i, 2]));

describe('backtestFolds', () => {
  it('rolls the origin back by the step, oldest fold first, and never validates before training', () => {
    const { folds, note } = backtestFolds(rowsPerDay, { folds: 3, horizonDays: 7, stepDays: 5 });
    expect(note).toBeUndefined();
    expect(folds.map((f) => [f.fold, f.trainEnd, f.validStart, f.validEnd])).toEqual([
      [1, '2017-01-13', '2017-01-14', '2017-01-20'],
      [2, '2017-01-18', '2017-01-19', '2017-01-25'],
      [3, '2017-01-23', '2017-01-24', '2017-01-30'],
    ]);
    for (const f of folds) {
      expect(f.trainEnd < f.validStart).toBe(true);
      expect(f.validRows).toBe(14);
      expect(f.trainStart).toBe('2017-01-01');
    }
    expect(folds.map((f) => f.trainRows)).toEqual([26, 36, 46]);
  });

  it('gives no folds, and no note, when none are asked for', () => {
    expect(backtestFolds(rowsPerDay, { folds: 0, horizonDays: 7, stepDays: 7 })).toEqual({ folds: [] });
  });

  it.each([
    // The oldest of 5 folds would validate from 2017-01-04 after 3 training days: the newest 4 are kept.
    [{ folds: 5, horizonDays: 7, stepDays: 5 }, ['2017-01-09', '2017-01-14', '2017-01-19', '2017-01-24'], /^only 4 of the 5 folds of 7 days every 5 days fit in the 30 days of data \(2017-01-01\.\.2017-01-30\): each needs at least 7 training days/],
    [{ folds: 3, horizonDays: 16, stepDays: 7 }, [], /^none of the 3 folds of 16 days every 7 days fits in the 30 days of data .*--fold-days/],
    [{ folds: 1, horizonDays: 15, stepDays: 7 }, ['2017-01-16'], undefined],
  ])('keeps the newest folds that fit and says plainly how many: %j', (options, validStarts, note) => {
    const plan = backtestFolds(rowsPerDay, options);
    expect(plan.folds.map((f) => f.validStart)).toEqual(validStarts);
    expect(plan.folds.map((f) => f.fold)).toEqual(validStarts.map((_, i) => i + 1));
    if (note) expect(plan.note).toMatch(note);
    else expect(plan.note).toBeUndefined();
  });
});
