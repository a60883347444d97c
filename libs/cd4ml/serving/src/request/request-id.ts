import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

/**
 * The request id prefix of the platform's smoke test. An app that logs request ids lets readers of
 * its prediction log (the monitor) tell the smoke test's replayed holdout from real traffic.
 */
export const SMOKE_REQUEST_PREFIX = 'smoke-';

/** Whether a request id marks the smoke test's synthetic traffic. */
export function isSmokeRequest(requestId: string | undefined): boolean {
  return requestId?.startsWith(SMOKE_REQUEST_PREFIX) ?? false;
}

/**
 * The first middleware of every app, for what every response carries: the request id (the
 * client's `X-Request-Id`, at most 100 characters, or a new UUID) in `res.locals.requestId` and
 * echoed in `X-Request-Id`, the arrival time for {@link serverTiming}, and the request's metrics.
 * One middleware, not three: each layer costs every forecast.
 * @param o.metrics times and counts the request (an {@link AppMetrics})
 */
export function requestIds(o: { metrics?: { track(req: Request, res: Response): void } } = {}): RequestHandler {
  return (req, res, next) => {
    const id = req.get('x-request-id')?.slice(0, 100) || randomUUID();
    res.locals['requestId'] = id;
    res.locals['startedAt'] = performance.now();
    res.setHeader('X-Request-Id', id);
    o.metrics?.track(req, res);
    next();
  };
}

/** The request id {@link requestIds} gave this request. */
export function requestId(res: { locals: Record<string, unknown> }): string {
  return String(res.locals['requestId']);
}

/** Sets `Server-Timing: app;dur=<ms>`: the time from the request's arrival to now, body parsing included. */
export function serverTiming(res: { locals: Record<string, unknown>; set(field: string, value: string): unknown }): void {
  res.set('Server-Timing', `app;dur=${(performance.now() - Number(res.locals['startedAt'])).toFixed(2)}`);
}
