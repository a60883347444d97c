import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsvLine } from '@cd4ml/data';
import { salesTableColumns } from '@cd4ml/sales-schema';
import { describe, expect, it } from 'vitest';
import { base, rawFixtures } from './_raw-fixture.ts';
import { ingest } from './ingest.ts';

const fixture = rawFixtures();

const readRows = async (path: string) => {
  const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
  return lines.map((l) => Object.fromEntries(header!.split(',').map((h, i) => [h, l.split(',')[i]])));
};

describe('ingest', () => {
  it('reconciles every row: in = train + valid + quarantined + returns', async () => {
    const { raw, out } = await fixture();
    const report = await ingest(raw, out, { validationDays: 1 });
    expect(report.rows).toEqual({ lines: 10, in: 10, train: 3, valid: 1, quarantined: 5, excludedByFilter: 0, excludedByPolicy: { returns: 1 } });
  });

  it('filters like the "one store, one year" extract, counting what it leaves out, and writes backtest folds', async () => {
    const { raw, out } = await fixture();
    const report = await ingest(raw, out, { validationDays: 1, filter: { stores: [44], from: '2017-08-01' }, backtest: { folds: 1, horizonDays: 1, stepDays: 1 } });
    expect(report.rows).toEqual({ lines: 10, in: 10, train: 1, valid: 1, quarantined: 5, excludedByFilter: 2, excludedByPolicy: { returns: 1 } });
    expect(JSON.parse(await readFile(join(out, 'folds.json'), 'utf8'))).toEqual([
      { fold: 1, trainStart: '2017-08-10', trainEnd: '2017-08-10', validStart: '2017-08-11', validEnd: '2017-08-11', trainRows: 1, validRows: 1 },
    ]);
  });

  it('runs unchanged on lines in the exact format of the real Kaggle files', async () => {
    const { raw, out } = await fixture({
      'items.csv': 'item_nbr,family,class,perishable\n103665,BREAD/BAKERY,2712,1\n105574,GROCERY I,1045,0\n2089339,PRODUCE,2014,1\n',
      'stores.csv': 'store_nbr,city,state,type,cluster\n25,Salinas,Santa Elena,D,1\n54,El Carmen,Manabi,C,3\n',
      'transactions.csv': 'date,store_nbr,transactions\n2013-01-01,25,770\n',
      'train.csv': [
        'id,date,store_nbr,item_nbr,unit_sales,onpromotion',
        '0,2013-01-01,25,103665,7.0,',
        '1,2013-01-01,25,105574,1.0,',
        '2,2013-01-02,25,105574,-2.0,',
        '125497038,2017-08-15,54,2089339,1.234,True',
        '125497039,2017-08-15,54,105574,4.0,False',
      ].join('\n') + '\n',
    });
    const report = await ingest(raw, out, { validationDays: 1 });
    expect(report.rows).toMatchObject({ in: 5, train: 2, valid: 2, quarantined: 0, excludedByPolicy: { returns: 1 } });
    const rows = [...(await readRows(join(out, 'train.csv'))), ...(await readRows(join(out, 'valid.csv')))];
    expect(rows.map((r) => [r['date'], r['item_nbr'], r['unit_sales'], r['onpromotion'], r['transactions'], r['holiday']])).toEqual([
      ['2013-01-01', '103665', '7', 'false', '770', 'false'],
      ['2013-01-01', '105574', '1', 'false', '770', 'false'],
      ['2017-08-15', '105574', '4', 'false', '', 'false'],
      ['2017-08-15', '2089339', '1.234', 'true', '', 'false'],
    ]);
  });

  it('quarantines each bad row with its line and a precise reason', async () => {
    const { raw, out } = await fixture();
    await ingest(raw, out, { validationDays: 1 });
    const q = (await readFile(join(out, 'quarantine.csv'), 'utf8')).trim().split('\n').slice(1);
    expect(q).toEqual([
      'train.csv,7,"date ""2017-02-30"" is not a calendar date (YYYY-MM-DD)","5,2017-02-30,44,1,1,False"',
      'train.csv,8,item_nbr 999 is not in items.csv,"6,2017-08-11,44,999,1,False"',
      'train.csv,9,"unit_sales ""many"" is not a number","7,2017-08-11,44,1,many,False"',
      'train.csv,10,duplicate id 7,"7,2017-08-11,44,1,1,False"',
      'train.csv,11,"onpromotion must be True, False or blank, got ""Maybe""","9,2017-08-11,44,1,1,Maybe"',
    ]);
  });

  it('splits by date: validation is exactly the last N days, training everything before', async () => {
    const { raw, out } = await fixture();
    const report = await ingest(raw, out, { validationDays: 1 });
    expect(report.split).toEqual({ trainStart: '2017-07-24', trainEnd: '2017-08-10', validStart: '2017-08-11', validEnd: '2017-08-11' });
    const train = await readRows(join(out, 'train.csv'));
    const valid = await readRows(join(out, 'valid.csv'));
    expect(train.every((r) => r['date']! <= '2017-08-10')).toBe(true);
    expect(valid.map((r) => r['date'])).toEqual(['2017-08-11']);
  });

  it('joins items, stores and transactions and marks holidays per store locale', async () => {
    const { raw, out } = await fixture();
    await ingest(raw, out, { validationDays: 1 });
    const header = (await readFile(join(out, 'train.csv'), 'utf8')).split('\n')[0];
    expect(header).toBe(salesTableColumns.join(','));
    const rows = [...(await readRows(join(out, 'train.csv'))), ...(await readRows(join(out, 'valid.csv')))];
    const at = (date: string, store: string) => rows.find((r) => r['date'] === date && r['store_nbr'] === store)!;
    expect(at('2017-07-24', '24')).toMatchObject({ holiday: 'true', dayoff: 'true', onpromotion: 'false', city: 'Guayaquil' });
    expect(at('2017-07-24', '44')).toMatchObject({ holiday: 'false', dayoff: 'false' });
    expect(at('2017-08-10', '44')).toMatchObject({ holiday: 'false', dayoff: 'false', transactions: '900', unit_sales: '3.5', onpromotion: 'true' });
    expect(at('2017-08-11', '44')).toMatchObject({ holiday: 'true', dayoff: 'true', transactions: '1200', family: 'DAIRY', perishable: 'true' });
  });

  it.each([
    ['an empty train.csv', { 'train.csv': '' }, /train\.csv: is empty; expected the header id,date/],
    ['a missing column', { 'train.csv': 'id,date,store_nbr,item_nbr,unit_sales\n0,2017-01-01,44,1,1\n' }, /train\.csv: missing column\(s\) onpromotion/],
    ['a missing file', { 'stores.csv': undefined }, /stores\.csv: missing from/],
    ['a duplicate item', { 'items.csv': 'item_nbr,family,class,perishable\n1,A,1,0\n1,B,2,0\n' }, /items\.csv: 1 invalid row\(s\):\n {2}line 3: duplicate item_nbr 1/],
    ['a bad holiday type', { 'holidays_events.csv': 'date,type,locale,locale_name,description,transferred\n2017-01-01,Party,National,Ecuador,x,False\n' }, /holidays_events\.csv: .*line 2: type "Party"/s],
  ])('fails with a clear message on %s', async (_, files, message) => {
    const { raw, out } = await fixture(files);
    await expect(ingest(raw, out)).rejects.toThrow(message);
  });

  it('refuses data that no longer matches its manifest (e.g. a truncated file)', async () => {
    const { raw, out } = await fixture();
    await writeFile(join(raw, 'train.csv'), base['train.csv'].split('\n').slice(0, 3).join('\n'));
    await expect(ingest(raw, out)).rejects.toThrow(/train\.csv: content changed/);
  });
});

