import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { errorResponseSchema } from './api-responses.ts';
import { errorHandler, HttpError, type ServerErrorEntry } from './http-error.ts';

/** An app whose one route throws `error`, behind the error handler, on a free port. */
async function answer(error: unknown): Promise<{ status: number; body: unknown; logged: ServerErrorEntry[] }> {
  const logged: ServerErrorEntry[] = [];
  const app = express();
  app.use((_req, res, next) => {
    res.locals['requestId'] = 'req-1';
    next();
  });
  app.get('/boom', () => {
    throw error;
  });
  app.use(errorHandler((entry) => logged.push(entry)));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`);
    return { status: response.status, body: await response.json(), logged };
  } finally {
    server.close();
  }
}

describe('errorHandler', () => {
  it('logs an unexpected error with its request id and stack, and answers 500 without internals', async () => {
    const { status, body, logged } = await answer(new TypeError('cannot read x of undefined'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/TypeError|at /);
    expect(errorResponseSchema.parse(body)).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining('the request id identifies it in the logs') }, requestId: 'req-1' });
    expect(logged).toEqual([{ requestId: 'req-1', method: 'GET', path: '/boom', status: 500, code: 'INTERNAL', cause: expect.stringMatching(/^TypeError: cannot read x of undefined\n\s+at /) }]);
  });

  it('logs a 5xx of ours with its cause, which the client never sees', async () => {
    const { status, body, logged } = await answer(new HttpError(503, 'ACTUALS_UNAVAILABLE', 'not recorded', undefined, { cause: new Error('/data/actuals.jsonl: EIO') }));
    expect(status).toBe(503);
    expect(JSON.stringify(body)).not.toContain('/data/actuals.jsonl');
    expect(logged).toEqual([expect.objectContaining({ status: 503, code: 'ACTUALS_UNAVAILABLE', cause: '/data/actuals.jsonl: EIO' })]);
  });

  it('logs no 4xx: bad input is the client’s, not the server’s', async () => {
    expect((await answer(new HttpError(400, 'INVALID_REQUEST', 'date is required'))).logged).toEqual([]);
  });
});
