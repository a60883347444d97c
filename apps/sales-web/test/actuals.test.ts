import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readActuals as readMonitoredActuals } from '@cd4ml/monitoring';
import type { ServerErrorEntry } from '@cd4ml/serving';
import { openActualsWith } from '@cd4ml/serving/testing';
import { errorResponseSchema } from '../src/api-responses.ts';
import { startApp, type RunningApp } from './start-app.ts';

/** The actuals file as the monitor reads it: one actual per (date, store_nbr, item_nbr), the latest post winning. */
const readActuals = (file: string) => readMonitoredActuals([file], [], { keyFields: ['date', 'store_nbr', 'item_nbr'], dayField: 'date', outputField: 'unit_sales' });

/** The actuals route against a disk that the test fills up, and against implausible or repeated actuals. */
describe('POST /api/v1/actuals: full disk, plausibility, duplicates (real port, real model)', () => {
  const fixture = inject('fixture');
  let app: RunningApp;
  let diskFull = false;
  const logged: ServerErrorEntry[] = [];
  // The seam: node's own handle, whose write stores 100 bytes and then fails while the disk is "full".
  const openActuals = openActualsWith((real) => ({
    write: async (b, off, len, pos) => {
      if (!diskFull) return real.write(b, off, len, pos);
      await real.write(b.subarray(0, 100), 0, 100, null);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  }));
  const post = (actuals: unknown[], requestId = 'actuals-test') =>
    fetch(`${app.base}/api/v1/actuals`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify({ actuals }) });
  const items = [99197, 105574, 1963838];
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ date: '2017-08-16', item_nbr: items[i % 3]!, unit_sales: i }));
  /** `n` actuals (at most 45) with distinct keys: three items over the first days of August. */
  const distinct = (n: number) => Array.from({ length: n }, (_, i) => ({ date: `2017-08-${String(1 + (i % 15)).padStart(2, '0')}`, item_nbr: items[Math.floor(i / 15)]!, unit_sales: i }));

  beforeAll(async () => {
    app = await startApp(fixture.model, { openActuals, logError: (entry) => logged.push(entry) });
  });
  afterAll(() => app.close());

  it('answers 507 on a full disk, keeps nothing of that post, logs the cause with the request id, and stays readable', async () => {
    expect((await post(rows(3))).status).toBe(202);
    const before = await readFile(app.actualsFile, 'utf8');
    diskFull = true;
    const response = await post(distinct(45), 'full-disk-1'); // about 2.6 kB, of which 100 bytes reach the disk
    diskFull = false;
    expect(response.status).toBe(507);
    expect(errorResponseSchema.parse(await response.json())).toEqual({
      error: { code: 'INSUFFICIENT_STORAGE', message: expect.stringMatching(/disk that holds them is full\. Nothing of this post was kept; send it again later/) },
      requestId: 'full-disk-1',
    });
    expect(await readFile(app.actualsFile, 'utf8')).toBe(before);
    expect(logged).toEqual([{ requestId: 'full-disk-1', method: 'POST', path: '/api/v1/actuals', status: 507, code: 'INSUFFICIENT_STORAGE', cause: expect.stringContaining(`${app.actualsFile}: ENOSPC: no space left on device`) }]);
    // Space is back: the next post is whole, on its own lines, and every line of the file reads.
    expect((await post(rows(2), 'after')).status).toBe(202);
    expect(await readActuals(app.actualsFile)).toMatchObject({ skipped: [], actuals: expect.any(Array) });
  });

  it.each([
    ['a date after the calendar', [{ date: '2099-12-31', item_nbr: 99197, unit_sales: 1 }], 'IMPLAUSIBLE_ACTUAL', /actuals\[0\]: date 2099-12-31 is after the model's calendar, which ends on \d{4}-\d\d-\d\d/],
    ['a date before the calendar', [{ date: '1900-01-01', item_nbr: 99197, unit_sales: 1 }], 'IMPLAUSIBLE_ACTUAL', /actuals\[0\]: date 1900-01-01 is before the model's calendar, which starts on/],
    ['absurd units', [{ date: '2017-08-16', item_nbr: 99197, unit_sales: 1e300 }], 'INVALID_REQUEST', /actuals\.0\.unit_sales: unit_sales must be between -1000000 and 1000000/],
    ['one key twice in a post', [...rows(2), { date: '2017-08-16', item_nbr: 99197, unit_sales: 9 }], 'DUPLICATE_ACTUAL', /actuals\[2\]: date 2017-08-16, store_nbr 44, item_nbr 99197 is already in actuals\[0\]: send one actual per date, store_nbr, item_nbr/],
  ])('refuses %s with a clear 400, and writes nothing', async (_, actuals, code, message) => {
    const before = await readFile(app.actualsFile, 'utf8');
    const response = await post(actuals);
    expect(response.status).toBe(400);
    expect(errorResponseSchema.parse(await response.json()).error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await readFile(app.actualsFile, 'utf8')).toBe(before);
  });

  it('is idempotent: the same post twice counts once, and a later post for the same day, store and item wins', async () => {
    const key = { date: '2017-08-20', item_nbr: 105574, store_nbr: 44 };
    expect((await post([{ ...key, unit_sales: 4 }], 'first')).status).toBe(202);
    expect((await post([{ ...key, unit_sales: 4 }], 'retry')).status).toBe(202);
    expect((await post([{ ...key, unit_sales: 5 }], 'correction')).status).toBe(202);
    const stored = (await readActuals(app.actualsFile)).actuals.filter((a) => a.key === `${key.date}/${key.store_nbr}/${key.item_nbr}`);
    expect(stored.map((a) => a.record)).toEqual([expect.objectContaining({ unit_sales: 5, requestId: 'correction' })]);
  });
});
