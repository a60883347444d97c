import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest, verifyManifest } from '@cd4ml/data';
import { rawFiles, type RawFileName } from '@cd4ml/sales-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../_temp-dirs.ts';
import { generateSnapshot } from './generate-snapshot.ts';

const tempDir = tempDirs('cd4ml-gen-');

const small = { items: 30, start: '2016-11-01', end: '2017-01-31', blankPromotionDays: 10 };
let dir: string;
const read = (name: string, d = dir) => readFile(join(d, name), 'utf8');
const rows = async (name: RawFileName) => (await read(name)).trim().split('\n').slice(1);

beforeAll(async () => {
  dir = join(await tempDir(), 'raw');
  await generateSnapshot(dir, small);
});

describe('generateSnapshot', () => {
  it('writes every Favorita file with its exact header, and a manifest that verifies', async () => {
    for (const [name, header] of Object.entries(rawFiles)) {
      expect((await read(name)).split('\n')[0]).toBe(header.join(','));
    }
    const manifest = await readManifest(join(dir, 'manifest.json'));
    expect(Object.keys(manifest.files).sort()).toEqual(Object.keys(rawFiles).sort());
    await expect(verifyManifest(dir, manifest)).resolves.toBeUndefined();
  });

  it('is byte-for-byte reproducible for the same seed, and differs for another seed', async () => {
    const again = join(await tempDir(), 'raw');
    const other = join(await tempDir(), 'raw');
    const a = await generateSnapshot(again, small);
    const b = await generateSnapshot(other, { ...small, seed: 7 });
    expect(await read('train.csv', again)).toBe(await read('train.csv'));
    expect(a.dataVersion).toBe((await readManifest(join(dir, 'manifest.json'))).dataVersion);
    expect(b.dataVersion).not.toBe(a.dataVersion);
  });

  it('includes the workshop items with their real attributes', async () => {
    const items = await rows('items.csv');
    expect(items).toContain('99197,GROCERY I,1067,0');
    expect(items).toContain('105574,GROCERY I,1045,0');
    expect(items).toContain('1963838,CLEANING,3024,0');
    expect(items).toHaveLength(30);
  });

  it('has the quirks of the real train.csv: closed Christmas, blank early promotions, returns possible, sorted ids', async () => {
    const train = (await rows('train.csv')).map((r) => r.split(','));
    expect(train.some((r) => r[1] === '2016-12-25')).toBe(false);
    expect(train.some((r) => r[1] === '2016-12-24')).toBe(true);
    expect(train.filter((r) => r[1]! < '2016-11-11').every((r) => r[5] === '')).toBe(true);
    expect(train.filter((r) => r[1]! >= '2016-11-11').every((r) => r[5] === 'True' || r[5] === 'False')).toBe(true);
    expect(train.map((r) => Number(r[0]))).toEqual(train.map((_, i) => i));
    expect(train.every((r) => Number(r[4]) !== 0)).toBe(true);
  });

  it('quotes the family that contains commas', async () => {
    const big = join(await tempDir(), 'raw');
    await generateSnapshot(big, { ...small, items: 200, end: '2016-11-02' });
    expect(await read('items.csv', big)).toContain('"LIQUOR,WINE,BEER"');
  });

  it('rejects impossible options with a clear message', async () => {
    await expect(generateSnapshot(join(dir, 'x'), { start: '2017-01-02', end: '2017-01-01' })).rejects.toThrow(/before start/);
    await expect(generateSnapshot(join(dir, 'x'), { items: 2 })).rejects.toThrow(/at least 3/);
    await expect(generateSnapshot(join(dir, 'x'), { start: '2012-12-31' })).rejects.toThrow('start (2012-12-31) is before 2013-01-01, the first day of the Favorita data');
    await expect(generateSnapshot(join(dir, 'x'), { end: '2999-01-01' })).rejects.toThrow('end (2999-01-01) is in the future');
  });
});
