import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError } from '@cd4ml/fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCsvColumns, type ColumnKind } from './read-csv-columns.ts';
import { readCsvRows } from './read-csv-rows.ts';
import { CsvTableError, type TableContract } from './scan-csv-table.ts';

const schema = z.object({
  date: z.iso.date(),
  shop: z.number().int().positive(),
  units: z.number().nonnegative(),
  promo: z.boolean(),
  family: z.string().min(1),
  tickets: z.number().int().nonnegative().nullable(),
});
const header = 'date,shop,units,promo,family,tickets';
const contract: TableContract = { name: 'test table contract v1', hint: 'Re-run the stage.', missingHint: 'Run the stage first.' };

async function table(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'cd4ml-csv-table-')), 'table.csv');
  await writeFile(path, text);
  return path;
}

// A byte-order mark, CRLF line ends, a quoted field with a comma, a null, a number in exponent form.
const good = `\uFEFF${header}\r\n2016-02-29,3,1.5,true,"LIQUOR,WINE,BEER",120\r\n2016-03-01,12,0,false,BREAD/BAKERY,\r\n2016-03-01,3,2e-3,false,BREAD/BAKERY,7`;

describe('readCsvRows', () => {
  it('reads every row as an object typed by the schema', async () => {
    const rows = await readCsvRows(await table(good), schema, contract);
    expect(rows).toEqual([
      { date: '2016-02-29', shop: 3, units: 1.5, promo: true, family: 'LIQUOR,WINE,BEER', tickets: 120 },
      { date: '2016-03-01', shop: 12, units: 0, promo: false, family: 'BREAD/BAKERY', tickets: null },
      { date: '2016-03-01', shop: 3, units: 0.002, promo: false, family: 'BREAD/BAKERY', tickets: 7 },
    ]);
    for (const row of rows) expect(schema.parse(row)).toEqual(row);
  });
});

describe('readCsvColumns', () => {
  it('reads the kept columns into typed arrays that hold what the row reader gives', async () => {
    const path = await table(good);
    const rows = await readCsvRows(path, schema, contract);
    const { length, columns } = await readCsvColumns(path, schema, { date: 'day', shop: 'int32', units: 'float64', promo: 'bool', family: 'category', tickets: 'float64' }, contract);
    expect(length).toBe(3);
    expect(columns.date).toEqual(Int32Array.from(rows, (r) => Date.parse(r.date) / 86_400_000));
    expect([...columns.date]).toEqual([16860, 16861, 16861]);
    expect(columns.shop).toEqual(Int32Array.from(rows, (r) => r.shop));
    expect(columns.units).toEqual(Float64Array.from(rows, (r) => r.units));
    expect(columns.promo).toEqual(Uint8Array.from(rows, (r) => (r.promo ? 1 : 0)));
    expect(Array.from(columns.family.codes, (c) => columns.family.levels[c])).toEqual(rows.map((r) => r.family));
    expect(columns.family.levels).toEqual(['LIQUOR,WINE,BEER', 'BREAD/BAKERY']);
    expect([...columns.tickets]).toEqual([120, Number.NaN, 7]);
  });

  it('grows past its first block of rows', async () => {
    const n = 70_000;
    const lines = Array.from({ length: n }, (_, i) => `2017-01-01,${i + 1},${i / 4},${i % 2 === 0},F${i % 3},`);
    const { length, columns } = await readCsvColumns(await table(`${header}\n${lines.join('\n')}\n`), schema, { shop: 'int32', units: 'float64' }, contract);
    expect(length).toBe(n);
    expect(columns.shop.length).toBe(n);
    expect(columns.shop[n - 1]).toBe(n);
    expect(columns.units[n - 1]).toBe((n - 1) / 4);
  });

  it('refuses, before reading, a column kept as a kind that cannot hold it', async () => {
    const path = await table(good);
    await expect(readCsvColumns(path, schema, { family: 'int32' }, contract)).rejects.toThrow(/column family \(string\) cannot be read as int32/);
    await expect(readCsvColumns(path, schema, { tickets: 'int32' }, contract)).rejects.toThrow(/column tickets \(nullable integer\) cannot be read as int32/);
    await expect(readCsvColumns(path, schema, { nope: 'int32' }, contract)).rejects.toThrow(/no column nope/);
    await expect(readCsvColumns(path, schema, { units: 'float32' as ColumnKind }, contract)).rejects.toThrow(/units cannot be read as float32; the kinds are int32, float64, bool, day, category/);
  });

  it('refuses an integer too large for an int32 column, naming the line', async () => {
    const path = await table(`${header}\n2016-01-01,3000000000,1,true,A,\n`);
    await expect(readCsvColumns(path, schema, { shop: 'int32' }, contract)).rejects.toThrow(/column shop line 2: 3000000000 does not fit in an int32 column/);
  });
});

