import { dayNumber } from '@cd4ml/calendar';
import { describe, expect, it } from 'vitest';
import { latestPlausibleDay } from './plausible-range.ts';
import { TrainRowChecker, type RowProblem } from './train-row-checker.ts';

const HEADER = 'id,date,store_nbr,item_nbr,unit_sales,onpromotion';
const checker = (header = HEADER) => {
  const c = new TrainRowChecker({ items: new Set([1, 2]), stores: new Set([44]), latestDay: dayNumber('2017-08-16') });
  c.header(header);
  return c;
};
const problems = (c: TrainRowChecker, line: string, lineNumber = 2): string[] => {
  c.check(line, lineNumber);
  return c.problems.map((p: RowProblem) => `${p.check}: ${p.reason}`);
};

describe('TrainRowChecker: one row', () => {
  it.each<[string, string[]]>([
    ['1,2017-01-01,44,1,2.5,', []],
    ['1,2017-01-01,44,1,-3,True', []],
    ['1,2017-01-01,44,1,100000,False', []],
    ['', ['schema: the line is empty']],
    ['1,2017-01-01,44', ['schema: expected 6 fields, got 3 (a truncated line?)']],
    ['1,2017-01-01,44,1,2,False,x', ['schema: expected 6 fields, got 7 (an extra field or an unquoted comma?)']],
    ['1,2017-01-01,44,1,2,False2,2017-01-01,44,2,1,True', ['schema: expected 6 fields, got 11: 2 rows glued together (a missing line break?)']],
    ['1,2017-01-01,44,1,2,2,2017-01-01,44,2,1,3,2017-01-01,44,2,1,', ['schema: expected 6 fields, got 16: 3 rows glued together (a missing line break?)']],
    ['1,2017-01-01,44,1,2,2,2017-01-01,44,2,1,x,y', ['schema: expected 6 fields, got 12 (an extra field or an unquoted comma?)']],
    ['1,2017-01-01,44,1,,', ['nulls: unit_sales is blank']],
    [',,44,1,1,', ['nulls: id, date are blank']],
    ['x,2017-01-01,44,1,1,', ['types: id "x" is not an integer']],
    ['1,2017-02-29,44,1,1,', ['types: date "2017-02-29" is not a calendar date (YYYY-MM-DD)']],
    ['1,2017-01-01,4.4,1,1,', ['types: store_nbr "4.4" is not an integer']],
    ['1,2017-01-01,44,a,1,', ['types: item_nbr "a" is not an integer']],
    ['1,2017-01-01,44,1,n/a,', ['types: unit_sales "n/a" is not a number']],
    ['1,2017-01-01,44,1,1,yes', ['types: onpromotion must be True, False or blank, got "yes"']],
    // A huge field is quoted by its first 40 characters and its length, never copied whole into the reason.
    [`1,2017-01-01,44,${'9'.repeat(30)}x${'9'.repeat(100_000)},1,`, [`types: item_nbr "${'9'.repeat(30)}x${'9'.repeat(9)}…" (100031 characters) is not an integer`]],
    ['-1,2017-01-01,44,1,1,', ['ranges: id -1 is negative']],
    ['1,2012-12-31,44,1,1,', ['ranges: date 2012-12-31 is outside the plausible range 2013-01-01..2017-08-16']],
    ['1,2017-08-17,44,1,1,', ['ranges: date 2017-08-17 is outside the plausible range 2013-01-01..2017-08-16']],
    ['1,2017-01-01,44,1,-100001,', ['ranges: unit_sales -100001 is beyond ±100000']],
    ['1,2017-01-01,44,1,1e300,', ['ranges: unit_sales 1e300 is beyond ±100000']],
    ['1,2017-01-01,45,1,1,', ['references: store_nbr 45 is not in stores.csv']],
    ['1,2017-01-01,44,9,1,', ['references: item_nbr 9 is not in items.csv']],
    // Several problems are listed in check order; the first is the row's quarantine reason.
    ['x,2012-12-31,45,9,1,', ['types: id "x" is not an integer', 'ranges: date 2012-12-31 is outside the plausible range 2013-01-01..2017-08-16', 'references: store_nbr 45 is not in stores.csv', 'references: item_nbr 9 is not in items.csv']],
  ])('%j -> %j', (line, expected) => {
    expect(problems(checker(), line)).toEqual(expected);
  });

  it('parses the values of a row whose types are right, even when it breaks a range or a reference', () => {
    const c = checker();
    expect(c.check('1,2017-01-01,44,9,250000,True', 2)).toBe(false);
    expect(c.parsed).toBe(true);
    expect(c.values).toEqual({ date: '2017-01-01', day: dayNumber('2017-01-01'), store: 44, item: 9, units: 250000, promo: 'True' });
    c.check('1,2017-01-01,44,9,', 3);
    expect(c.parsed).toBe(false);
  });

  it('counts the rows a glued line holds, and one for any other line', () => {
    const c = checker();
    c.check('1,2017-01-01,44,1,2,False2,2017-01-01,44,2,1,True', 2);
    expect(c.rowsInLine).toBe(2);
    c.check('1,2017-01-01', 3);
    expect(c.rowsInLine).toBe(1);
  });
});

