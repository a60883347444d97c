import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Item, type Store } from '@cd4ml/sales-schema';
import { dayNumber, isoDate } from '@cd4ml/calendar';
import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SalesScanner } from './sales-scanner.ts';
import { writeSalesTables } from './write-sales-tables.ts';

const items: Item[] = [1, 2, 3].map((n) => ({ item_nbr: n, family: n === 2 ? 'LIQUOR,WINE,BEER' : 'DAIRY', class: 1, perishable: n === 3 }));
const stores: Store[] = [
  { store_nbr: 44, city: 'Quito', state: 'Pichincha', type: 'A', cluster: 5 },
  { store_nbr: 24, city: 'Guayaquil', state: 'Guayas', type: 'D', cluster: 1 },
];
const HEADER = 'id,date,store_nbr,item_nbr,unit_sales,onpromotion';

describe('SalesScanner', () => {
  it.each([
    ['1,2017-01-01,44,1,2.5,', undefined],
    ['', 'empty line'],
    ['1,2017-01-01,44', 'expected 6 fields, got 3 (truncated line?)'],
    ['x,2017-01-01,44,1,1,', 'id "x" is not an integer'],
    ['1,2017-02-29,44,1,1,', 'date "2017-02-29" is not a calendar date (YYYY-MM-DD)'],
    ['1,2017-01-01,4.4,1,1,', 'store_nbr "4.4" is not an integer'],
    ['1,2017-01-01,45,1,1,', 'unknown store_nbr 45 (not in stores.csv)'],
    ['1,2017-01-01,44,9,1,', 'unknown item_nbr 9 (not in items.csv)'],
    ['1,2017-01-01,44,1,,', 'unit_sales "" is not a number'],
    ['1,2017-01-01,44,1,1,yes', 'onpromotion must be True, False or blank, got "yes"'],
  ])('%j -> %s', (line, reason) => {
    const s = new SalesScanner(items, stores);
    s.header(HEADER);
    expect(s.line(line, 2)?.reason).toBe(reason);
  });

  it('reads the columns by name, in any order, and names the missing ones', () => {
    const s = new SalesScanner(items, stores);
    s.header('date,id,item_nbr,store_nbr,onpromotion,unit_sales');
    expect(s.line('2017-01-01,7,3,24,True,1.5', 2)).toBeUndefined();
    expect(Array.from(s.rows.sales.subarray(0, 1))).toEqual([1.5]);
    expect(() => s.header('id,date,item_nbr')).toThrow(/missing column\(s\) store_nbr, unit_sales, onpromotion/);
  });

  it('keeps only the stores, items and dates asked for, and counts the rest', () => {
    const s = new SalesScanner(items, stores, { stores: [44], items: [1, 2], from: '2017-01-02', to: '2017-01-03' });
    s.header(HEADER);
    const lines = ['2017-01-01,44,1', '2017-01-02,44,1', '2017-01-03,44,2', '2017-01-04,44,1', '2017-01-02,24,1', '2017-01-02,44,3'];
    lines.forEach((l, i) => s.line(`${i},${l},1,False`, i + 2));
    expect(s.counts).toEqual({ in: 6, accepted: 2, quarantined: 0, excludedByFilter: 4, returns: 0 });
  });

  it('refuses a filter date that is not a date, and stores or items that do not exist', () => {
    expect(() => new SalesScanner(items, stores, { from: '2017-13-01' })).toThrow(/--from "2017-13-01" is not a calendar date/);
    expect(() => new SalesScanner(items, stores, { stores: [44, 99] })).toThrow(/--stores 99: not in stores\.csv \(it has 2, e\.g\. 44, 24\)/);
    expect(() => new SalesScanner(items, stores, { items: [5] })).toThrow(/--items 5: not in items\.csv/);
  });
});

// A random train.csv line: mostly good, some broken in one of many ways.
const lineArb = fc.record({
  id: fc.oneof(fc.nat(60), fc.constant('x')),
  day: fc.integer({ min: 0, max: 40 }),
  store: fc.constantFrom('44', '24', '99', 'a'),
  item: fc.constantFrom('1', '2', '3', '7'),
  sales: fc.oneof(fc.double({ min: -5, max: 50, noNaN: true }).map((v) => String(Math.round(v * 1000) / 1000)), fc.constant('n/a')),
  promo: fc.constantFrom('', 'True', 'False', 'Maybe'),
  truncate: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

describe('row reconciliation on random tables (property)', () => {
  it('rows in = train + valid + quarantined + excluded by filter + returns, and the split is by time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cd4ml-prop-'));
    const transactions = aq.table({ date: [] as string[], store_nbr: [] as string[], transactions: [] as string[] });
    const first = dayNumber('2017-01-01');
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 80 }), fc.integer({ min: 1, max: 20 }), fc.boolean(), async (rows, validationDays, filtered) => {
        const s = new SalesScanner(items, stores, filtered ? { stores: [44], from: '2017-01-05' } : {});
        s.header(HEADER);
        rows.forEach((r, i) => {
          const line = `${r.id},${isoDate(first + r.day)},${r.store},${r.item},${r.sales},${r.promo}`;
          s.line(r.truncate ? line.slice(0, 12) : line, i + 2);
        });
        const c = s.counts;
        expect(c.in).toBe(rows.length);
        expect(c.accepted + c.quarantined + c.excludedByFilter + c.returns).toBe(c.in);
        if (s.rows.length === 0) return;
        const last = Math.max(...s.rows.day.subarray(0, s.rows.length));
        const paths = { train: join(dir, 'train.csv'), valid: join(dir, 'valid.csv') };
        const split = await writeSalesTables(s.rows, { items, stores, transactions, holidays: [] }, last - validationDays + 1, paths, undefined, 7);
        expect(split.train + split.valid).toBe(c.accepted);
        const dates = async (p: string) => (await readFile(p, 'utf8')).trim().split('\n').slice(1).map((l) => l.slice(0, 10));
        const validStart = isoDate(last - validationDays + 1);
        expect((await dates(paths.train)).every((d) => d < validStart)).toBe(true);
        expect((await dates(paths.valid)).every((d) => d >= validStart)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