describe.each([
  ['rows', (path: string) => readCsvRows(path, schema, contract)],
  ['columns', (path: string) => readCsvColumns(path, schema, { units: 'float64' }, contract)],
])('a broken table, read as %s', (_, read) => {
  it.each([
    ['2016-01-01,3,abc,true,A,1', 'units', '"abc" is not a number'],
    ['2016-01-01,3,-1,true,A,1', 'units', '"-1" is below 0'],
    ['2016-01-01,3,1e999,true,A,1', 'units', '"1e999" is not a finite number'],
    ['2016-01-01,3,,true,A,1', 'units', '"" is blank'],
    ['2016-01-01,0,1,true,A,1', 'shop', '"0" is not above 0'],
    ['2016-01-01,3.5,1,true,A,1', 'shop', '"3.5" is not an integer'],
    ['2017-02-29,3,1,true,A,1', 'date', '"2017-02-29" is not a calendar date (YYYY-MM-DD)'],
    ['2016-1-01,3,1,true,A,1', 'date', '"2016-1-01" is not a calendar date (YYYY-MM-DD)'],
    ['2016-01-01,3,1,True,A,1', 'promo', '"True" is not true or false'],
    ['2016-01-01,3,1,true,,1', 'family', '"" is blank'],
    ['2016-01-01,3,1,true,A,-2', 'tickets', '"-2" is below 0'],
  ])('refuses %j, naming the file, the line and the column', async (line, column, detail) => {
    const path = await table(`${header}\n2016-01-01,3,1,true,A,\n${line}\n`);
    const error = await read(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvTableError);
    expect(error).toMatchObject({ code: 'ROW_INVALID', file: path, line: 3, column });
    expect((error as Error).message).toBe(`${path} line 3, column ${column}: ${detail}. It does not follow test table contract v1. Re-run the stage.`);
  });

  it.each([
    ['2016-01-01,3,1,true,A', 'expected 6 fields, got 5'],
    ['2016-01-01,3,1,true,A,,x', 'expected 6 fields, got 7'],
    ['', 'the line is empty'],
  ])('refuses the line %j, naming the file and the line', async (line, detail) => {
    const path = await table(`${header}\n2016-01-01,3,1,true,A,\n${line}\n2016-01-01,4,1,true,A,\n`);
    await expect(read(path)).rejects.toMatchObject({ code: 'ROW_INVALID', line: 3, message: `${path} line 3: ${detail}. It does not follow test table contract v1. Re-run the stage.` });
  });

  it('refuses a header that is not the contract, naming both', async () => {
    const path = await table(`${header.replace('units', 'sales')}\n2016-01-01,3,1,true,A,\n`);
    await expect(read(path)).rejects.toMatchObject({
      code: 'CONTRACT_MISMATCH',
      message: `${path} does not follow test table contract v1: expected columns ${header} but found date,shop,sales,promo,family,tickets. Re-run the stage.`,
    });
    await expect(read(await table(''))).rejects.toThrow(/but the file is empty/);
  });

  it('names a missing file, and what to do', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'cd4ml-csv-table-')), 'absent.csv');
    const error = await read(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ code: 'FILE_MISSING', message: `${path} does not exist. Run the stage first.` });
  });
});
