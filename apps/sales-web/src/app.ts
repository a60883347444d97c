import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import { actualsRoutes } from './actuals-routes.ts';
import { ApiContext, type AppOptions, type AppState } from './api-context.ts';
import { AppMetrics } from './app-metrics.ts';
import { forecastRoutes } from './forecast-routes.ts';
import { errorHandler, HttpError } from './http-error.ts';
import { infoRoutes } from './info-routes.ts';
import { buildOpenApi } from './openapi.ts';
import { readiness } from './readiness.ts';
import { uiBundle } from './ui-bundle.ts';

export type { AppOptions, AppState } from './api-context.ts';

/**
 * Builds the Express app around an (optionally missing) model; listening is the caller's job.
 * @example createApp({ model: await ForecastModel.load(dir) }, { actualsFile: 'data/monitoring/actuals.jsonl' }).listen(3000)
 */
export function createApp(state: AppState, options: AppOptions = {}): express.Express {
  const metrics = options.metrics ?? new AppMetrics();
  const api = new ApiContext(state, { ...options, metrics });
  if (state.model) metrics.setModel(state.model.card);
  if (options.predictionLog) metrics.watchPredictionLog(options.predictionLog);
  metrics.watchReadiness(() => readiness(state).ready);
  const openapi = buildOpenApi(state.model?.version ?? 'no model');

  const app = express();
  app.disable('x-powered-by');
  // Forecasts are computed per request; hashing every JSON body for an ETag costs more than it saves.
  app.set('etag', false);
  // One middleware for what every response carries: a request id, the time it arrived (for
  // Server-Timing) and its metrics.
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id')?.slice(0, 100) || randomUUID();
    res.locals['requestId'] = requestId;
    res.locals['startedAt'] = performance.now();
    res.setHeader('X-Request-Id', requestId);
    metrics.track(req, res);
    next();
  });
  // Security headers on every response: the set OWASP's REST Security Cheat Sheet lists for APIs.
  // Pages get helmet's full set below, before the static files.
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      xFrameOptions: { action: 'deny' },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      referrerPolicy: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
      xPoweredBy: false, // Express's own is off
    }),
  );

  // The API first: a forecast passes as few layers as possible.
  app.use('/api/v1', metrics.base('/api/v1'), forecastRoutes(api), infoRoutes(api), actualsRoutes(api));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    const r = readiness(state);
    if (r.ready) res.json({ status: 'ready', modelVersion: r.modelVersion });
    else res.status(503).json({ status: 'not ready', reason: r.reason });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  app.use('/api', (req, _res, next) => next(new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${req.originalUrl}`)));
  // Static files last: an API request never pays for a file-system lookup. The UI gets helmet's
  // full set; served over plain HTTP on loopback too, so no upgrade-insecure-requests, and it loads
  // nothing from elsewhere.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.get('/app.js', async (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'no-cache').send(await uiBundle());
  });
  app.use(express.static(fileURLToPath(new URL('./public', import.meta.url))));
  app.use(errorHandler(options.logError));
  return app;
}