const quarantineLines = async (path: string) => (await readFile(path, 'utf8')).trim().split('\n').slice(1);

describe('ingest: no row lost or wrongly kept', () => {
  it('quarantines a row with an extra field instead of training on it', async () => {
    const { raw, out } = await fixture({ 'train.csv': `${base['train.csv']}\n10,2017-08-11,44,1,2,False,oops` });
    const report = await ingest(raw, out, { validationDays: 1 });
    expect(report.rows).toEqual({ lines: 11, in: 11, train: 3, valid: 1, quarantined: 6, excludedByFilter: 0, excludedByPolicy: { returns: 1 } });
    expect((await quarantineLines(join(out, 'quarantine.csv'))).at(-1)).toBe('train.csv,12,"expected 6 fields, got 7 (an extra field or an unquoted comma?)","10,2017-08-11,44,1,2,False,oops"');
  });

  it('counts both rows of two lines glued by a missing line break, and quarantines them saying so', async () => {
    const { raw, out } = await fixture({ 'train.csv': `${base['train.csv']}\n10,2017-08-11,44,1,2,False11,2017-08-11,44,3,1,False` });
    const report = await ingest(raw, out, { validationDays: 1 });
    // 11 physical lines hold 12 rows: the glued line counts twice, so the reconciliation still sees every sale.
    expect(report.rows).toEqual({ lines: 11, in: 12, train: 3, valid: 1, quarantined: 7, excludedByFilter: 0, excludedByPolicy: { returns: 1 } });
    expect((await quarantineLines(join(out, 'quarantine.csv'))).at(-1)).toMatch(/^train\.csv,12,"expected 6 fields, got 11: 2 rows glued together \(a missing line break\?\)",/);
  });

  it('holds every row to the same ranges and keys as validate: unit_sales bound, plausible dates, duplicate (date, store, item)', async () => {
    const train = [
      'id,date,store_nbr,item_nbr,unit_sales,onpromotion',
      '0,2017-08-10,44,1,3,False',
      '1,2017-08-10,44,1,4,False', // same date, store and item as line 2
      '2,2017-08-10,44,2,250000,False',
      '3,2012-12-31,44,2,1,False',
      '4,2017-08-11,44,2,1,False',
      '5,2017-08-12,44,2,1,False', // after --as-of
    ].join('\n');
    const { raw, out } = await fixture({ 'train.csv': train });
    const report = await ingest(raw, out, { validationDays: 1, asOf: '2017-08-11' });
    expect(report.rows).toMatchObject({ lines: 6, in: 6, train: 1, valid: 1, quarantined: 4 });
    expect((await quarantineLines(join(out, 'quarantine.csv'))).map((l) => parseCsvLine(l)[2])).toEqual([
      'duplicate (date, store_nbr, item_nbr) 2017-08-10, 44, 1: first on line 2',
      'unit_sales 250000 is beyond ±100000',
      'date 2012-12-31 is outside the plausible range 2013-01-01..2017-08-11',
      'date 2017-08-12 is outside the plausible range 2013-01-01..2017-08-11',
    ]);
  });
});

