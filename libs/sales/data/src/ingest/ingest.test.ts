import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifest, writeManifest } from '@cd4ml/data';
import { rawFileNames, salesTableColumns } from '@cd4ml/sales-schema';
import { describe, expect, it } from 'vitest';
import { ingest } from './ingest.ts';

const base = {
  'items.csv': 'item_nbr,family,class,perishable\n1,GROCERY I,1067,0\n2,"LIQUOR,WINE,BEER",1045,0\n3,DAIRY,2001,1\n',
  'stores.csv': 'store_nbr,city,state,type,cluster\n44,Quito,Pichincha,A,5\n24,Guayaquil,Guayas,D,1\n',
  'holidays_events.csv': [
    'date,type,locale,locale_name,description,transferred',
    '2017-08-10,Holiday,National,Ecuador,Primer Grito,True',
    '2017-08-11,Transfer,National,Ecuador,Traslado Primer Grito,False',
    '2017-07-24,Holiday,Local,Guayaquil,Fundacion de Guayaquil,False',
  ].join('\n'),
  'transactions.csv': 'date,store_nbr,transactions\n2017-08-10,44,900\n2017-08-11,44,1200\n',
  'oil.csv': 'date,dcoilwtico\n2017-08-10,48.5\n2017-08-11,\n',
  'train.csv': [
    'id,date,store_nbr,item_nbr,unit_sales,onpromotion',
    '0,2017-07-24,24,1,5,', // blank promotion -> false; local holiday in Guayaquil (a Monday)
    '1,2017-07-24,44,1,4,False', // not a holiday in Quito
    '2,2017-08-10,44,1,3.5,True', // transferred away: a working Thursday
    '3,2017-08-11,44,2,-2,False', // a return: excluded by policy
    '4,2017-08-11,44,3,7,False', // the transferred holiday: a day off
    '5,2017-02-30,44,1,1,False', // impossible date
    '6,2017-08-11,44,999,1,False', // unknown item
    '7,2017-08-11,44,1,many,False', // not a number
    '7,2017-08-11,44,1,1,False', // duplicate id
    '9,2017-08-11,44,1,1,Maybe', // bad promotion flag
  ].join('\n'),
};

async function fixture(files: Partial<Record<string, string>> = {}) {
  const root = await mkdtemp(join(tmpdir(), 'cd4ml-ingest-'));
  const raw = join(root, 'raw');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(raw);
  const all = { ...base, ...files };
  for (const [name, text] of Object.entries(all)) if (text !== undefined) await writeFile(join(raw, name), text);
  const present = rawFileNames.filter((n) => all[n] !== undefined);
  await writeManifest(join(raw, 'manifest.json'), await buildManifest(raw, present));
  return { raw, out: join(root, 'processed') };
}

const readRows = async (path: string) => {
  const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
  return lines.map((l) => Object.fromEntries(header!.split(',').map((h, i) => [h, l.split(',')[i]])));
};

describe('ingest', () => {
  it('reconciles every row: in = train + valid + quarantined + returns', async () => {
    const { raw, out } = await fixture();
    const report = await ingest(raw, out, { validationDays: 1 });
    expect(report.rows).toEqual({ in: 10, train: 3, valid: 1, quarantined: 5, excludedByFilter: 0, excludedByPolicy: { returns: 1 } });
  });

  it('filters like the "one store, one year" extract, counting what it leaves out, and writes backtest folds', async () => {
    const { raw, out } = await fixture();
    const report = await ingest(raw, out, { validationDays: 1, filter: { stores: [44], from: '2017-08-01' }, backtest: { folds: 1, horizonDays: 1, stepDays: 1 } });
    expect(report.rows).toEqual({ in: 10, train: 1, valid: 1, quarantined: 5, excludedByFilter: 2, excludedByPolicy: { returns: 1 } });
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
      'train.csv,8,unknown item_nbr 999 (not in items.csv),"6,2017-08-11,44,999,1,False"',
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
