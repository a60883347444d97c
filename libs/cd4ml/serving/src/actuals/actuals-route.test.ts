import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../errors/error-handler.ts';
import { HttpError } from '../errors/http-error.ts';
import type { ServingState } from '../readiness/readiness.ts';
import { requestIds } from '../request/request-id.ts';
import { listen } from '../testing.ts';
import { toyModel, type ToyModel } from '../test-support/toy-model.ts';
import { actualsRoute } from './actuals-route.ts';

const STATIONS = ['central', 'harbour'];
const row = z.strictObject({ date: z.iso.date(), station: z.string(), trips: z.number().int().min(0), note: z.string().optional() });

/** The route of a toy domain (trips per station and day) on a free port: each station checked against the model's, a note filled in. */
async function start(state: ServingState<ToyModel>, file?: string) {
  const app = express();
  app.use(requestIds());
  app.use(
    '/api/v1',
    actualsRoute({
      state,
      row,
      keyFields: ['date', 'station'],
      check: (actual, { where, receivedAt }) => {
        if (!STATIONS.includes(actual.station)) throw new HttpError(404, 'UNKNOWN_STATION', `${where}unknown station "${actual.station}"`);
        return { ...actual, note: actual.note ?? `checked ${receivedAt.slice(0, 4)}` };
      },
      ...(file ? { file } : {}),
    }),
  );
  app.use(errorHandler({ log: () => undefined }));
  return listen(app);
}
const answer = z.object({ accepted: z.number().optional(), modelVersion: z.string().optional(), error: z.object({ code: z.string(), message: z.string() }).optional() });

describe('POST /api/v1/actuals: the generic actuals route', () => {
  let file: string;
  let app: Awaited<ReturnType<typeof start>>;
  const post = async (body: unknown, base = app.base) => {
    const response = await fetch(`${base}/api/v1/actuals`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'post-1' }, body: JSON.stringify(body) });
    return { status: response.status, body: answer.parse(await response.json()) };
  };
  const lines = async () => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');

  beforeAll(async () => {
    file = join(await mkdtemp(join(tmpdir(), 'actuals-route-')), 'actuals.jsonl');
    app = await start({ model: toyModel('/m') }, file);
  });
  afterAll(() => app.close());

  it('appends each checked row as a JSON line with receivedAt, the request id and the model version, then answers 202', async () => {
    expect(await post({ actuals: [{ date: '2025-01-06', station: 'central', trips: 40 }, { date: '2025-01-06', station: 'harbour', trips: 12, note: 'rain' }] })).toEqual({ status: 202, body: { accepted: 2, modelVersion: 'toy-1' } });
    const stored = (await lines()).map((l): unknown => JSON.parse(l));
    expect(stored).toEqual([
      { date: '2025-01-06', station: 'central', trips: 40, note: expect.stringMatching(/^checked \d{4}$/), receivedAt: expect.any(String), requestId: 'post-1', modelVersion: 'toy-1' },
      { date: '2025-01-06', station: 'harbour', trips: 12, note: 'rain', receivedAt: expect.any(String), requestId: 'post-1', modelVersion: 'toy-1' },
    ]);
  });

  it.each([
    ['a row the schema refuses', { actuals: [{ date: '2025-01-06', station: 'central', trips: -1 }] }, 400, 'INVALID_REQUEST', /^actuals\.0\.trips: /],
    ['no rows', { actuals: [] }, 400, 'INVALID_REQUEST', /actuals must hold at least one row/],
    ['no list', { rows: [] }, 400, 'INVALID_REQUEST', /actuals must be an array/],
    ['a key twice in one post', { actuals: [{ date: '2025-01-06', station: 'central', trips: 1 }, { date: '2025-01-07', station: 'central', trips: 1 }, { date: '2025-01-06', station: 'central', trips: 2 }] }, 400, 'DUPLICATE_ACTUAL', /^actuals\[2\]: date 2025-01-06, station central is already in actuals\[0\]: send one actual per date, station$/],
    ['a row the domain check refuses', { actuals: [{ date: '2025-01-06', station: 'central', trips: 1 }, { date: '2025-01-06', station: 'airport', trips: 1 }] }, 404, 'UNKNOWN_STATION', /^actuals\[1\]: unknown station "airport"$/],
    ['too many rows', { actuals: Array.from({ length: 1001 }, () => ({})) }, 413, 'BATCH_TOO_LARGE', /actuals has 1001 rows; at most 1000/],
  ])('refuses %s and writes nothing', async (_, body, status, code, message) => {
    const before = await lines();
    expect(await post(body)).toEqual({ status, body: { error: { code, message: expect.stringMatching(message) } } });
    expect(await lines()).toEqual(before);
  });

  it('answers 503 ACTUALS_DISABLED without a file, and 503 NOT_READY without a model', async () => {
    const disabled = await start({ model: toyModel('/m') });
    const unready = await start({ notReadyReason: 'no model in /x' }, file);
    try {
      const actuals = [{ date: '2025-01-06', station: 'central', trips: 1 }];
      expect(await post({ actuals }, disabled.base)).toMatchObject({ status: 503, body: { error: { code: 'ACTUALS_DISABLED', message: expect.stringMatching(/start it with --actuals <file> \(or ACTUALS_FILE\)/) } } });
      expect(await post({ actuals }, unready.base)).toMatchObject({ status: 503, body: { error: { code: 'NOT_READY', message: 'no model loaded: no model in /x' } } });
    } finally {
      await Promise.all([disabled.close(), unready.close()]);
    }
  });
});