describe('ingest: line breaks', () => {
  it('reads CRLF line ends like LF ones', async () => {
    const { raw, out } = await fixture({ 'train.csv': base['train.csv'].replaceAll('\n', '\r\n') });
    expect((await ingest(raw, out, { validationDays: 1 })).rows).toMatchObject({ lines: 10, in: 10, train: 3, valid: 1, quarantined: 5 });
  });

  it('refuses a lone carriage return, which the reader takes for a line break the manifest does not count', async () => {
    const { raw, out } = await fixture({ 'train.csv': base['train.csv'].replace('1,2017-07-24,44,1,4,False', '1,2017-07-24,44,1,4\r,False') });
    await expect(ingest(raw, out, { validationDays: 1 })).rejects.toThrow('11 data lines were read but the manifest counts 10 (a line break other than \\n, such as a lone carriage return?)');
  });
});

describe('ingest: backtest folds', () => {
  it('writes folds.json by default, and says plainly when the folds asked for do not fit', async () => {
    const { raw, out } = await fixture();
    const report = await ingest(raw, out, { validationDays: 1 });
    expect(JSON.parse(await readFile(join(out, 'folds.json'), 'utf8'))).toEqual([]);
    expect(report.notes).toEqual([expect.stringMatching(/^backtest: none of the 3 folds of 56 days every 28 days fits in the 19 days of data/)]);
  });
});
