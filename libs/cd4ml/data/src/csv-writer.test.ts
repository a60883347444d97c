import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvWriter, csvField } from './csv-writer.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd4ml-csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CsvWriter', () => {
  it('writes the header and quoted fields, counting rows', async () => {
    const w = new CsvWriter(join(dir, 'a.csv'), ['name', 'note']);
    await w.write(['x', 'a,b']);
    await w.writeLine('y,plain');
    await w.close();
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('name,note\nx,"a,b"\ny,plain\n');
    expect(w.rows).toBe(2);
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('reports a write error naming the file, not a bare errno', async () => {
    // A folder cannot be opened for writing: the stream fails as a full disk would, asynchronously.
    const w = new CsvWriter(dir, ['a']);
    await w.writeLine('1');
    await expect(w.close()).rejects.toMatchObject({ code: 'FILE_UNWRITABLE', message: `${dir} could not be written: EISDIR: illegal operation on a directory, open '${dir}'` });
  });
});
