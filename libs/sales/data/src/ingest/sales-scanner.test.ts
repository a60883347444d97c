import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dayNumber, isoDate } from '@cd4ml/calendar';
import { type Item, type Store } from '@cd4ml/sales-schema';
import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../_temp-dirs.ts';
import { censusTrain } from '../validate/train-census.ts';
import { SalesScanner } from './sales-scanner.ts';
import { writeSalesTables } from './write-sales-tables.ts';

const tempDir = tempDirs('cd4ml-scan-');
const items: Item[] = [1, 2, 3].map((n) => ({ item_nbr: n, family: n === 2 ? 'LIQUOR,WINE,BEER' : 'DAIRY', class: 1, perishable: n === 3 }));
const stores: Store[] = [
  { store_nbr: 44, city: 'Quito', state: 'Pichincha', type: 'A', cluster: 5 },
  { store_nbr: 24, city: 'Guayaquil', state: 'Guayas', type: 'D', cluster: 1 },
];
const HEADER = 'id,date,store_nbr,item_nbr,unit_sales,onpromotion';
const latestDay = dayNumber('2017-12-31');

describe('SalesScanner', () => {
  it('quarantines a row with the first rule it breaks (the rules: train-row-checker.test.ts), with its line and raw text', () => {
    const s = new SalesScanner(items, stores, {}, latestDay);
    s.header(HEADER);
    expect(s.line('1,2017-01-01,44,1,2.5,', 2)).toBeUndefined();
    expect(s.line('x,2017-02-29,45,1,1,', 3)).toEqual({ source_file: 'train.csv', line: 3, reason: 'id "x" is not an integer', raw: 'x,2017-02-29,45,1,1,' });
    expect(s.counts).toEqual({ lines: 2, in: 2, accepted: 1, quarantined: 1, excludedByFilter: 0, returns: 0 });
  });

  it('counts every row of a glued line as quarantined', () => {
    const s = new SalesScanner(items, stores, {}, latestDay);
    s.header(HEADER);
    expect(s.line('1,2017-01-01,44,1,2,2,2017-01-01,44,2,1,', 2)?.reason).toBe('expected 6 fields, got 11: 2 rows glued together (a missing line break?)');
    expect(s.counts).toEqual({ lines: 1, in: 2, accepted: 0, quarantined: 2, excludedByFilter: 0, returns: 0 });
  });

  it('reads the columns by name, in any order, and names the missing ones', () => {
    const s = new SalesScanner(items, stores, {}, latestDay);
    s.header('date,id,item_nbr,store_nbr,onpromotion,unit_sales');
    expect(s.line('2017-01-01,7,3,24,True,1.5', 2)).toBeUndefined();
    expect(Array.from(s.rows.sales.subarray(0, 1))).toEqual([1.5]);
    expect(() => s.header('id,date,item_nbr')).toThrow(/missing column\(s\) store_nbr, unit_sales, onpromotion/);
  });

  it('keeps only the stores, items and dates asked for, counts the rest, and excludes returns', () => {
    const s = new SalesScanner(items, stores, { stores: [44], items: [1, 2], from: '2017-01-02', to: '2017-01-03' }, latestDay);
    s.header(HEADER);
    const lines = ['2017-01-01,44,1,1', '2017-01-02,44,1,1', '2017-01-03,44,2,1', '2017-01-04,44,1,1', '2017-01-02,24,1,1', '2017-01-02,44,3,1', '2017-01-03,44,1,-2'];
    lines.forEach((l, i) => s.line(`${i},${l},False`, i + 2));
    expect(s.counts).toEqual({ lines: 7, in: 7, accepted: 2, quarantined: 0, excludedByFilter: 4, returns: 1 });
  });

  it('refuses a filter date that is not a date, and stores or items that do not exist', () => {
    expect(() => new SalesScanner(items, stores, { from: '2017-13-01' })).toThrow(/--from "2017-13-01" is not a calendar date/);
    expect(() => new SalesScanner(items, stores, { stores: [44, 99] })).toThrow(/--stores 99: not in stores\.csv \(it has 2, e\.g\. 44, 24\)/);
    expect(() => new SalesScanner(items, stores, { items: [5] })).toThrow(/--items 5: not in items\.csv/);
  });
});

// A random train.csv row: mostly good, some broken in one of many ways, some glued to the next.
const rowArb = fc.record({
  id: fc.oneof(fc.nat(60), fc.constant('x')),
  day: fc.integer({ min: 0, max: 40 }),
  store: fc.constantFrom('44', '24', '99', 'a'),
  item: fc.constantFrom('1', '2', '3', '7'),
  sales: fc.oneof(fc.double({ min: -5, max: 50, noNaN: true }).map((v) => String(Math.round(v * 1000) / 1000)), fc.constant('n/a'), fc.constant('250000')),
  promo: fc.constantFrom('', 'True', 'False', 'Maybe'),
  damage: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'truncate', 'extra', 'glue'),
});
type RandomRow = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

/** The physical lines of random rows: a glued row swallows the next one (a lost line break). */
function physicalLines(rows: readonly RandomRow[], first: number): string[] {
  const text = (r: RandomRow) => `${r.id},${isoDate(first + r.day)},${r.store},${r.item},${r.sales},${r.promo}`;
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    const r = rows[i]!;
    const next = rows[i + 1];
    if (r.damage === 'glue' && next) {
      lines.push(text(r) + text({ ...next, damage: 'none' }));
      i += 1;
    } else lines.push(r.damage === 'truncate' ? text(r).slice(0, 12) : r.damage === 'extra' ? `${text(r)},x` : text(r));
  }
  return lines;
}

describe('row reconciliation on random tables (property)', () => {
  it('every row is accounted for, glued ones too; validate finds exactly the rows ingest quarantines; the split is by time', async () => {
    const dir = await tempDir();
    const transactions = aq.table({ date: [] as string[], store_nbr: [] as string[], transactions: [] as string[] });
    const familyOf = new Map(items.map((i) => [i.item_nbr, i.family]));
    const first = dayNumber('2017-01-01');
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { maxLength: 80 }), fc.integer({ min: 1, max: 20 }), fc.boolean(), async (rows, validationDays, filtered) => {
        const lines = physicalLines(rows, first);
        const s = new SalesScanner(items, stores, filtered ? { stores: [44], from: '2017-01-05' } : {}, latestDay);
        s.header(HEADER);
        lines.forEach((line, i) => s.line(line, i + 2));
        const c = s.counts;
        expect(c.lines).toBe(lines.length);
        expect(c.in).toBe(rows.length);
        expect(c.accepted + c.quarantined + c.excludedByFilter + c.returns).toBe(c.in);

        const path = join(dir, 'raw-train.csv');
        await writeFile(path, `${[HEADER, ...lines].join('\n')}\n`);
        const census = await censusTrain(path, familyOf, new Set(stores.map((st) => st.store_nbr)), latestDay);
        expect([census.lines, census.profile.rows, census.failingRows]).toEqual([c.lines, c.in, c.quarantined]);

        if (s.rows.length === 0) return;
        let last = -Infinity;
        for (const day of s.rows.day.subarray(0, s.rows.length)) if (day > last) last = day;
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
