import { mkdtemp, open, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ActualsStore, type ActualsHandle, type OpenActuals } from './actuals-store.ts';
import { readActuals } from './read-actuals.ts';

const actual = (item_nbr: number, unit_sales = 1, date = '2017-08-16') =>
  JSON.stringify({ date, item_nbr, store_nbr: 44, unit_sales, receivedAt: '2017-08-17T00:00:00.000Z', requestId: `r${item_nbr}`, modelVersion: 'abc' });
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** Node's own file handle, with `write` replaced: the seam through which a test fills the disk. */
function failingWrites(write: (real: ActualsHandle, buffer: Uint8Array) => Promise<{ bytesWritten: number }>, o: { truncate?: boolean } = {}): OpenActuals {
  return async (path) => {
    const real = await open(path, 'a+');
    return {
      stat: () => real.stat(),
      read: (b, off, len, pos) => real.read(b, off, len, pos),
      write: (buffer) => write(real, buffer),
      datasync: () => real.datasync(),
      truncate: (len) => (o.truncate === false ? Promise.reject(new Error('EIO: i/o error, ftruncate')) : real.truncate(len)),
      close: () => real.close(),
    };
  };
}
/** A disk that fills up after `room` more bytes: the write stores what fits, then fails. */
const diskWithRoom = (room: number, o: { truncate?: boolean } = {}) =>
  failingWrites(async (real, buffer) => {
    await real.write(buffer.subarray(0, room), 0, Math.min(room, buffer.byteLength), null);
    throw enospc();
  }, o);

let file: string;
let warnings: string[];
beforeEach(async () => {
  file = join(await mkdtemp(join(tmpdir(), 'actuals-store-')), 'monitoring', 'actuals.jsonl');
  warnings = [];
});
const store = (o: ConstructorParameters<typeof ActualsStore>[1] = {}) => new ActualsStore(file, { warn: (m) => warnings.push(m), ...o });

describe('ActualsStore', () => {
  it('appends each post as one record with a single write, synced to disk before it resolves', async () => {
    const calls: string[] = [];
    const spy: OpenActuals = async (path) => {
      const real = await open(path, 'a+');
      return {
        stat: () => real.stat(),
        read: (b, off, len, pos) => real.read(b, off, len, pos),
        write: (b, off, len, pos) => (calls.push(`write ${len}`), real.write(b, off, len, pos)),
        datasync: () => (calls.push('datasync'), real.datasync()),
        truncate: (len) => real.truncate(len),
        close: () => real.close(),
      };
    };
    await store({ openFile: spy }).append([actual(1), actual(2)]);
    const text = await readFile(file, 'utf8');
    expect(calls).toEqual([`write ${Buffer.byteLength(text)}`, 'datasync']);
    expect(text).toBe(`${actual(1)}\n${actual(2)}\n`);
  });

  it('on a full disk answers 507, and leaves the file exactly as it was: no half post, no torn line', async () => {
    await store().append([actual(1)]);
    const before = await readFile(file, 'utf8');
    const full = store({ openFile: diskWithRoom(100) });
    const error = await full.append(Array.from({ length: 1000 }, (_, i) => actual(i))).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 507, code: 'INSUFFICIENT_STORAGE', message: expect.stringMatching(/disk that holds them is full. Nothing of this post was kept/) });
    expect(String((error as Error).cause)).toContain(`${file}: ENOSPC`);
    expect(await readFile(file, 'utf8')).toBe(before);
    // Space is back: the next post starts on a line of its own.
    await store().append([actual(7)]);
    expect((await readActuals(file)).actuals.map((a) => a.item_nbr)).toEqual([1, 7]);
  });

  it('answers 503 for a write that fails otherwise, and keeps the file as it was', async () => {
    const error = await store({ openFile: failingWrites(() => Promise.reject(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }))) })
      .append([actual(1)])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 'ACTUALS_UNAVAILABLE' });
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('counts a short write as a full disk', async () => {
    const short = failingWrites((real, buffer) => real.write(buffer.subarray(0, 10), 0, 10, null));
    await expect(store({ openFile: short }).append([actual(1)])).rejects.toMatchObject({ status: 507 });
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('when even the truncation fails, says so, and the next post cuts the torn line off before appending', async () => {
    await store().append([actual(1)]);
    await expect(store({ openFile: diskWithRoom(150, { truncate: false }) }).append([actual(2), actual(3)])).rejects.toMatchObject({ status: 507 });
    expect(warnings).toEqual([expect.stringMatching(/could not truncate back to \d+ bytes after a failed append \(EIO.*readers skip the torn last line/)]);
    const torn = await readActuals(file);
    expect(torn.actuals.map((a) => a.item_nbr)).toEqual([1, 2]); // the first line of the failed post was whole
    expect(torn.skipped).toEqual([{ file, line: 3, reason: expect.stringMatching(/^torn last line/) }]);
    await store().append([actual(4)]);
    expect(warnings.at(-1)).toMatch(/cut a torn last line of \d+ bytes/);
    const after = await readActuals(file);
    expect(after.skipped).toEqual([]);
    expect(after.actuals.map((a) => a.item_nbr)).toEqual([1, 2, 4]);
  });

  it('rotates by size and keeps the newest files the retention allows', async () => {
    const small = store({ rotation: { maxBytes: 400, keep: 2 } });
    for (let i = 0; i < 10; i++) await small.append([actual(i), actual(100 + i)]); // about 330 bytes a post
    expect((await readdir(join(file, '..'))).sort()).toEqual(['actuals.jsonl', 'actuals.jsonl.1', 'actuals.jsonl.2']);
    const { actuals } = await readActuals(file, 2);
    expect(actuals.map((a) => a.item_nbr)).toEqual([7, 107, 8, 108, 9, 109]);
  });
});

describe('readActuals', () => {
  it('keeps the latest actual of each (date, store, item), so a post sent twice counts once', async () => {
    const s = store();
    await s.append([actual(1, 5), actual(2, 3)]);
    await s.append([actual(1, 5), actual(2, 3)]); // a retry
    await s.append([actual(1, 6)]); // a correction
    expect((await readActuals(file)).actuals.map((a) => [a.item_nbr, a.unit_sales])).toEqual([
      [2, 3],
      [1, 6],
    ]);
  });

  it('skips and reports a line that is not an actual, and reads the rest', async () => {
    await store().append([actual(1), '{"hello":1}', actual(2)]);
    const { actuals, skipped } = await readActuals(file);
    expect(actuals.map((a) => a.item_nbr)).toEqual([1, 2]);
    expect(skipped).toEqual([{ file, line: 2, reason: expect.stringMatching(/^not an actual: .*date/) }]);
  });
});