describe('TrainRowChecker: across rows', () => {
  it('finds a duplicate id, also when the first row broke another rule', () => {
    const c = checker();
    expect(problems(c, '7,2017-01-01,44,1,many,', 2)).toEqual(['types: unit_sales "many" is not a number']);
    expect(problems(c, '7,2017-01-02,44,1,1,', 3)).toEqual(['keys: duplicate id 7']);
    expect(problems(c, '3000000000,2017-01-02,44,2,1,', 4)).toEqual([]);
    expect(problems(c, '3000000000,2017-01-03,44,2,1,', 5)).toEqual(['keys: duplicate id 3000000000']);
  });

  it('finds a duplicate (date, store, item) key, naming the line of the first', () => {
    const c = checker();
    expect(problems(c, '1,2017-01-01,44,1,1,', 2)).toEqual([]);
    expect(problems(c, '2,2017-01-01,44,2,1,', 3)).toEqual([]);
    expect(problems(c, '3,2017-01-01,44,1,5,', 4)).toEqual(['keys: duplicate (date, store_nbr, item_nbr) 2017-01-01, 44, 1: first on line 2']);
    expect(problems(c, '4,2017-01-02,44,1,1,', 5)).toEqual([]);
    // In store-then-item order too: the usual order of the real and synthetic files.
    expect(problems(c, '5,2017-01-02,44,1,2,', 6)).toEqual(['keys: duplicate (date, store_nbr, item_nbr) 2017-01-02, 44, 1: first on line 5']);
    expect(problems(c, '6,2017-01-02,44,2,2,', 7)).toEqual([]);
    expect(c.reopenedDates).toBe(0);
  });

  it('counts a date whose rows start again after other dates, where duplicate keys cannot be seen', () => {
    const c = checker();
    for (const [i, date] of ['2017-01-01', '2017-01-02', '2017-01-01', '2017-01-02'].entries()) c.check(`${i},${date},44,1,1,`, i + 2);
    expect(c.reopenedDates).toBe(2);
  });
});

describe('TrainRowChecker: header', () => {
  it('reads the columns by name, in any order and with extra ones, and strips a byte-order mark', () => {
    const c = checker('\uFEFFdate,id,item_nbr,store_nbr,note,onpromotion,unit_sales');
    expect(c.check('2017-01-01,7,2,44,hello,True,1.5', 2)).toBe(true);
    expect(c.values).toMatchObject({ store: 44, item: 2, units: 1.5, promo: 'True' });
    expect(problems(c, '2017-01-01,8,2,44,True,1.5', 3)).toEqual(['schema: expected 7 fields, got 6 (a truncated line?)']);
  });

  it('names the missing columns', () => {
    expect(() => checker('id,date,item_nbr')).toThrow('train.csv: missing column(s) store_nbr, unit_sales, onpromotion; expected header id,date,store_nbr,item_nbr,unit_sales,onpromotion but found id,date,item_nbr.');
  });
});

describe('latestPlausibleDay', () => {
  it('is the as-of date when given, tomorrow otherwise, and refuses a date that is not one', () => {
    expect(latestPlausibleDay('2017-08-15')).toBe(dayNumber('2017-08-15'));
    expect(latestPlausibleDay()).toBe(Math.floor(Date.now() / 86_400_000) + 1);
    expect(() => latestPlausibleDay('2017-02-30')).toThrow(/not a calendar date/);
  });
});
