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
    /** `cause`: what went wrong inside, for the server's log; never sent to the client. */
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** One server-side failure (a 5xx), as the error handler logs it. */
export interface ServerErrorEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  code: string;
  /** What went wrong inside: the cause's message chain, and a stack for an unexpected error. */
  cause: string;
}

/** Where 5xx are logged: one JSON line each on stderr (stdout carries the prediction log). */
export const logToStderr = (entry: ServerErrorEntry): void => {
  console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', service: 'sales-web', ...entry }));
};

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * The one place that turns errors into responses: known errors keep their status and message,
 * the feature module's input errors become 404 (unknown item or store) or 400, body-parser errors
 * become 400/413, anything else is a 500 without internals. Every 5xx is logged with its request
 * id and its cause, which its answer points to.
 */
export function errorHandler(log: (entry: ServerErrorEntry) => void = logToStderr): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let http: HttpError;
    const parser = error as BodyParserError;
    if (error instanceof HttpError) http = error;
    else if (error instanceof FeatureInputError) http = new HttpError(error.code === 'INVALID_DATE' ? 400 : 404, error.code, error.message);
    else if (parser.type === 'entity.parse.failed') http = new HttpError(400, 'MALFORMED_JSON', 'request body is not valid JSON');
    else if (parser.type === 'entity.too.large') http = new HttpError(413, 'BODY_TOO_LARGE', `request body exceeds the ${parser.limit ?? ''} byte limit`.replace('  ', ' '));
    else if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
      http = new HttpError(parser.status, 'BAD_REQUEST', (error as Error).message);
    } else {
      http = new HttpError(500, 'INTERNAL', 'unexpected server error; the request id identifies it in the logs', undefined, { cause: error });
    }
    const requestId = String(res.locals['requestId']);
    if (http.status >= 500) log({ requestId, method: req.method, path: req.path, status: http.status, code: http.code, cause: causeOf(http) });
    res.status(http.status).json({ error: { code: http.code, message: http.message, ...(http.details ? { details: http.details } : {}) }, requestId });
  };
}

/** The chain of causes, innermost last; an unexpected error keeps its stack, the only place one is ever shown. */
function causeOf(error: HttpError): string {
  const parts: string[] = [];
  for (let cause: unknown = error.cause; cause !== undefined; cause = (cause as { cause?: unknown }).cause) {
    parts.push(cause instanceof Error ? (error.status === 500 && cause.stack ? cause.stack : cause.message) : JSON.stringify(cause));
    if (!(cause instanceof Error)) break;
  }
  return parts.length > 0 ? parts.join(' <- ') : error.message;
}
