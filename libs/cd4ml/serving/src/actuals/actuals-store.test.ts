import { mkdtemp, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { beforeEach, describe, expect, it } from 'vitest';
import { openActualsWith } from '../testing.ts';
import { ActualsStore } from './actuals-store.ts';

const actual = (n: number, trips = 1) => JSON.stringify({ date: '2025-01-06', station: `s${n}`, trips, receivedAt: '2025-01-07T00:00:00.000Z', requestId: `r${n}`, modelVersion: 'abc' });
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
/** The stations of the file's whole lines, in order, and what follows its last line end. */
async function stationsIn(path: string): Promise<{ stations: string[]; torn: string }> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  const torn = lines.pop()!;
  return { stations: lines.map((l) => z.object({ station: z.string() }).parse(JSON.parse(l)).station), torn };
}

/** Node's own file handle, with `write` replaced (and `truncate` failing, if told): a disk that fails. */
const failingWrites = (write: (real: FileHandle, buffer: Uint8Array) => Promise<{ bytesWritten: number }>, o: { truncate?: boolean } = {}) =>
  openActualsWith((real) => ({ write: (buffer) => write(real, buffer), ...(o.truncate === false ? { truncate: () => Promise.reject(new Error('EIO: i/o error, ftruncate')) } : {}) }));
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
    const spy = openActualsWith((real) => ({
      write: (b, off, len, pos) => (calls.push(`write ${len}`), real.write(b, off, len, pos)),
      datasync: () => (calls.push('datasync'), real.datasync()),
    }));
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
    expect(await stationsIn(file)).toEqual({ stations: ['s1', 's7'], torn: '' });
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
    const room = Buffer.byteLength(`${actual(2)}\n`) + 20; // the first line of the post, and a torn piece of the second
    await expect(store({ openFile: diskWithRoom(room, { truncate: false }) }).append([actual(2), actual(3)])).rejects.toMatchObject({ status: 507 });
    expect(warnings).toEqual([expect.stringMatching(/could not truncate back to \d+ bytes after a failed append \(EIO.*readers skip the torn last line/)]);
    expect(await stationsIn(file)).toEqual({ stations: ['s1', 's2'], torn: actual(3).slice(0, 20) });
    await store().append([actual(4)]);
    expect(warnings.at(-1)).toMatch(/cut a torn last line of 20 bytes/);
    expect(await stationsIn(file)).toEqual({ stations: ['s1', 's2', 's4'], torn: '' });
  });

  it('rotates by size and keeps the newest files the retention allows', async () => {
    const small = store({ rotation: { maxBytes: 400, keep: 2 } });
    for (let i = 0; i < 10; i++) await small.append([actual(i), actual(100 + i)]); // about 300 bytes a post
    expect((await readdir(join(file, '..'))).sort()).toEqual(['actuals.jsonl', 'actuals.jsonl.1', 'actuals.jsonl.2']);
    const kept = [];
    for (const f of [`${file}.2`, `${file}.1`, file]) kept.push(...(await stationsIn(f)).stations);
    expect(kept).toEqual(['s7', 's107', 's8', 's108', 's9', 's109']);
  });
});
