import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { csvFileStats } from './file-stats.ts';
import { buildManifest, readManifest, verifyManifest, writeManifest } from './manifest.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-manifest-'));
  await writeFile(join(dir, 'a.csv'), 'x,y\n1,2\n3,4\n');
  await writeFile(join(dir, 'b.csv'), 'k\nv');
});

describe('csvFileStats', () => {
  it.each([
    ['x,y\n1,2\n3,4\n', 2, ['x', 'y']],
    ['x,y\n1,2\n3,4', 2, ['x', 'y']],
    ['x,y\r\n1,2\r\n', 1, ['x', 'y']],
    ['x\n', 0, ['x']],
    ['', 0, []],
  ])('counts rows and columns of %j', async (text, rows, columns) => {
    const path = join(dir, 'c.csv');
    await writeFile(path, text);
    const stats = await csvFileStats(path);
    expect(stats.rows).toBe(rows);
    expect(stats.columns).toEqual(columns);
    expect(stats.bytes).toBe(Buffer.byteLength(text));
  });

  it('gives a different schema hash when a column is renamed, and the same when only rows change', async () => {
    const base = await csvFileStats(join(dir, 'a.csv'));
    await writeFile(join(dir, 'a.csv'), 'x,y\n9,9\n');
    const moreRows = await csvFileStats(join(dir, 'a.csv'));
    await writeFile(join(dir, 'a.csv'), 'x,z\n1,2\n3,4\n');
    const renamed = await csvFileStats(join(dir, 'a.csv'));
    expect(moreRows.schemaHash).toBe(base.schemaHash);
    expect(moreRows.sha256).not.toBe(base.sha256);
    expect(renamed.schemaHash).not.toBe(base.schemaHash);
  });
});

describe('manifest', () => {
  it('round-trips and verifies unchanged data', async () => {
    const manifest = await buildManifest(dir, ['b.csv', 'a.csv'], { seed: 1 });
    expect(Object.keys(manifest.files)).toEqual(['a.csv', 'b.csv']);
    await writeManifest(join(dir, 'm.json'), manifest);
    const read = await readManifest(join(dir, 'm.json'));
    expect(read).toEqual(manifest);
    await expect(verifyManifest(dir, read)).resolves.toBeUndefined();
  });

  it('data version depends on content only', async () => {
    const first = await buildManifest(dir, ['a.csv', 'b.csv']);
    const again = await buildManifest(dir, ['b.csv', 'a.csv']);
    await writeFile(join(dir, 'a.csv'), 'x,y\n1,2\n3,5\n');
    const changed = await buildManifest(dir, ['a.csv', 'b.csv']);
    expect(again.dataVersion).toBe(first.dataVersion);
    expect(changed.dataVersion).not.toBe(first.dataVersion);
  });

  it('names the changed and the missing file when verification fails', async () => {
    const manifest = await buildManifest(dir, ['a.csv', 'b.csv']);
    await writeFile(join(dir, 'a.csv'), 'x,y\n1,2\n');
    manifest.files['gone.csv'] = manifest.files['b.csv']!;
    await expect(verifyManifest(dir, manifest)).rejects.toThrow(/a\.csv: content changed[\s\S]*gone\.csv: missing/);
  });

  it('keeps a byte-order mark out of the first column name (a BOM changes the bytes, not the schema)', async () => {
    await writeFile(join(dir, 'bom.csv'), '\uFEFFid,date\n1,2017-01-01\n');
    await writeFile(join(dir, 'plain.csv'), 'id,date\n1,2017-01-01\n');
    const m = await buildManifest(dir, ['bom.csv', 'plain.csv']);
    expect(m.files['bom.csv']!.columns).toEqual(['id', 'date']);
    expect(m.files['bom.csv']!.schemaHash).toBe(m.files['plain.csv']!.schemaHash);
    expect(m.files['bom.csv']!.sha256).not.toBe(m.files['plain.csv']!.sha256);
  });

  it('lists every schema problem of a malformed manifest', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ manifestVersion: 2, files: {} }));
    await expect(readManifest(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json is not a valid data manifest:[\s\S]*→ at manifestVersion[\s\S]*→ at dataVersion/);
    await writeFile(join(dir, 'broken.json'), '{ not json');
    await expect(readManifest(join(dir, 'broken.json'))).rejects.toThrow(/not valid JSON/);
    await expect(readManifest(join(dir, 'none.json'))).rejects.toMatchObject({ code: 'MANIFEST_MISSING', message: expect.stringMatching(/none\.json does not exist\. .*record <dir>/) });
  });
});
