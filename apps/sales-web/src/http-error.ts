import { FeatureInputError } from '@cd4ml/sales-features';
import type { ErrorRequestHandler } from 'express';

/** An error with an HTTP status and a stable code; the one error handler turns it into JSON. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * The one place that turns errors into responses: known errors keep their status and message,
 * the feature module's input errors become 404 (unknown item or store) or 400, body-parser errors
 * become 400/413, anything else is a 500 without internals.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  let http: HttpError;
  const parser = error as BodyParserError;
  if (error instanceof HttpError) http = error;
  else if (error instanceof FeatureInputError) http = new HttpError(error.code === 'INVALID_DATE' ? 400 : 404, error.code, error.message);
  else if (parser.type === 'entity.parse.failed') http = new HttpError(400, 'MALFORMED_JSON', 'request body is not valid JSON');
  else if (parser.type === 'entity.too.large') http = new HttpError(413, 'BODY_TOO_LARGE', `request body exceeds the ${parser.limit ?? ''} byte limit`.replace('  ', ' '));
  else if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
    http = new HttpError(parser.status, 'BAD_REQUEST', (error as Error).message);
  } else {
    res.locals['unexpectedError'] = error;
    http = new HttpError(500, 'INTERNAL', 'unexpected server error; the request id identifies it in the logs');
  }
  res.status(http.status).json({ error: { code: http.code, message: http.message, ...(http.details ? { details: http.details } : {}) }, requestId: String(res.locals['requestId']) });
};
