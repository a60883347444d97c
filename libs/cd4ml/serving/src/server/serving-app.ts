import express, { type Express } from 'express';
import { errorHandler, notFound, type ErrorHandlerOptions } from '../errors/error-handler.ts';
import type { AppMetrics } from '../metrics/app-metrics.ts';
import type { PredictionLogStats } from '../prediction-log/prediction-log.ts';
import { healthRoutes } from '../readiness/health-routes.ts';
import { readiness, type ReadinessOptions, type ServingState } from '../readiness/readiness.ts';
import { requestIds } from '../request/request-id.ts';
import { apiSecurityHeaders, pageSecurityHeaders } from '../request/security-headers.ts';

/** Options of {@link servingApp}. */
export interface ServingAppOptions {
  state: ServingState;
  metrics: AppMetrics;
  /** Its state goes to `/metrics`. */
  predictionLog?: { stats(): PredictionLogStats };
  readiness?: ReadinessOptions;
  /** How errors are logged and which domain errors become which HttpErrors. */
  errors?: ErrorHandlerOptions;
  /** The domain's API, first after the request ids and the API's security headers: a prediction passes as few layers as possible. */
  api: (app: Express) => void;
  /** Pages (a UI, static files): after the API's 404, so an API request never pays for a file lookup, with helmet's page headers. */
  pages?: (app: Express) => void;
}

/**
 * An Express app with what every model app serves besides its own routes: request ids, security
 * headers, `/health`, `/ready`, `/metrics` (with `model_info`, `app_ready` and the prediction
 * log's state), a JSON 404 for anything unmatched, and the one error handler.
 * @example servingApp({ state, metrics, api: (app) => app.use('/api/v1', metrics.base('/api/v1'), forecastRoutes(state)) })
 */
export function servingApp(o: ServingAppOptions): Express {
  const { state, metrics } = o;
  if (state.model) metrics.setModel(state.model.card);
  if (o.predictionLog) metrics.watchPredictionLog(o.predictionLog);
  metrics.watchReadiness(() => readiness(state, o.readiness).ready);

  const app = express();
  app.disable('x-powered-by');
  // Predictions are computed per request; hashing every JSON body for an ETag costs more than it saves.
  app.set('etag', false);
  app.use(requestIds({ metrics }));
  app.use(apiSecurityHeaders());
  o.api(app);
  app.use(healthRoutes(state, o.readiness));
  app.get('/metrics', metrics.handler());
  app.use('/api', notFound());
  if (o.pages) {
    app.use(pageSecurityHeaders());
    o.pages(app);
  }
  app.use(notFound());
  app.use(errorHandler(o.errors));
  return app;
}
