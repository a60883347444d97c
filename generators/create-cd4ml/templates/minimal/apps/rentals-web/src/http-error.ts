import { UnknownStationError } from '@minimal/rentals-model/features';
import type { ErrorRequestHandler } from 'express';

/** An error with an HTTP status and a stable code; the one error handler turns it into JSON. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one place that turns errors into responses, always as `{ error: { code, message } }`: an
 * unknown station is a 404, Express's own client errors (a malformed URL) keep their 4xx, and
 * anything else is a 500 that shows no internals (the server's log has them).
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const status = (error as { status?: unknown }).status;
  const http =
    error instanceof HttpError
      ? error
      : error instanceof UnknownStationError
        ? new HttpError(404, error.code, error.message)
        : typeof status === 'number' && status >= 400 && status < 500
          ? new HttpError(status, 'BAD_REQUEST', (error as Error).message)
          : new HttpError(500, 'INTERNAL', 'unexpected server error');
  if (http.status === 500) console.error('rentals-web: unexpected error:', error);
  res.status(http.status).json({ error: { code: http.code, message: http.message } });
};
