import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from './http-error.ts';

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

/**
 * Where 5xx are logged by default: one JSON line each on stderr (stdout carries the prediction log).
 * @param service names the app in every line, e.g. "sales-web"
 */
export function stderrErrorLog(service?: string): (entry: ServerErrorEntry) => void {
  return (entry) => console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', ...(service ? { service } : {}), ...entry }));
}

/** Options of {@link errorHandler}. */
export interface ErrorHandlerOptions {
  /** Where every 5xx is logged with its request id and cause. @default one JSON line on stderr */
  log?: (entry: ServerErrorEntry) => void;
  /**
   * Turns a domain's own errors into HttpErrors (an unknown station into a 404); `undefined` for
   * an error it does not know, which then becomes a 500.
   * @example mapError: (e) => (e instanceof UnknownStationError ? new HttpError(404, e.code, e.message) : undefined)
   */
  mapError?: (error: unknown) => HttpError | undefined;
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  message?: string;
}

/**
 * The one place that turns errors into responses, always `{ error: { code, message, details? },
 * requestId }`: an HttpError keeps its status and message, the domain's errors become what
 * `mapError` says, body-parser errors become 400 `MALFORMED_JSON` or 413 `BODY_TOO_LARGE`, other
 * client errors keep their 4xx, and anything else is a 500 without internals. Every 5xx is logged
 * with its request id and its cause, which its answer points to.
 */
export function errorHandler(o: ErrorHandlerOptions = {}): ErrorRequestHandler {
  const log = o.log ?? stderrErrorLog();
  return (error: unknown, req, res, _next) => {
    const http = toHttpError(error, o.mapError);
    const requestId = String(res.locals['requestId']);
    if (http.status >= 500) log({ requestId, method: req.method, path: req.path, status: http.status, code: http.code, cause: causeOf(http) });
    res.status(http.status).json({ error: { code: http.code, message: http.message, ...(http.details ? { details: http.details } : {}) }, requestId });
  };
}

function toHttpError(error: unknown, mapError: ErrorHandlerOptions['mapError']): HttpError {
  if (error instanceof HttpError) return error;
  const mapped = mapError?.(error);
  if (mapped) return mapped;
  const parser: BodyParserError = typeof error === 'object' && error !== null ? error : {};
  if (parser.type === 'entity.parse.failed') return new HttpError(400, 'MALFORMED_JSON', 'request body is not valid JSON');
  if (parser.type === 'entity.too.large') return new HttpError(413, 'BODY_TOO_LARGE', `request body exceeds the ${parser.limit ?? ''} byte limit`.replace('  ', ' '));
  if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) return new HttpError(parser.status, 'BAD_REQUEST', String(parser.message));
  return new HttpError(500, 'INTERNAL', 'unexpected server error; the request id identifies it in the logs', undefined, { cause: error });
}

/** The chain of causes, innermost last; an unexpected error keeps its stack, the only place one is ever shown. */
function causeOf(error: HttpError): string {
  const parts: string[] = [];
  for (let cause: unknown = error.cause; cause !== undefined; cause = cause instanceof Error ? cause.cause : undefined) {
    parts.push(cause instanceof Error ? (error.status === 500 && cause.stack ? cause.stack : cause.message) : JSON.stringify(cause));
  }
  return parts.length > 0 ? parts.join(' <- ') : error.message;
}

/**
 * A JSON 404 for whatever no route matched: `no route GET /api/v2/x`.
 * @example app.use('/api', notFound())
 */
export function notFound(): RequestHandler {
  return (req, _res, next) => next(new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${req.originalUrl}`));
}
