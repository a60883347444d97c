import express from 'express';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { jsonBody } from '../request/parse-request.ts';
import { requestIds } from '../request/request-id.ts';
import { listen } from '../testing.ts';
import { errorHandler, notFound, type ErrorHandlerOptions, type ServerErrorEntry } from './error-handler.ts';
import { HttpError } from './http-error.ts';

const errorSchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }), requestId: z.string() });
class UnknownStationError extends Error {
  readonly code = 'UNKNOWN_STATION';
}

/** An app whose `/boom` throws `error` and whose `/echo` parses a small JSON body, behind the error handler, on a free port. */
async function answer(error: unknown, request: (base: string) => Promise<Response> = (base) => fetch(`${base}/boom`, { headers: { 'x-request-id': 'req-1' } }), o: ErrorHandlerOptions = {}) {
  const logged: ServerErrorEntry[] = [];
  const app = express();
  app.use(requestIds());
  app.get('/boom', () => {
    throw error;
  });
  app.post('/echo', ...jsonBody('1kb'), (req, res) => {
    res.json(req.body);
  });
  app.use(notFound());
  app.use(errorHandler({ log: (entry) => logged.push(entry), ...o }));
  const server = await listen(app);
  try {
    const response = await request(server.base);
    return { status: response.status, body: errorSchema.parse(await response.json()), logged };
  } finally {
    await server.close();
  }
}
const post = (body: string) => (base: string) => fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('errorHandler', () => {
  it('logs an unexpected error with its request id and stack, and answers 500 without internals', async () => {
    const { status, body, logged } = await answer(new TypeError('cannot read x of undefined'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/TypeError|at /);
    expect(body).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining('the request id identifies it in the logs') }, requestId: 'req-1' });
    expect(logged).toEqual([{ requestId: 'req-1', method: 'GET', path: '/boom', status: 500, code: 'INTERNAL', cause: expect.stringMatching(/^TypeError: cannot read x of undefined\n\s+at /) }]);
  });

  it('logs a 5xx of ours with its cause chain, which the client never sees', async () => {
    const cause = new Error('/data/actuals.jsonl: EIO', { cause: new Error('disk gone') });
    const { status, body, logged } = await answer(new HttpError(503, 'ACTUALS_UNAVAILABLE', 'not recorded', undefined, { cause }));
    expect(status).toBe(503);
    expect(JSON.stringify(body)).not.toContain('/data/actuals.jsonl');
    expect(logged).toEqual([expect.objectContaining({ status: 503, code: 'ACTUALS_UNAVAILABLE', cause: '/data/actuals.jsonl: EIO <- disk gone' })]);
  });

  it('logs no 4xx, and sends the details of one', async () => {
    const { status, body, logged } = await answer(new HttpError(400, 'INVALID_REQUEST', 'date is required', [{ field: 'date' }]));
    expect([status, body, logged]).toEqual([400, { error: { code: 'INVALID_REQUEST', message: 'date is required', details: [{ field: 'date' }] }, requestId: 'req-1' }, []]);
  });

  it('turns a domain error into what mapError says, and leaves one it does not know a 500', async () => {
    const mapError = (e: unknown) => (e instanceof UnknownStationError ? new HttpError(404, e.code, e.message) : undefined);
    expect(await answer(new UnknownStationError('unknown station "airport"'), undefined, { mapError })).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_STATION', message: 'unknown station "airport"' } }, logged: [] });
    expect(await answer(new RangeError('x'), undefined, { mapError })).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
  });

  it.each([
    ['malformed JSON', post('{"date":'), 400, 'MALFORMED_JSON', 'request body is not valid JSON'],
    ['a body over the limit', post(JSON.stringify({ pad: 'x'.repeat(2000) })), 413, 'BODY_TOO_LARGE', 'request body exceeds the 1024 byte limit'],
    ['another content type', (base: string) => fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the request as application/json'],
    ['an unknown route', (base: string) => fetch(`${base}/nothing?x=1`), 404, 'NOT_FOUND', 'no route GET /nothing?x=1'],
  ])('answers %s with a clear %i and a request id', async (_, request, status, code, message) => {
    const { body, ...rest } = await answer(undefined, request);
    expect(rest).toEqual({ status, logged: [] });
    expect(body).toEqual({ error: { code, message }, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
