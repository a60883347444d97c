import express, { type Request, type RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError } from '../errors/http-error.ts';

/**
 * A JSON body parser with a size limit, that also refuses other content types with a 415.
 * @param limit the body size limit, e.g. `'64kb'`
 */
export function jsonBody(limit: string): RequestHandler[] {
  return [
    (req, _res, next) => {
      if (!req.is('application/json')) next(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the request as application/json'));
      else next();
    },
    express.json({ limit }),
  ];
}

/**
 * Validates `value` against `schema`, or throws a 400 `INVALID_REQUEST` whose message names every
 * bad field (`rows.2.date: ...`); the details list them one by one. Issues about the whole value
 * are labelled with `source`: `(query)` or `(body)`.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, source: 'body' | 'query'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ field: i.path.join('.') || `(${source})`, message: i.message }));
  throw new HttpError(400, 'INVALID_REQUEST', details.map((d) => (d.message.includes(d.field) ? d.message : `${d.field}: ${d.message}`)).join('; '), details);
}

/** Refuses a list longer than `max` with a 413 `BATCH_TOO_LARGE` before it is validated row by row. */
export function checkRows(req: Request, key: string, max: number): void {
  const rows = (req.body as Record<string, unknown> | undefined)?.[key];
  if (Array.isArray(rows) && rows.length > max) {
    throw new HttpError(413, 'BATCH_TOO_LARGE', `${key} has ${rows.length} rows; at most ${max} are allowed per request`);
  }
}
